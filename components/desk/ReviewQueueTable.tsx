import Link from "next/link";
import type { QueueItem } from "@/lib/stories/review-queues";
import { StatusBadge } from "@/components/desk/StatusBadge";
import { formatIssueDate, formatWait, issueDateToString } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";

/** One review step's queue: what waits, for how long, and the page it is planned for. */
export function ReviewQueueTable({ stories, empty, now }: { stories: QueueItem[]; empty: string; now: Date }) {
  if (stories.length === 0) return <p className="rounded border border-dashed border-stone-300 p-6 text-center text-stone-600">{empty}</p>;
  return (
    <div className="overflow-x-auto rounded border border-stone-300 bg-white">
      <table className="w-full text-sm">
        <thead className="bg-stone-100 text-left text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2">标题</th>
            <th scope="col" className="px-3 py-2">署名</th>
            <th scope="col" className="px-3 py-2">字数</th>
            <th scope="col" className="px-3 py-2">已等待</th>
            <th scope="col" className="px-3 py-2">版面</th>
            <th scope="col" className="px-3 py-2">状态</th>
          </tr>
        </thead>
        <tbody>
          {stories.map((s) => (
            <tr key={s.id} className="border-t border-stone-200" data-testid="queue-row">
              <td className="px-3 py-2">
                <Link href={`/desk/stories/${s.id}`} className="font-medium hover:text-masthead hover:underline">
                  {s.headline || "（无标题）"}
                </Link>
              </td>
              <td className="px-3 py-2">
                <span className="block">{s.credited || <span className="text-stone-500">（无署名）</span>}</span>
                <span className="block text-xs text-stone-500">提交：{s.authorName}</span>
              </td>
              <td className="px-3 py-2 tabular-nums">{s.charCount}</td>
              <td className="px-3 py-2 whitespace-nowrap">{s.waitingSince ? formatWait(s.waitingSince, now) : "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap text-stone-600">
                {s.page ? `${formatIssueDate(issueDateToString(s.page.issueDate), false)} ${pageLabel(s.page.number)} ${s.page.name}` : "未排版"}
              </td>
              <td className="px-3 py-2"><StatusBadge status={s.status} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
