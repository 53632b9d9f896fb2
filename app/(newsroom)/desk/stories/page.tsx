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
import { adoptionOf, adoptionTotals, contributorOf, myRanPieces, type RanPiece } from "@/lib/adoption/my-work";
import { feesOf } from "@/lib/fees/ledger";
import { yuan } from "@/lib/fees/money";
import { issueDateFromString, paperDay as today } from "@/lib/core/dates";

export const metadata: Metadata = { title: "我的稿件" };

export default async function MyStoriesPage({ searchParams }: { searchParams: Promise<{ done?: string; seal?: string }> }) {
  const user = await requireCapability("story:file");
  const month = today().slice(0, 7);
  const [stories, assignments, { done, seal }, ran, contributorId] = await Promise.all([
    listMyStories(user),
    myAssignments(user),
    searchParams,
    myRanPieces(user, issueDateFromString(`${month.slice(0, 4)}-01-01`)),
    contributorOf(user),
  ]);
  const [adoption, fees] = await Promise.all([
    adoptionOf(user, stories.map((s) => s.id)),
    contributorId ? feesOf(user, contributorId, month) : Promise.resolve(null),
  ]);
  const totals = adoptionTotals(ran, month);
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
      <section aria-labelledby="adoption-title" className="mb-6 rounded border border-stone-300 bg-white p-4">
        <h2 id="adoption-title" className="mb-1 font-bold">我的采用</h2>
        <p className="text-sm" data-testid="adoption-totals">
          本月见报 <strong>{totals.month.pieces}</strong> 篇、{totals.month.characters.toLocaleString("zh-CN")} 字；今年 <strong>{totals.year.pieces}</strong> 篇、
          {totals.year.characters.toLocaleString("zh-CN")} 字
          {fees && contributorId && (
            <>
              ；本月稿酬{fees.closed ? "" : "（预计）"} <strong>{yuan(fees.totalFen)}</strong>{" "}
              <Link href={`/desk/fees/slip?month=${month}&payee=${contributorId}`} className="text-masthead underline">稿费单</Link>
            </>
          )}
        </p>
        {ran.length > 0 && (
          <>
            <RanPieces pieces={ran.slice(0, 8)} label="最近见报的稿件" />
            {ran.length > 8 && (
              // The rest of the year folded away, so the story list stays in reach.
              <details className="mt-1 text-sm">
                <summary className="cursor-pointer text-masthead">今年其余 {ran.length - 8} 篇</summary>
                <RanPieces pieces={ran.slice(8)} label="今年其余见报的稿件" />
              </details>
            )}
          </>
        )}
      </section>
      <StoryTable stories={stories} adoption={adoption} empty="你还没有稿件。点“写新稿”开始。" />
    </>
  );
}

function RanPieces({ pieces, label }: { pieces: RanPiece[]; label: string }) {
  return (
    <ul className="mt-2 space-y-1 text-sm" aria-label={label}>
      {pieces.map((p) => (
        <li key={`${p.storyId}-${p.issueDate}`} data-testid="ran-piece">
          <span className="text-stone-600">{formatIssueDate(p.issueDate, false)}</span>{" "}
          <Link href={`/issues/${p.issueDate}/pages/${p.pageNumber}`} className="underline">{pageLabel(p.pageNumber)} {p.pageName}</Link>{" "}
          《<Link href={`/stories/${p.storyId}`} className="underline">{p.headline}</Link>》
          {p.isLead && <span className="ml-1 text-xs text-masthead">头条</span>}
          {p.sharedWith.length > 0 && <span className="ml-1 text-xs text-stone-500">与{p.sharedWith.join("、")}合署</span>}
        </li>
      ))}
    </ul>
  );
}
