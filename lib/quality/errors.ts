import "server-only";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { conflict, forbidden, invalid, notFound } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/audit";
import { isRecordId, RECORD_ID } from "@/lib/core/ids";
import { issueDateFromString, issueDateToString, readPaperDay } from "@/lib/core/dates";
import { typedText } from "@/lib/validation/text";
import { fieldErrorsOf } from "@/lib/stories/schema";
import { ERROR_KINDS, ERROR_SOURCES } from "@/lib/quality/kinds";

// 差错 found after release, recorded against the page and story as they ran: the quality check's
// log. Entries are kept as written (the database refuses edits and deletions); one recorded in
// error is voided with a reason and no longer counted. lib/quality/report.ts counts them against
// the characters the print records say each page carried.

/** The desk records errors: they read the paper, answer readers' letters and take the quality check's findings. */
function mayRecord(actor: SessionUser) {
  if (!can(actor.role, "desk:review")) throw forbidden("只有编辑可以登记差错");
}

export const printedErrorInput = z.object({
  issueDate: z
    .string()
    .transform((s, ctx) => readPaperDay(s) ?? (ctx.addIssue({ code: "custom", message: "出版日期写法：2026年12月8日" }), z.NEVER)),
  pageNumber: z.coerce.number({ message: "版次应为数字" }).int({ message: "版次应为整数" }).min(1, { message: "版次从 1 开始" }).max(99, { message: "版次不能超过 99" }),
  storyId: z.union([z.literal(""), z.string().regex(RECORD_ID, { message: "稿件编号不正确" })]).default(""),
  kind: z.enum(ERROR_KINDS, { message: "请选择差错类型" }),
  source: z.enum(ERROR_SOURCES, { message: "请选择差错来源" }),
  count: z.coerce.number({ message: "差错数应为数字" }).int({ message: "差错数应为整数" }).min(1, { message: "差错数至少为 1" }).max(99, { message: "一条最多记 99 处差错" }),
  printed: typedText({ max: 200, what: "见报原文", min: 1, minMessage: "请填写见报原文（错在哪里）" }),
  correct: typedText({ max: 200, what: "应为" }),
  note: typedText({ max: 500, what: "说明", multiline: true }),
});

/** The issue released for a day, with its page of that number if it has one. */
function releasedIssueOn(issueDate: string, pageNumber: number) {
  return db().issue.findFirst({
    where: { date: issueDateFromString(issueDate), status: "PUBLISHED" },
    select: { id: true, number: true, pages: { where: { number: pageNumber }, select: { id: true } } },
  });
}

/** Stories that ran on a page, for the record form's choice (what the print record says ran there). */
export async function storiesPrintedOnPage(
  actor: SessionUser,
  issueDate: string,
  pageNumber: number,
): Promise<{ issueNumber: number; pageExists: boolean; stories: { id: string; headline: string }[] } | null> {
  mayRecord(actor);
  const issue = await releasedIssueOn(issueDate, pageNumber);
  if (!issue) return null;
  const records = await db().printRecord.findMany({
    where: { issueId: issue.id, event: "RELEASED", OR: [{ pageNumber }, { continuedOnPage: pageNumber }] },
    orderBy: [{ pageNumber: "asc" }, { position: "asc" }],
    select: { storyId: true, headline: true },
  });
  return { issueNumber: issue.number, pageExists: issue.pages.length > 0, stories: records.map((r) => ({ id: r.storyId, headline: r.headline || "（图片新闻）" })) };
}

/**
 * Records an error found in a released page. The page must be one of that day's released issue, and
 * the story, when one is named, one that printed on that page (placed there or continued there).
 */
export async function recordPrintedError(actor: SessionUser, input: unknown): Promise<{ id: string; issueDate: string; pageNumber: number }> {
  mayRecord(actor);
  const parsed = printedErrorInput.safeParse(input);
  if (!parsed.success) throw invalid("请检查差错登记", fieldErrorsOf(parsed.error));
  const { issueDate, pageNumber, storyId, ...entry } = parsed.data;
  const issue = await releasedIssueOn(issueDate, pageNumber);
  if (!issue) throw invalid("这一天没有已见报的一期", { issueDate: ["这一天没有已见报的一期"] });
  if (!issue.pages.length) throw invalid(`本期没有第${pageNumber}版`, { pageNumber: [`本期没有第${pageNumber}版`] });
  if (storyId) {
    const ran = await db().printRecord.count({
      where: { issueId: issue.id, storyId, event: "RELEASED", OR: [{ pageNumber }, { continuedOnPage: pageNumber }] },
    });
    if (ran === 0) throw invalid("这篇稿件没有印在这一版", { storyId: ["这篇稿件没有印在这一版"] });
  }
  return db().$transaction(async (tx) => {
    const created = await tx.printedError.create({
      data: { ...entry, issueId: issue.id, pageNumber, storyId: storyId || null, recordedById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "error.record",
      targetType: "error",
      targetId: created.id,
      summary: { issue: issue.number, page: pageNumber, kind: entry.kind, count: entry.count },
    });
    return { id: created.id, issueDate, pageNumber };
  });
}

const voidReason = typedText({ max: 200, what: "作废原因", min: 1, minMessage: "请写明作废原因" });

/**
 * Voids an entry recorded in error: it stays in the log, struck out, and is no longer counted. The
 * one who recorded it or the chief editor on duty may; once only.
 */
export async function voidPrintedError(actor: SessionUser, errorId: string, reason: unknown): Promise<{ issueDate: string }> {
  mayRecord(actor);
  if (!isRecordId(errorId)) throw notFound("找不到这条差错");
  const parsed = voidReason.safeParse(reason);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? "请写明作废原因", { reason: parsed.error.issues.map((i) => i.message) });
  const entry = await db().printedError.findUnique({ where: { id: errorId }, select: { recordedById: true, voidedAt: true, issue: { select: { date: true } } } });
  if (!entry) throw notFound("找不到这条差错");
  if (entry.recordedById !== actor.id && !can(actor.role, "issue:publish")) throw forbidden("只有登记人或值班总编可以作废这条差错");
  await db().$transaction(async (tx) => {
    // Two voids at once: the second finds it voided and changes nothing.
    const { count } = await tx.printedError.updateMany({
      where: { id: errorId, voidedAt: null },
      data: { voidedAt: new Date(), voidedById: actor.id, voidReason: parsed.data },
    });
    if (count === 0) throw conflict("这条差错已经作废");
    await recordAudit(tx, { actorId: actor.id, action: "error.void", targetType: "error", targetId: errorId, summary: { reason: parsed.data } });
  });
  return { issueDate: issueDateToString(entry.issue.date) };
}
