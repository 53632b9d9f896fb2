import Link from "next/link";
import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { listMyStories } from "@/lib/stories/queries";
import { StoryTable } from "@/components/desk/StoryTable";
import { Flash } from "@/components/desk/Flash";
import { readFlash } from "@/lib/core/flash";
import { myAssignments } from "@/lib/issues/assignments";
import { formatIssueDate, formatMoment } from "@/lib/core/dates";
import { STATUS_LABELS, type StoryStatus } from "@/lib/stories/workflow";
import { pageLabel } from "@/lib/format";

export const metadata: Metadata = { title: "我的稿件" };

export default async function MyStoriesPage({ searchParams }: { searchParams: Promise<{ done?: string; seal?: string }> }) {
  const user = await requireCapability("story:file");
  const [stories, assignments, { done, seal }] = await Promise.all([listMyStories(user), myAssignments(user), searchParams]);
  return (
    <>
      <Flash message={readFlash({ done, seal })} />
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-bold">我的稿件</h1>
        <Link href="/desk/stories/new" className="btn-primary">写新稿</Link>
      </div>
      {assignments.length > 0 && (
        <section aria-labelledby="assignments-title" className="mb-6 rounded border border-amber-400 bg-amber-50 p-4">
          <h2 id="assignments-title" className="mb-2 font-bold">约稿（编辑排好的计划稿）</h2>
          <ul className="space-y-2">
            {assignments.map((a) => (
              <li key={a.slotId} className="flex flex-wrap items-baseline gap-x-3 gap-y-1" data-testid="assignment">
                <strong>“{a.topic}”</strong>
                <span className="text-sm text-stone-700">
                  约 {a.targetLength ?? "?"} 字 · {formatIssueDate(a.issue.date, false)}{pageLabel(a.page.number)}{a.page.name}
                  {a.deadline && ` · 截稿 ${formatMoment(a.deadline)}（北京时间）`}
                </span>
                {a.filed ? (
                  <Link href={`/desk/stories/${a.filed.id}`} className="text-sm text-masthead underline">
                    已交稿《{a.filed.headline || "无标题"}》（{STATUS_LABELS[a.filed.status as StoryStatus]}）
                  </Link>
                ) : (
                  <Link href={`/desk/stories/new?slot=${a.slotId}`} className="btn btn-sm">写这篇稿</Link>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <StoryTable stories={stories} empty="你还没有稿件。点“写新稿”开始。" />
    </>
  );
}
