import "server-only";
import type { Tx } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { conflict, forbidden, notFound } from "@/lib/core/errors";
import { storiesPrintedOn } from "@/lib/print-record/in-print";

// The rules every page-desk command shares, in one place.

/** Editors and chief editors arrange issues; nobody else sees the board. */
export function mayAssemble(actor: SessionUser): void {
  if (!can(actor.role, "issue:assemble")) throw forbidden("只有编辑可以编排版面");
}

/**
 * Locks an issue's row for the rest of the transaction, so changes to one issue — arranging,
 * editing copy on its pages, releasing it — happen one at a time and none slips in between a
 * release's checks and its publishing. Takes the lock before anything else is read.
 */
export async function lockIssue(tx: Tx, issueId: string, { open = true } = {}) {
  await tx.$queryRaw`SELECT id FROM "Issue" WHERE id = ${issueId} FOR UPDATE`;
  const issue = await tx.issue.findUnique({ where: { id: issueId }, select: { id: true, number: true, status: true } });
  if (!issue) throw notFound("找不到这一期");
  if (open && issue.status === "PUBLISHED") throw conflict("本期已经见报，不能再改动版面");
  return issue;
}

/** Locks the issue a page belongs to (see lockIssue). */
export async function lockIssueOfPage(tx: Tx, pageId: string, options?: { open?: boolean }) {
  const page = await tx.page.findUnique({ where: { id: pageId }, select: { issueId: true } });
  if (!page) throw notFound("找不到这一版");
  return lockIssue(tx, page.issueId, options);
}

/** Locks the issue a placed story runs in, if it is on a page; null when it is on none. */
export async function lockIssueOfStory(tx: Tx, storyId: string) {
  const placement = await tx.placement.findUnique({ where: { storyId }, select: { page: { select: { issueId: true } } } });
  return placement ? lockIssue(tx, placement.page.issueId, { open: false }) : null;
}

/**
 * Whether a page carries copy: a story of its own, or the rest of one from another page (上接).
 * A planned slot is space, not copy: an issue with only slots on a page is not ready.
 */
export async function pageCarriesCopy(tx: Tx, pageId: string): Promise<boolean> {
  return (await tx.placement.count({ where: storiesPrintedOn({ id: pageId }) })) > 0;
}
