"use client";

import { useEffect, useState } from "react";
import { RESERVED_KINDS, type ReservedKind } from "@/lib/issues/page-plan";
import type { BoardCommand, BoardPage, IssueBoard, PageAt } from "@/components/desk/board/types";

type Area = { kind: ReservedKind; label: string; share: string };

/** The page's format, its foot credits (责任编辑 / 美术编辑 / 校对) and space held for ads and fillers. */
export function PagePlanForm({ page, formats, send, at }: { page: BoardPage; formats: IssueBoard["formats"]; send: (c: BoardCommand, done?: string) => Promise<boolean>; at: (pageId: string) => PageAt }) {
  const { layout } = page.view;
  const saved = () => ({
    formatCode: layout.page.format.code,
    editorCredit: layout.page.credits.editor,
    designerCredit: layout.page.credits.designer,
    proofreaderCredit: layout.page.credits.proofreader,
    reserved: layout.page.reserved.map((a) => ({ ...a, share: String(a.share) })) as Area[],
  });
  const [values, setValues] = useState(saved);
  const [dirty, setDirty] = useState(false);
  // Follows the page as others change it, unless this person is in the middle of an edit.
  useEffect(() => {
    if (!dirty) setValues(saved());
  }, [page.version]);
  const change = (next: Partial<typeof values>) => {
    setValues((v) => ({ ...v, ...next }));
    setDirty(true);
  };
  const id = (name: string) => `plan-${page.id}-${name}`;
  return (
    <details className="rounded border border-stone-200 p-2">
      <summary className="cursor-pointer text-sm">版式、署名与预留</summary>
      <form
        className="mt-2 space-y-2"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await send({ do: "plan", at: at(page.id), plan: values }, "版面设置已保存")) setDirty(false);
        }}
      >
        <label className="block text-xs" htmlFor={id("format")}>版式</label>
        <select id={id("format")} className="input" value={values.formatCode} onChange={(e) => change({ formatCode: e.target.value })}>
          {formats.map((f) => (
            <option key={f.code} value={f.code}>{f.name}（{f.columns} 栏，约 {f.capacity} 字）</option>
          ))}
        </select>
        {(["editorCredit", "designerCredit", "proofreaderCredit"] as const).map((name) => (
          <div key={name}>
            <label className="block text-xs" htmlFor={id(name)}>{{ editorCredit: "责任编辑", designerCredit: "美术编辑", proofreaderCredit: "校对" }[name]}</label>
            <input id={id(name)} className="input" value={values[name]} onChange={(e) => change({ [name]: e.target.value })} />
          </div>
        ))}
        <fieldset className="space-y-1">
          <legend className="text-xs">预留（占版面百分比）</legend>
          {values.reserved.map((area, i) => (
            <div key={i} className="flex gap-1">
              <select aria-label="预留类型" className="input w-20" value={area.kind} onChange={(e) => change({ reserved: values.reserved.map((a, j) => (j === i ? { ...a, kind: e.target.value as ReservedKind } : a)) })}>
                {Object.entries(RESERVED_KINDS).map(([kind, label]) => (
                  <option key={kind} value={kind}>{label}</option>
                ))}
              </select>
              <input aria-label="说明" className="input flex-1" value={area.label} onChange={(e) => change({ reserved: values.reserved.map((a, j) => (j === i ? { ...a, label: e.target.value } : a)) })} />
              <input aria-label="占版百分比" className="input w-14" inputMode="numeric" value={area.share} onChange={(e) => change({ reserved: values.reserved.map((a, j) => (j === i ? { ...a, share: e.target.value } : a)) })} />
              <button type="button" aria-label="删去这块预留" className="px-1 text-red-800" onClick={() => change({ reserved: values.reserved.filter((_, j) => j !== i) })}>×</button>
            </div>
          ))}
          <button type="button" className="text-xs text-masthead underline" onClick={() => change({ reserved: [...values.reserved, { kind: "AD", label: "", share: "25" }] })}>
            加一块预留
          </button>
        </fieldset>
        <button type="submit" className="btn btn-sm w-full justify-center">保存版面设置</button>
      </form>
    </details>
  );
}
