import "server-only";
import { db, isUniqueViolation, type Tx } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can, type Capability } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/core/audit";
import { conflict, forbidden, invalid, notFound } from "@/lib/core/errors";
import { decide } from "@/lib/stories/workflow";
import { fieldErrorsOf } from "@/lib/validation/story";
import { DEFAULT_PAGES, issueInput, pageInput } from "@/lib/validation/issue";
import { recordRevision } from "@/lib/stories/revisions";
import { storyContentSelect } from "@/lib/stories/content";
import { parseDraft } from "@/lib/stories/content";
import { notify } from "@/lib/inbox/notify";
import { issueDateFromString } from "@/lib/core/dates";

// Release lives in lib/issues/release.ts; this name stays for callers written before it moved.
export { releaseNow as publishIssue } from "@/lib/issues/release";

function assertCan(actor: SessionUser, capability: Capability) {
  if (!can(actor.role, capability)) throw forbidden(capability === "issue:publish" ? "只有值班总编可以签发见报" : "只有编辑可以编排版面");
}

/** Creates the day's issue with the usual four pages; the running number follows the last issue. */
export async function createIssue(actor: SessionUser, input: unknown): Promise<{ id: string }> {
  assertCan(actor, "issue:assemble");
  const parsed = issueInput.safeParse(input);
  if (!parsed.success) throw invalid("请检查出版日期和期号", fieldErrorsOf(parsed.error));
  const date = issueDateFromString(parsed.data.date);
  try {
    return await db().$transaction(async (tx) => {
      const last = await tx.issue.aggregate({ _max: { number: true } });
      const number = typeof parsed.data.number === "number" ? parsed.data.number : (last._max.number ?? 0) + 1;
      const issue = await tx.issue.create({
        data: { date, number, pages: { create: DEFAULT_PAGES.map((p) => ({ ...p })) } },
        select: { id: true },
      });
      await recordAudit(tx, { actorId: actor.id, action: "issue.create", targetType: "issue", targetId: issue.id, summary: { date: parsed.data.date, number } });
      return issue;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid("这一天或这个期号已经有一期报纸了", { date: ["该日期或期号已存在"] });
    throw e;
  }
}

/**
 * Locks the issue row for the rest of the transaction, so assembly steps on one issue happen one at
 * a time and none can slip in while the issue is being published.
 */
async function openIssue(tx: Tx, issueId: string) {
  await tx.$queryRaw`SELECT id FROM "Issue" WHERE id = ${issueId} FOR UPDATE`;
  const issue = await tx.issue.findUnique({ where: { id: issueId }, select: { id: true, status: true } });
  if (!issue) throw notFound("找不到这一期");
  if (issue.status === "PUBLISHED") throw conflict("本期已经见报，不能再改动版面");
  return issue;
}

export async function addPage(actor: SessionUser, issueId: string, input: unknown): Promise<void> {
  assertCan(actor, "issue:assemble");
  const parsed = pageInput.safeParse(input);
  if (!parsed.success) throw invalid("请检查版次和版名", fieldErrorsOf(parsed.error));
  try {
    await db().$transaction(async (tx) => {
      await openIssue(tx, issueId);
      const page = await tx.page.create({ data: { issueId, ...parsed.data }, select: { id: true } });
      await recordAudit(tx, { actorId: actor.id, action: "page.create", targetType: "page", targetId: page.id, summary: parsed.data });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid(`本期已有第 ${parsed.data.number} 版`, { number: ["该版次已存在"] });
    throw e;
  }
}

export async function removePage(actor: SessionUser, pageId: string): Promise<void> {
  assertCan(actor, "issue:assemble");
  await db().$transaction(async (tx) => {
    const page = await tx.page.findUnique({ where: { id: pageId }, select: { issueId: true, number: true, _count: { select: { placements: true } } } });
    if (!page) throw notFound("找不到这一版");
    await openIssue(tx, page.issueId);
    if (page._count.placements > 0) throw invalid("请先撤下这一版上的稿件，再删除版面");
    await tx.page.delete({ where: { id: pageId } });
    await recordAudit(tx, { actorId: actor.id, action: "page.delete", targetType: "page", targetId: pageId, summary: { number: page.number } });
  });
}

/** Puts an approved story at the bottom of a page; the first story on an empty page is its lead. */
export async function placeStory(actor: SessionUser, storyId: string, pageId: string): Promise<void> {
  assertCan(actor, "issue:assemble");
  await db().$transaction(async (tx) => {
    const page = await tx.page.findUnique({ where: { id: pageId }, select: { id: true, issueId: true, number: true } });
    if (!page) throw notFound("找不到这一版");
    await openIssue(tx, page.issueId);
    const story = await tx.story.findUnique({ where: { id: storyId }, select: { status: true, authorId: true, version: true } });
    if (!story) throw notFound();
    const decision = decide("place", story, actor);
    if (!decision.allowed) throw forbidden(decision.reason);
    const moved = await tx.story.updateMany({ where: { id: storyId, version: story.version }, data: { status: decision.to, version: { increment: 1 } } });
    if (moved.count !== 1) throw conflict("稿件刚被他人改动，请刷新后再试");
    const last = await tx.placement.aggregate({ where: { pageId }, _max: { position: true }, _count: true });
    await tx.placement.create({
      data: { pageId, storyId, position: (last._max.position ?? -1) + 1, isLead: last._count === 0 },
    });
    await recordAudit(tx, { actorId: actor.id, action: "story.place", targetType: "story", targetId: storyId, summary: { from: story.status, to: decision.to, pageId, page: page.number } });
  });
}

export async function unplaceStory(actor: SessionUser, storyId: string): Promise<void> {
  assertCan(actor, "issue:assemble");
  await db().$transaction(async (tx) => {
    const placement = await tx.placement.findUnique({ where: { storyId }, select: { id: true, pageId: true, isLead: true, page: { select: { issueId: true } }, story: { select: { status: true, authorId: true, version: true } } } });
    if (!placement?.story) throw notFound("这篇稿件没有上版");
    await openIssue(tx, placement.page.issueId);
    const decision = decide("unplace", placement.story, actor);
    if (!decision.allowed) throw forbidden(decision.reason);
    await tx.placement.delete({ where: { id: placement.id } });
    await tx.story.update({ where: { id: storyId }, data: { status: decision.to, version: { increment: 1 } } });
    await renumber(tx, placement.pageId, placement.isLead);
    await recordAudit(tx, { actorId: actor.id, action: "story.unplace", targetType: "story", targetId: storyId, summary: { from: placement.story.status, to: decision.to } });
  });
}

/** Keeps positions 0..n-1; if the lead left, the new top story becomes the lead. */
async function renumber(tx: Tx, pageId: string, leadLeft: boolean) {
  const rest = await tx.placement.findMany({ where: { pageId }, orderBy: { position: "asc" }, select: { id: true } });
  for (const [i, p] of rest.entries()) {
    await tx.placement.update({ where: { id: p.id }, data: { position: i, ...(leadLeft && i === 0 ? { isLead: true } : {}) } });
  }
}

/** Moves a story one place up or down its page, or makes it the lead (头条), which also puts it on top. */
export async function arrangeStory(actor: SessionUser, storyId: string, move: "up" | "down" | "lead"): Promise<void> {
  assertCan(actor, "issue:assemble");
  await db().$transaction(async (tx) => {
    const placement = await tx.placement.findUnique({ where: { storyId }, select: { id: true, pageId: true, page: { select: { issueId: true } } } });
    if (!placement) throw notFound("这篇稿件没有上版");
    await openIssue(tx, placement.page.issueId);
    const order = await tx.placement.findMany({ where: { pageId: placement.pageId }, orderBy: { position: "asc" }, select: { id: true, isLead: true } });
    const ids = order.map((p) => p.id);
    const at = ids.indexOf(placement.id);
    // The lead (头条) always runs first; moving past it is done with "设为头条".
    const hasLead = order[0]?.isLead ?? false;
    if (move !== "lead" && hasLead && (at === 0 || (move === "up" && at === 1))) {
      throw invalid("头条始终排在本版最前；要换头条，请对另一篇稿件点“设为头条”");
    }
    if (move === "lead") {
      ids.splice(at, 1);
      ids.unshift(placement.id);
      await tx.placement.updateMany({ where: { pageId: placement.pageId }, data: { isLead: false } });
      await tx.placement.update({ where: { id: placement.id }, data: { isLead: true } });
    } else {
      const to = move === "up" ? at - 1 : at + 1;
      if (to < 0 || to >= ids.length) return;
      [ids[at], ids[to]] = [ids[to], ids[at]];
    }
    for (const [i, id] of ids.entries()) await tx.placement.update({ where: { id }, data: { position: i } });
    await recordAudit(tx, { actorId: actor.id, action: `placement.${move}`, targetType: "story", targetId: storyId, summary: { pageId: placement.pageId } });
  });
}
