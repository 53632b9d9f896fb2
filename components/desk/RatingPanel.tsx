import { ActionForm } from "@/components/desk/ActionForm";
import { GRADES, GRADE_LABELS } from "@/lib/fees/fee-table";
import { formatMoment } from "@/lib/core/dates";
import type { FormState } from "@/lib/actions/form-state";
import type { StoryRatingView } from "@/lib/fees/ratings";

// 稿件评级 beside the story: the grade that multiplies its 稿酬, whether it is a 重点稿 (weighs more in
// 采用), whether it was reprinted (转载, unpaid by default). Set on approval or in the morning review.
export function RatingPanel({ storyId, rating, action }: { storyId: string; rating: StoryRatingView | null; action: (state: FormState, form: FormData) => Promise<FormState> }) {
  return (
    <section aria-labelledby="rating-title" className="rounded border border-stone-300 bg-white p-3 text-sm">
      <h2 id="rating-title" className="mb-2 font-bold">稿件评级</h2>
      <ActionForm action={action} hidden={{ storyId }} className="space-y-2">
        <label className="block">
          <span className="label">等级（稿酬倍数）</span>
          <select name="grade" defaultValue={rating?.grade ?? ""} className="input">
            <option value="">不评级</option>
            {GRADES.map((g) => <option key={g} value={g}>{GRADE_LABELS[g]}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="keyPiece" defaultChecked={rating?.keyPiece ?? false} /> 重点稿
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="reprint" defaultChecked={rating?.reprint ?? false} /> 转载稿
        </label>
        {/* Not 保存: that word is the story form's own button, and one word should name one button. */}
        <button type="submit" className="btn btn-sm">确定评级</button>
      </ActionForm>
      {rating && <p className="mt-2 text-xs text-stone-500">{rating.ratedBy} 评于 {formatMoment(rating.ratedAt)}</p>}
    </section>
  );
}
