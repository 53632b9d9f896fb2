import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireCapability } from "@/lib/core/session";
import { getIssueAssembly } from "@/lib/issues/queries";
import { listDeskStories } from "@/lib/stories/queries";
import { DomainError } from "@/lib/core/errors";
import { ActionForm } from "@/components/desk/ActionForm";
import { Flash } from "@/components/desk/Flash";
import { addPageAction, arrangeStoryAction, placeStoryAction, removePageAction, unplaceStoryAction } from "../actions";
import { holdReleaseAction, releaseNowAction, scheduleReleaseAction } from "../release-actions";
import { releaseView } from "@/lib/issues/release";
import { ReleasePanel } from "@/components/desk/ReleasePanel";
import { ISSUE_STATUS_LABELS } from "@/lib/issues/labels";
import { KIND_LABELS } from "@/lib/validation/story";
import { formatIssueDate, formatMoment, issueDateToString } from "@/lib/core/dates";
import { readFlash } from "@/lib/core/flash";

export const metadata: Metadata = { title: "编排本期" };

export default async function AssemblyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string; seal?: string }> }) {
  const user = await requireCapability("issue:assemble");
  const { id } = await params;
  const { done, seal } = await searchParams;
  const issue = await getIssueAssembly(user, id).catch((e) => {
    if (e instanceof DomainError && e.code === "not_found") notFound();
    throw e;
  });
  const approved = await listDeskStories(user, ["APPROVED"]);
  const open = issue.status !== "PUBLISHED";
  const date = issueDateToString(issue.date);
  return (
    <>
      <Flash message={readFlash({ done, seal })} />
      <div className="mb-6 flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-bold">{formatIssueDate(date)} · 总第{issue.number}期</h1>
        <span className="rounded bg-stone-200 px-2 py-0.5 text-sm">{ISSUE_STATUS_LABELS[issue.status]}</span>
        {issue.publishedAt && (
          <>
            <span className="text-sm text-stone-600">见报于 {formatMoment(issue.publishedAt)}</span>
            <Link href={`/issues/${date}`} className="text-sm text-masthead underline">在读者版查看</Link>
          </>
        )}
        <ReleasePanel release={await releaseView(user, issue.id)} actions={{ releaseNow: releaseNowAction, schedule: scheduleReleaseAction, hold: holdReleaseAction }} />
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_340px]">
        <div className="space-y-6">
          {issue.pages.map((page) => (
            <section key={page.id} aria-labelledby={`page-${page.id}`} className="rounded border border-stone-300 bg-white p-4">
              <div className="mb-3 flex items-center justify-between">
                <h2 id={`page-${page.id}`} className="font-bold">
                  第{page.number}版 · {page.name}
                </h2>
                <span className="text-sm text-stone-600">{page.stories.length} 篇 · {page.charCount} 字</span>
              </div>
              {page.stories.length === 0 && (
                <div className="flex items-center justify-between text-sm text-stone-500">
                  本版还没有稿件。
                  {open && (
                    <ActionForm action={removePageAction} hidden={{ pageId: page.id }}>
                      <button type="submit" className="btn btn-sm">删除此版</button>
                    </ActionForm>
                  )}
                </div>
              )}
              <ol className="space-y-2">
                {page.stories.map((s, i) => (
                  <li key={s.storyId} className="flex flex-wrap items-center gap-2 rounded border border-stone-200 p-2">
                    {s.isLead && <span className="rounded bg-masthead px-1.5 py-0.5 text-xs text-white">头条</span>}
                    <Link href={`/desk/stories/${s.storyId}`} className="font-medium hover:text-masthead hover:underline">
                      {s.headline || "（图片新闻）"}
                    </Link>
                    <span className="text-xs text-stone-500">{KIND_LABELS[s.kind]} · {s.authorName} · {s.charCount} 字</span>
                    {open && (
                      <span className="ml-auto flex gap-1">
                        {!s.isLead && (
                          <ActionForm action={arrangeStoryAction} hidden={{ storyId: s.storyId, move: "lead" }}>
                            <button type="submit" className="btn btn-sm">设为头条</button>
                          </ActionForm>
                        )}
                        <ActionForm action={arrangeStoryAction} hidden={{ storyId: s.storyId, move: "up" }}>
                          <button type="submit" className="btn btn-sm" disabled={i === 0 || (i === 1 && page.stories[0].isLead)} aria-label={`上移 ${s.headline}`}>上移</button>
                        </ActionForm>
                        <ActionForm action={arrangeStoryAction} hidden={{ storyId: s.storyId, move: "down" }}>
                          <button type="submit" className="btn btn-sm" disabled={i === page.stories.length - 1 || s.isLead} aria-label={`下移 ${s.headline}`}>下移</button>
                        </ActionForm>
                        <ActionForm action={unplaceStoryAction} hidden={{ storyId: s.storyId }}>
                          <button type="submit" className="btn btn-sm">撤下</button>
                        </ActionForm>
                      </span>
                    )}
                  </li>
                ))}
              </ol>
            </section>
          ))}
          {open && (
            <section className="rounded border border-dashed border-stone-300 p-4" aria-labelledby="add-page">
              <h2 id="add-page" className="mb-2 font-bold">添加版面</h2>
              <ActionForm action={addPageAction} hidden={{ issueId: issue.id }} className="flex flex-wrap items-end gap-3">
                <label>
                  <span className="label">版次</span>
                  <input type="number" name="number" className="input w-24" min={1} defaultValue={issue.pages.length + 1} />
                </label>
                <label>
                  <span className="label">版名</span>
                  <input name="name" className="input w-48" placeholder="例如：经济" />
                </label>
                <button type="submit" className="btn">添加</button>
              </ActionForm>
            </section>
          )}
        </div>

        <aside aria-labelledby="approved-title" className="space-y-3">
          <h2 id="approved-title" className="font-bold">已通过的稿件</h2>
          {approved.length === 0 && <p className="text-sm text-stone-500">没有待上版的稿件。</p>}
          {open &&
            approved.map((s) => (
              <div key={s.id} className="rounded border border-stone-300 bg-white p-3">
                <p className="font-medium">{s.headline || "（图片新闻）"}</p>
                <p className="mb-2 text-xs text-stone-500">{KIND_LABELS[s.kind]} · {s.authorName} · {s.charCount} 字</p>
                <ActionForm action={placeStoryAction} hidden={{ storyId: s.id }} className="flex flex-wrap gap-2">
                  <select name="pageId" className="input w-auto py-1 text-sm" aria-label={`为“${s.headline}”选择版面`} defaultValue={issue.pages[0]?.id}>
                    {issue.pages.map((p) => (
                      <option key={p.id} value={p.id}>第{p.number}版 {p.name}</option>
                    ))}
                  </select>
                  <button type="submit" className="btn btn-sm" aria-label={`上版：${s.headline || "图片新闻"}`}>上版</button>
                </ActionForm>
              </div>
            ))}
        </aside>
      </div>
    </>
  );
}
