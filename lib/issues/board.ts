import "server-only";
import { creditedLine } from "@/lib/contributors/byline";
import { creditsSelect } from "@/lib/stories/content";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { notFound } from "@/lib/core/errors";
import { rolesWith } from "@/lib/core/roles";
import { mayAssemble } from "@/lib/issues/desk-rules";
import { isRecordId } from "@/lib/core/ids";
import { issueDateToString } from "@/lib/core/dates";
import { loadPageView, type PageView } from "@/lib/issues/page-view";
import { deadlineTimes } from "@/lib/issues/paper-profile";
import { pageDeadlines, type PageDeadlines } from "@/lib/issues/deadlines";
import type { IssueStatus, PageStatus } from "@/lib/generated/prisma/enums";
import type { StoryKind } from "@/lib/stories/schema";

// The board (/desk/issues/<id>): every page of an issue as it will print, with its fill, flags
// and sign-off, and the approved copy waiting to be placed. Each page is the same page-view model
// the proof and the reader's page are drawn from.

export type BoardPage = { id: string; number: number; name: string; status: PageStatus; version: number; view: PageView };
export type WaitingStory = { id: string; headline: string; kind: StoryKind; charCount: number; credited: string; authorName: string; filedFor: string | null };
export type IssueBoard = {
  /** What the board was drawn at (boardVersion): a watcher that hears another knows to draw it again. */
  version: string;
  issue: { id: string; date: string; number: number; status: IssueStatus; publishAt: string | null };
  pages: BoardPage[];
  /** Approved copy not on a page yet. */
  waiting: WaitingStory[];
  /** Who can be given a slot (计划稿). */
  reporters: { id: string; name: string; affiliation: string }[];
  formats: { code: string; name: string; columns: number; capacity: number }[];
  /** Each page's 截稿 and 签版 moments; none once the issue is out. */
  deadlines: PageDeadlines | null;
};

const mayView = mayAssemble;

/** A page on the board: its status and version are the ones its layout was drawn at (one read). */
async function boardPage(issueId: string, number: number): Promise<BoardPage> {
  const view = await loadPageView({ issueId }, number, false);
  if (!view) throw notFound("找不到这一版");
  const { page } = view.layout;
  return { id: view.pageId, number: page.number, name: page.name, status: page.status, version: page.version, view };
}

const pageColumns = { number: true } as const;

export async function issueBoard(actor: SessionUser, issueId: string): Promise<IssueBoard> {
  mayView(actor);
  if (!isRecordId(issueId)) throw notFound("找不到这一期");
  const issue = await db().issue.findUnique({
    where: { id: issueId },
    select: { id: true, date: true, number: true, status: true, publishAt: true, pages: { orderBy: { number: "asc" }, select: pageColumns } },
  });
  if (!issue) throw notFound("找不到这一期");
  // Read before the pages: a change landing in between makes the board look stale, never fresh.
  const version = await boardVersion(actor, issue.id);
  const [pages, waiting, reporters, formats, times] = await Promise.all([
    Promise.all(issue.pages.map((p) => boardPage(issue.id, p.number))),
    waitingStories(actor),
    db().user.findMany({ where: { active: true, role: { in: rolesWith("story:file") } }, orderBy: { name: "asc" }, select: { id: true, name: true, affiliation: true } }),
    db().pageFormat.findMany({ orderBy: { capacity: "desc" }, select: { code: true, name: true, columns: true, capacity: true } }),
    deadlineTimes(),
  ]);
  const date = issueDateToString(issue.date);
  return {
    version,
    issue: { id: issue.id, date, number: issue.number, status: issue.status, publishAt: issue.publishAt?.toISOString() ?? null },
    pages,
    waiting,
    reporters,
    formats,
    deadlines: issue.status === "PUBLISHED" ? null : pageDeadlines(date, times),
  };
}

/** The pages a change touched, as they are now (after it, or instead of it when it was refused). */
export async function boardPages(actor: SessionUser, pageIds: string[]): Promise<BoardPage[]> {
  mayView(actor);
  const pages = await db().page.findMany({ where: { id: { in: pageIds.filter(isRecordId) } }, orderBy: { number: "asc" }, select: { number: true, issueId: true } });
  return Promise.all(pages.map((p) => boardPage(p.issueId, p.number)));
}

export async function waitingStories(actor: SessionUser): Promise<WaitingStory[]> {
  mayView(actor);
  const rows = await db().story.findMany({
    where: { status: "APPROVED", placement: null },
    orderBy: { approvedAt: "asc" },
    select: { id: true, headline: true, kind: true, charCount: true, byline: true, contributors: creditsSelect, author: { select: { name: true } }, filedFor: { select: { slotTopic: true } } },
  });
  return rows.map((r) => ({ id: r.id, headline: r.headline, kind: r.kind, charCount: r.charCount, credited: creditedLine(r.byline, r.contributors), authorName: r.author.name, filedFor: r.filedFor?.slotTopic ?? null }));
}

/**
 * One string that moves with everything the issue's page draws from: the issue's state, each page's
 * id, number, state and version (every change to a page moves its version), and the approved copy
 * waiting for a page. One small query, so open boards can ask every few seconds what changed.
 */
export async function boardVersion(actor: SessionUser, issueId: string): Promise<string> {
  mayView(actor);
  if (!isRecordId(issueId)) throw notFound("找不到这一期");
  const [row] = await db().$queryRaw<{ version: string | null }[]>`
    SELECT md5(concat_ws('|', i.status, i."publishAt", i."publishedAt",
      (SELECT string_agg(concat_ws(':', p.id, p.number, p.status, p.version), ',' ORDER BY p.number) FROM "Page" p WHERE p."issueId" = i.id),
      (SELECT string_agg(concat_ws(':', s.id, s.version), ',' ORDER BY s.id) FROM "Story" s
        WHERE s.status = 'APPROVED' AND NOT EXISTS (SELECT 1 FROM "Placement" pl WHERE pl."storyId" = s.id))
    )) AS version
    FROM "Issue" i WHERE i.id = ${issueId}`;
  if (!row?.version) throw notFound("找不到这一期");
  return row.version;
}
