import Link from "next/link";
import { DECISION_LABELS, STEP_LABELS, dueStep, type ReviewState } from "@/lib/stories/review-chain";
import type { ReviewSheet } from "@/lib/stories/reviews";
import { formatMoment } from "@/lib/core/dates";

type Props = {
  storyId: string;
  review: ReviewState & { sheets: ReviewSheet[] };
  /** The revision each sheet read (by version) and the newest: a link shows what changed since. */
  revisions: { byVersion: Map<number, string>; newest: { id: string; version: number } | null };
};

/** The review chain at a glance (who passed which step, what is due) and every 审稿单, newest first. */
export function ReviewChain({ storyId, review, revisions }: Props) {
  const due = dueStep(review.chain, review.reviewedTo);
  return (
    <section aria-label="审稿流程" className="rounded border border-stone-300 bg-white p-3 text-sm">
      <h2 className="mb-2 font-bold">审稿流程</h2>
      <ol className="mb-3 flex flex-wrap gap-2">
        {review.chain.map((step) => {
          const passed = review.passedBy[step];
          const state = passed ? "passed" : step === due ? "due" : "later";
          return (
            <li key={step} data-testid={`review-step-${step}`} data-state={state} className={`rounded border px-2 py-1 ${passed ? "border-green-600 bg-green-50 text-green-900" : step === due ? "border-amber-500 bg-amber-50" : "border-stone-300 text-stone-500"}`}>
              {STEP_LABELS[step]}
              {passed ? ` ✓ ${passed.name}` : step === due ? " · 待审" : ""}
            </li>
          );
        })}
        {/* Copy approved before the chain was kept has its 初审 without a sheet. */}
        {review.reviewedTo && !review.passedBy[review.reviewedTo] && <li className="text-xs text-stone-500">（{STEP_LABELS[review.reviewedTo]}在启用三审前通过）</li>}
      </ol>
      {review.sheets.length === 0 ? (
        <p className="text-stone-600">还没有审稿单。</p>
      ) : (
        <ul className="space-y-2" aria-label="审稿单">
          {[...review.sheets].reverse().map((sheet) => {
            const read = revisions.byVersion.get(sheet.version);
            const changedSince = read && revisions.newest && revisions.newest.version > sheet.version;
            return (
              <li key={sheet.id} data-testid="review-sheet" className="border-t border-stone-200 pt-2">
                <p>
                  <strong>{STEP_LABELS[sheet.step]}</strong> · {DECISION_LABELS[sheet.decision]}
                  {sheet.decision === "SEND_BACK" && (sheet.backTo ? `到${STEP_LABELS[sheet.backTo]}` : "给作者")}
                  <span className="text-stone-600"> · {sheet.reviewer.name} · {formatMoment(sheet.createdAt)} · 第 {sheet.version} 版</span>
                </p>
                {sheet.opinion && <p className="mt-1 whitespace-pre-wrap">{sheet.opinion}</p>}
                {changedSince && (
                  <Link href={`/desk/stories/${storyId}/history?a=${read}&b=${revisions.newest!.id}`} className="text-xs text-masthead underline">
                    此后的改动（第 {sheet.version} 版 → 第 {revisions.newest!.version} 版）
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
