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

/**
 * Publishes an issue and every story placed in it, all or nothing. The issue row is claimed first
 * (status not yet PUBLISHED), so two chief editors pressing the button publish it once.
 */
export async function publishIssue(actor: SessionUser, issueId: string): Promise<{ storyIds: string[]; date: Date }> {
  assertCan(actor, "issue:publish");
  return db().$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.issue.updateMany({ where: { id: issueId, status: { not: "PUBLISHED" } }, data: { status: "PUBLISHED", publishedAt: now } });
    if (claimed.count !== 1) {
      const exists = await tx.issue.count({ where: { id: issueId } });
      throw exists ? conflict("本期已经见报") : notFound("找不到这一期");
    }
    const issue = await tx.issue.findUniqueOrThrow({ where: { id: issueId }, select: { date: true, number: true } });
    const stories = await tx.story.findMany({
      where: { placement: { page: { issueId } } },
      select: { id: true, status: true, authorId: true, version: true, ...storyContentSelect },
    });
    if (stories.length === 0) throw invalid("本期还没有上版的稿件，不能见报");
    for (const story of stories) {
      const decision = decide("publish", story, actor);
      if (!decision.allowed) throw forbidden(decision.reason);
    }
    const ids = stories.map((s) => s.id);
    const published = await tx.story.updateMany({
      where: { id: { in: ids }, status: "PLACED" },
      data: { status: "PUBLISHED", publishedAt: now, version: { increment: 1 } },
    });
    if (published.count !== ids.length) throw conflict("有稿件在签发时被改动，请刷新后重试");
    for (const story of stories) {
      await recordRevision(tx, { storyId: story.id, version: story.version + 1, status: "PUBLISHED", action: "publish", actorId: actor.id, draft: parseDraft(story) });
      await recordAudit(tx, { actorId: actor.id, action: "story.publish", targetType: "story", targetId: story.id, summary: { from: "PLACED", to: "PUBLISHED", issueId } });
      await notify(tx, { recipientIds: [story.authorId], actorId: actor.id, storyId: story.id, kind: "PUBLISHED", message: `《${story.headline || "图片新闻"}》已随总第${issue.number}期见报` });
    }
    await recordAudit(tx, { actorId: actor.id, action: "issue.publish", targetType: "issue", targetId: issueId, summary: { number: issue.number, stories: ids.length } });
    return { storyIds: ids, date: issue.date };
  });
}
