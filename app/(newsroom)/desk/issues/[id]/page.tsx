import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireCapability } from "@/lib/core/session";
import { issueBoard } from "@/lib/issues/board";
import { DomainError } from "@/lib/core/errors";
import { ActionForm } from "@/components/desk/ActionForm";
import { Flash } from "@/components/desk/Flash";
import { IssueBoard } from "@/components/desk/board/IssueBoard";
import { addPageAction } from "../actions";
import { holdReleaseAction, releaseNowAction, scheduleReleaseAction } from "../release-actions";
import { releaseView } from "@/lib/issues/release";
import { ReleasePanel } from "@/components/desk/ReleasePanel";
import { boardAction } from "../board-actions";
import { ISSUE_STATUS_LABELS } from "@/lib/issues/labels";
import { formatIssueDate, formatMoment } from "@/lib/core/dates";
import { readFlash } from "@/lib/core/flash";

export const metadata: Metadata = { title: "版面" };

// The page desk's center: every page of the issue on one board.
export default async function BoardPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string; seal?: string }> }) {
  const user = await requireCapability("issue:assemble");
  const { id } = await params;
  const { done, seal } = await searchParams;
  const board = await issueBoard(user, id).catch((e) => {
    if (e instanceof DomainError && e.code === "not_found") notFound();
    throw e;
  });
  const { issue } = board;
  const open = issue.status !== "PUBLISHED";
  return (
    // The board takes the whole width of the window: a paper has up to a dozen pages side by side.
    <div className="relative left-1/2 w-[calc(100vw-20px)] -translate-x-1/2 px-6">
      <Flash message={readFlash({ done, seal })} />
      <div className="mb-4 flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-bold">
          {formatIssueDate(issue.date)} · 总第{issue.number}期
        </h1>
        <span className="rounded bg-stone-200 px-2 py-0.5 text-sm" data-testid="issue-status">
          {ISSUE_STATUS_LABELS[issue.status]}
          {issue.status === "SCHEDULED" && issue.publishAt && ` 北京时间 ${formatMoment(issue.publishAt)}`}
        </span>
        {!open && (
          <Link href={`/issues/${issue.date}`} className="text-sm text-masthead underline">在读者版查看</Link>
        )}
        <ReleasePanel release={await releaseView(user, issue.id)} actions={{ releaseNow: releaseNowAction, schedule: scheduleReleaseAction, hold: holdReleaseAction }} />
      </div>
      <IssueBoard initial={board} act={boardAction} readOnly={!open} />
      {open && (
        <section className="mt-4 max-w-xl rounded border border-dashed border-stone-300 p-4" aria-labelledby="add-page">
          <h2 id="add-page" className="mb-2 font-bold">添加版面</h2>
          <ActionForm action={addPageAction} hidden={{ issueId: issue.id }} className="flex flex-wrap items-end gap-3">
            <label>
              <span className="label">版次</span>
              {/* Drawn again when pages come or go (here or on another editor's board): the next number follows. */}
              <input key={board.pages.length} type="number" name="number" className="input w-24" min={1} defaultValue={board.pages.length + 1} />
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
  );
}
