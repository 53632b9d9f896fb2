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
