"use client";

import { useActionState } from "react";
import { idle } from "@/lib/actions/form-state";
import { afterPublicationAction } from "@/app/(newsroom)/desk/stories/actions";
import { FormMessage } from "@/components/desk/FormMessage";

// A published story is not edited: it gets a dated correction, or the chief editor withdraws it.
export function AfterPublicationForms({ storyId, version, canCorrect, canWithdraw }: { storyId: string; version: number; canCorrect: boolean; canWithdraw: boolean }) {
  const [state, action, pending] = useActionState(afterPublicationAction, idle);
  return (
    <section aria-labelledby="after-title" className="space-y-3 rounded border border-stone-300 bg-white p-4">
      <h2 id="after-title" className="font-bold">见报后处理</h2>
      <FormMessage state={state} />
      {canCorrect && (
        <form action={action} className="space-y-2">
          <input type="hidden" name="storyId" value={storyId} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="what" value="correct" />
          <label className="block">
            <span className="label">更正说明（显示在稿件下方，注明日期）</span>
            <textarea name="note" className="input min-h-16 text-sm" />
          </label>
          <button type="submit" className="btn btn-sm" disabled={pending}>发布更正</button>
        </form>
      )}
      {canWithdraw && (
        <form action={action} className="space-y-2" onSubmit={(e) => { if (!window.confirm("撤稿后读者将无法阅读这篇稿件，确定撤稿吗？")) e.preventDefault(); }}>
          <input type="hidden" name="storyId" value={storyId} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="what" value="withdraw" />
          <label className="block">
            <span className="label">撤稿原因</span>
            <textarea name="note" className="input min-h-16 text-sm" />
          </label>
          <button type="submit" className="btn-danger btn-sm" disabled={pending}>撤稿</button>
        </form>
      )}
    </section>
  );
}
