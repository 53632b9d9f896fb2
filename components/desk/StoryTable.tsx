import Link from "next/link";
import type { StoryListItem } from "@/lib/stories/queries";
import { KIND_LABELS } from "@/lib/stories/schema";
import { StatusBadge } from "@/components/desk/StatusBadge";
import { formatIssueDate, formatMoment } from "@/lib/core/dates";
import { ADOPTION_LABELS, type Adoption } from "@/lib/adoption/adoption-labels";
import { pageLabel } from "@/lib/format";

export function StoryTable({ stories, empty, showAuthor = false, adoption }: { stories: StoryListItem[]; empty: string; showAuthor?: boolean; adoption?: Map<string, Adoption> }) {
  if (stories.length === 0) return <p className="rounded border border-dashed border-stone-300 p-6 text-center text-stone-600">{empty}</p>;
  return (
    <div className="overflow-x-auto rounded border border-stone-300 bg-white">
      <table className="w-full text-sm">
        <thead className="bg-stone-100 text-left text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2">标题</th>
            <th scope="col" className="px-3 py-2">体裁</th>
            {showAuthor && <th scope="col" className="px-3 py-2">署名</th>}
            <th scope="col" className="px-3 py-2">字数</th>
            <th scope="col" className="px-3 py-2">状态</th>
            {adoption && <th scope="col" className="px-3 py-2">采用</th>}
            <th scope="col" className="px-3 py-2">更新</th>
          </tr>
        </thead>
        <tbody>
          {stories.map((s) => (
            <tr key={s.id} className="border-t border-stone-200">
              <td className="px-3 py-2">
                <Link href={`/desk/stories/${s.id}`} className="font-medium hover:text-masthead hover:underline">
                  {s.headline || "（无标题）"}
                </Link>
                {s.tags.length > 0 && <span className="ml-2 text-xs text-stone-500">{s.tags.join("、")}</span>}
              </td>
              <td className="px-3 py-2">{KIND_LABELS[s.kind]}</td>
              {showAuthor && (
                <td className="px-3 py-2">
                  {/* The people credited first; the filing account after, for the desk. */}
                  <span className="block">{s.credited || <span className="text-stone-500">（无署名）</span>}</span>
                  <span className="block text-xs text-stone-500">提交：{s.authorName}</span>
                </td>
              )}
              <td className="px-3 py-2 tabular-nums">{s.charCount}</td>
              <td className="px-3 py-2"><StatusBadge status={s.status} /></td>
              {adoption && <td className="px-3 py-2"><AdoptionCell adoption={adoption.get(s.id)} /></td>}
              <td className="px-3 py-2 whitespace-nowrap text-stone-600">{formatMoment(s.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}


/** Where a correspondent's piece stands: 已采用 with the page it ran on, 未采用 with the desk's reason. */
function AdoptionCell({ adoption }: { adoption: Adoption | undefined }) {
  if (!adoption) return null;
  if (adoption.state === "USED") {
    const { ran } = adoption;
    return (
      <span data-testid="adoption">
        <Link href={`/issues/${ran.issueDate}/pages/${ran.pageNumber}`} className="text-green-800 underline">
          {ADOPTION_LABELS.USED} — {pageLabel(ran.pageNumber)} {ran.pageName}
        </Link>
        <span className="block text-xs text-stone-500">{formatIssueDate(ran.issueDate, false)} 见报《{ran.headline}》</span>
      </span>
    );
  }
  if (adoption.state === "NOT_USED") {
    return (
      <span data-testid="adoption" className="text-stone-600">
        {ADOPTION_LABELS.NOT_USED}
        {adoption.reason && <span className="block text-xs">{adoption.reason}</span>}
      </span>
    );
  }
  return <span data-testid="adoption" className="text-stone-600">{ADOPTION_LABELS[adoption.state]}</span>;
}
