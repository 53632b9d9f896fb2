import "server-only";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import { PAPER } from "@/lib/paper";
import { typedText } from "@/lib/validation/text";
import { geometryOf, pageGeometry, pageGrid } from "@/lib/issues/page-geometry";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { forbidden, invalid } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/audit";
import { fieldErrorsOf } from "@/lib/stories/schema";
import { everyReaderPagePurge, purgeNow, sendReaderPurge } from "@/lib/reader/purge";
import { touchPage } from "@/lib/issues/commands";
import { pagesPrinting } from "@/lib/print-record/in-print";
import type { DeadlineTimes } from "@/lib/issues/deadlines";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CHAIN_LABELS, chainName, REVIEW_CHAINS, type ReviewChainName, type ReviewStep } from "@/lib/stories/review-chain";

// The paper as its masthead prints it and when its issues go out (版面设置). One row; until an
// administrator fills it in, the masthead carries the paper's name and nothing else.

export type PaperProfile = { name: string; cnNumber: string; postalCode: string; publisher: string; releaseTime: string };

export const paperProfileInput = z.object({
  name: typedText({ max: 20, what: "报名", min: 1, minMessage: "请填写报名" }),
  cnNumber: typedText({ max: 20, what: "国内统一连续出版物号" }),
  postalCode: typedText({ max: 20, what: "邮发代号" }),
  publisher: typedText({ max: 60, what: "主管主办单位" }),
  releaseTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "见报时间应写成 00:00 到 23:59" }),
});

export async function paperProfile(): Promise<PaperProfile> {
  const row = await db().paperProfile.findUnique({ where: { id: "paper" }, select: { name: true, cnNumber: true, postalCode: true, publisher: true, releaseTime: true } });
  return row ?? { name: PAPER.name, cnNumber: "", postalCode: "", publisher: "", releaseTime: "00:00" };
}

/** The paper's usual 截稿 and 签版 times and how long before them the board warns (lib/issues/deadlines.ts). */
export async function deadlineTimes(): Promise<DeadlineTimes> {
  const row = await db().paperProfile.findUnique({ where: { id: "paper" }, select: { copyDeadline: true, signDeadline: true, deadlineWarnMinutes: true, releaseTime: true } });
  return row
    ? { copy: row.copyDeadline, sign: row.signDeadline, warnMinutes: row.deadlineWarnMinutes, releaseTime: row.releaseTime }
    : { copy: "20:00", sign: "23:00", warnMinutes: 30, releaseTime: "00:00" };
}

const clockTime = (what: string) => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: `${what}应写成 00:00 到 23:59` });
export const deadlineInput = z.object({
  copyDeadline: clockTime("截稿时间"),
  signDeadline: clockTime("签版时间"),
  deadlineWarnMinutes: z.coerce.number({ message: "提前提醒应为分钟数" }).int({ message: "提前提醒应为整分钟" }).min(0, { message: "提前提醒不能为负数" }).max(240, { message: "提前提醒最多 240 分钟" }),
});

/**
 * Saves settings kept beside the masthead (the row exists once the masthead is saved; `what` names
 * them in the refusal) and audits them, the summary made from what was there before.
 */
async function saveSettings(
  actor: SessionUser,
  { action, what, data, summary }: { action: "paper.deadlines" | "quality.limit" | "review.chain" | "proof.rounds"; what: string; data: Prisma.PaperProfileUpdateInput; summary: (before: { errorRateLimit: number; reviewSteps: ReviewStep[]; proofRounds: number }) => Prisma.InputJsonObject },
): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.paperProfile.findUnique({ where: { id: "paper" }, select: { errorRateLimit: true, reviewSteps: true, proofRounds: true } });
    if (!before) throw invalid(`请先保存报头（报名）再设${what}`);
    await tx.paperProfile.update({ where: { id: "paper" }, data });
    await recordAudit(tx, { actorId: actor.id, action, targetType: "paper", targetId: "paper", summary: summary(before) });
  });
}

/** The usual 截稿 and 签版 times. Administrators only; audited. */
export async function updateDeadlines(actor: SessionUser, input: unknown): Promise<void> {
  mayConfigure(actor);
  const parsed = deadlineInput.safeParse(input);
  if (!parsed.success) throw invalid("请检查截稿与签版时间", fieldErrorsOf(parsed.error));
  await saveSettings(actor, { action: "paper.deadlines", what: "截稿与签版时间", data: parsed.data, summary: () => parsed.data });
}

const DEFAULT_ERROR_RATE_LIMIT = 3;

/** The paper's 差错率 limit, errors per 10,000 printed characters (lib/quality reads it). */
export async function errorRateLimit(): Promise<number> {
  const row = await db().paperProfile.findUnique({ where: { id: "paper" }, select: { errorRateLimit: true } });
  return row?.errorRateLimit ?? DEFAULT_ERROR_RATE_LIMIT;
}

const limitInput = z.coerce
  .number({ message: "差错率上限应为数字" })
  .min(0.1, { message: "差错率上限至少万分之 0.1" })
  .max(20, { message: "差错率上限不能超过万分之 20" });

/** The 差错率 limit. Administrators only; audited with what it was. */
export async function updateErrorRateLimit(actor: SessionUser, input: unknown): Promise<void> {
  mayConfigure(actor);
  const parsed = limitInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? "请检查差错率上限", { errorRateLimit: parsed.error.issues.map((i) => i.message) });
  const value = Math.round(parsed.data * 100) / 100;
  await saveSettings(actor, { action: "quality.limit", what: "差错率上限", data: { errorRateLimit: value }, summary: (before) => ({ from: before.errorRateLimit, to: value }) });
}

const chainInput = z.enum(Object.keys(REVIEW_CHAINS) as [ReviewChainName, ...ReviewChainName[]], { message: "审稿流程只能是三审或两审（至少两道）" });

/**
 * The review chain every story passes: 三审, or for a small paper 初审 and 终审 (never fewer).
 * Administrators only; audited with what it was. Copy already in review keeps what it passed.
 */
export async function updateReviewChain(actor: SessionUser, input: unknown): Promise<void> {
  mayConfigure(actor);
  const parsed = chainInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? "请选择审稿流程", { reviewChain: parsed.error.issues.map((i) => i.message) });
  const steps = [...REVIEW_CHAINS[parsed.data]];
  await saveSettings(actor, {
    action: "review.chain",
    what: "审稿流程",
    data: { reviewSteps: steps },
    summary: (before) => ({ from: CHAIN_LABELS[chainName(before.reviewSteps)], to: CHAIN_LABELS[parsed.data] }),
  });
}

const roundsInput = z.coerce
  .number({ message: "校次应为数字" })
  .int({ message: "校次应为整数" })
  .min(1, { message: "每版至少校对一轮" })
  .max(5, { message: "每版最多校对五轮" });

/** How many proofreading rounds each page passes before 签版. Administrators only; audited with what it was. */
export async function updateProofRounds(actor: SessionUser, input: unknown): Promise<void> {
  mayConfigure(actor);
  const parsed = roundsInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? "请检查校次", { proofRounds: parsed.error.issues.map((i) => i.message) });
  await saveSettings(actor, { action: "proof.rounds", what: "校次", data: { proofRounds: parsed.data }, summary: (before) => ({ from: before.proofRounds, to: parsed.data }) });
}

/** Each format with its geometry and the grid it gives (每行字数, 每栏行数, 容量), widest paper first. */
export async function pageFormats() {
  const rows = await db().pageFormat.findMany({ orderBy: { paperWidthMm: "desc" } });
  return rows.map((row) => ({ code: row.code, name: row.name, geometry: geometryOf(row), grid: pageGrid(geometryOf(row)) }));
}

export const pageFormatInput = z.object({ code: z.enum(["broadsheet", "tabloid"], { message: "没有这种版式" }) }).and(pageGeometry);

export function mayConfigure(actor: SessionUser) {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以修改报社设置");
}

/** The masthead's fixed parts and the usual release time (版面设置). Administrators only; audited. */
export async function updatePaperProfile(actor: SessionUser, input: unknown): Promise<void> {
  mayConfigure(actor);
  const parsed = paperProfileInput.safeParse(input);
  if (!parsed.success) throw invalid("请检查报社设置", fieldErrorsOf(parsed.error));
  const purge = await db().$transaction(async (tx) => {
    await tx.paperProfile.upsert({ where: { id: "paper" }, create: parsed.data, update: parsed.data });
    await recordAudit(tx, { actorId: actor.id, action: "paper.update", targetType: "paper", targetId: "paper", summary: parsed.data });
    // Page 1 of every issue prints the masthead.
    return sendReaderPurge(tx, everyReaderPagePurge("报社设置已修改"));
  });
  await purgeNow(purge);
}

/**
 * A page format's geometry; its capacity (what the fill meter counts against) is written from it,
 * never typed in: the one sum in lib/issues/page-geometry.ts.
 */
export async function updatePageFormat(actor: SessionUser, input: unknown): Promise<void> {
  mayConfigure(actor);
  const parsed = pageFormatInput.safeParse(input);
  if (!parsed.success) throw invalid("请检查版式", fieldErrorsOf(parsed.error));
  const { code, ...geometry } = parsed.data;
  const values = { ...geometry, capacity: pageGrid(geometry).capacity };
  const purge = await db().$transaction(async (tx) => {
    await tx.pageFormat.update({ where: { code }, data: values });
    // Pages not yet out are drawn again at the new size, and so are those their jumping stories continue on: a signed one must be signed again.
    const drawnAgain = { OR: [{ formatCode: code }, pagesPrinting({ page: { formatCode: code } })] };
    const signed = await tx.page.findMany({ where: { AND: [drawnAgain, { status: "SIGNED", issue: { status: { not: "PUBLISHED" } } }] }, select: { id: true } });
    for (const page of signed) await touchPage(tx, actor, page.id, null, "版式尺寸改了");
    await recordAudit(tx, { actorId: actor.id, action: "paper.format", targetType: "paper", targetId: code, summary: values });
    // Pages released before pages were frozen at release are still drawn from their format (lib/issues/released-page.ts).
    return sendReaderPurge(tx, everyReaderPagePurge("版式已修改"));
  });
  await purgeNow(purge);
}
