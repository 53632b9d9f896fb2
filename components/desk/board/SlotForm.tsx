"use client";

import { useState } from "react";
import { MomentField } from "@/components/DateField";
import { SIZE_LABELS } from "@/lib/issues/labels";
import { SIZE_CLASSES } from "@/lib/issues/page-plan";
import type { BoardCommand, BoardPage, IssueBoard, PageAt } from "@/components/desk/board/types";

/** Plans a slot (计划稿) on a page: the space, the topic, the reporter, the length and the deadline. */
export function SlotForm({ page, reporters, send, at }: { page: BoardPage; reporters: IssueBoard["reporters"]; send: (c: BoardCommand, done?: string) => Promise<boolean>; at: (pageId: string) => PageAt }) {
  const empty = { topic: "", assigneeId: "", targetLength: "1200", deadline: "", size: "DOUBLE" };
  const [values, setValues] = useState(empty);
  const set = (name: keyof typeof empty) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [name]: e.target.value }));
  const id = (name: string) => `slot-${page.id}-${name}`;
  return (
    <details className="rounded border border-stone-200 p-2">
      <summary className="cursor-pointer text-sm">加计划稿</summary>
      <form
        className="mt-2 space-y-2"
        onSubmit={async (e) => {
          e.preventDefault();
          // Kept as typed when refused; cleared when planned.
          if (await send({ do: "slot", at: at(page.id), plan: values }, "计划稿已排上，已通知记者")) setValues(empty);
        }}
      >
        <label className="block text-xs" htmlFor={id("topic")}>选题</label>
        <input id={id("topic")} className="input" value={values.topic} onChange={set("topic")} />
        <label className="block text-xs" htmlFor={id("assignee")}>记者</label>
        <select id={id("assignee")} className="input" value={values.assigneeId} onChange={set("assigneeId")}>
          <option value="">请选择</option>
          {reporters.map((r) => (
            <option key={r.id} value={r.id}>{r.name}{r.affiliation && `（${r.affiliation}）`}</option>
          ))}
        </select>
        <div className="flex gap-2">
          <label className="block flex-1 text-xs">
            字数
            <input className="input" inputMode="numeric" value={values.targetLength} onChange={set("targetLength")} />
          </label>
          <label className="block flex-1 text-xs">
            大小
            <select className="input" value={values.size} onChange={set("size")}>
              {SIZE_CLASSES.map((s) => (
                <option key={s} value={s}>{SIZE_LABELS[s]}</option>
              ))}
            </select>
          </label>
        </div>
        <label className="block text-xs" htmlFor={id("deadline")}>截稿时间（北京时间）</label>
        <MomentField id={id("deadline")} label="截稿时间（北京时间）" value={values.deadline} onValue={(deadline) => setValues((v) => ({ ...v, deadline }))} />
        <button type="submit" className="btn btn-sm w-full justify-center">排上计划稿</button>
      </form>
    </details>
  );
}
