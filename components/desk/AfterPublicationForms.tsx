import type { FormAction } from "@/lib/actions/form-state";
import { ActionForm } from "@/components/desk/ActionForm";

// A published story is not edited: it gets a dated correction, or the chief editor withdraws it.
export function AfterPublicationForms({
  storyId,
  version,
  canCorrect,
  canWithdraw,
  action: afterPublicationAction,
}: {
  storyId: string;
  version: number;
  canCorrect: boolean;
  canWithdraw: boolean;
  action: FormAction;
}) {
  const hidden = { storyId, version: String(version) };
  return (
    <section aria-labelledby="after-title" className="space-y-4 rounded border border-stone-300 bg-white p-4">
      <h2 id="after-title" className="font-bold">见报后处理</h2>
      {canCorrect && (
        <ActionForm action={afterPublicationAction} hidden={{ ...hidden, what: "correct" }} className="space-y-2">
          <label className="block">
            <span className="label">更正说明（显示在稿件下方，注明日期）</span>
            <textarea name="note" className="input min-h-16 text-sm" />
          </label>
          <button type="submit" className="btn btn-sm">发布更正</button>
        </ActionForm>
      )}
      {canWithdraw && (
        <ActionForm action={afterPublicationAction} hidden={{ ...hidden, what: "withdraw" }} className="space-y-2" confirm="撤稿后读者将无法阅读这篇稿件，确定撤稿吗？">
          <label className="block">
            <span className="label">撤稿原因</span>
            <textarea name="note" className="input min-h-16 text-sm" />
          </label>
          <button type="submit" className="btn-danger btn-sm">撤稿</button>
        </ActionForm>
      )}
    </section>
  );
}
