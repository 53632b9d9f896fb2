import Link from "next/link";
import { formatMoment } from "@/lib/core/dates";

/**
 * 更正说明 beside a released page: the page (and its PDF) shows what was printed; a story corrected
 * since is named here, and its own page carries the corrected text.
 */
export function CorrectionNotes({ corrections }: { corrections: { storyId: string; headline: string; at: string }[] }) {
  if (corrections.length === 0) return null;
  return (
    <aside aria-label="更正说明" className="no-print mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-semibold">本版见报后有更正，版面保持印刷原貌：</p>
      <ul className="mt-1 list-disc pl-5">
        {corrections.map((c) => (
          <li key={c.storyId}>
            <Link href={`/stories/${c.storyId}`} className="underline">《{c.headline || "图片新闻"}》</Link>于北京时间 {formatMoment(c.at)} 更正，请以稿件页为准。
          </li>
        ))}
      </ul>
    </aside>
  );
}
