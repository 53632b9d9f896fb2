import "server-only";
import { db, isUniqueViolation, type Tx } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { conflict, forbidden, invalid, notFound } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/audit";
import { issueDateToString, issueMonthDays, isRealMonth, monthAfter, paperDay } from "@/lib/core/dates";
import { feeTableFrom, type FeeTable } from "@/lib/fees/fee-table";
import { pieceFee, type PieceAsRan } from "@/lib/fees/piece-fee";
import { isStaffCredit } from "@/lib/contributors/staff";
import { yuan } from "@/lib/fees/money";
import type { FeeLineKind } from "@/lib/generated/prisma/enums";

// 稿酬 by month, from what ran (the release records, lib/print-record) and the desk's ratings.
// An open month is a preview worked out afresh on each reading; closing it (结算) writes its lines,
// once, and they are never changed (the database refuses). A rating changed after its month closed
// shows in the next open month as an ADJUSTMENT naming the line it corrects; a hand entry (MANUAL)
// carries a reason. Months close in order, none before it is over.

export type FeeLineView = {
  id: string | null;
  kind: FeeLineKind;
  contributorId: string;
  payeeName: string;
  unitName: string;
  recordId: string | null;
  issueDate: string | null;
  pageNumber: number | null;
  headline: string;
  amountFen: number;
  formula: string;
  reason: string;
  correctsId: string | null;
};
export type PayeeTotal = { contributorId: string; payeeName: string; unitName: string; pieces: number; amountFen: number };
export type FeeMonthView = {
  month: string;
  closed: { at: Date; by: string } | null;
  table: FeeTable;
  lines: FeeLineView[];
  payees: PayeeTotal[];
  totalFen: number;
};

const REFUSED_ACCESS = "只有财务和管理员可以查看和结算全部稿酬";

function mayManage(actor: SessionUser): void {
  if (!can(actor.role, "fees:manage")) throw forbidden(REFUSED_ACCESS);
}

function checkMonth(month: string): void {
  if (!isRealMonth(month)) throw invalid("月份写法：2026-11");
}

/** The paper's current table (its setting, or the default). */
export async function currentFeeTable(tx: Tx | ReturnType<typeof db> = db()): Promise<FeeTable> {
  const row = await tx.paperProfile.findUnique({ where: { id: "paper" }, select: { feeTable: true } });
  return feeTableFrom(row?.feeTable ?? {});
}

const recordSelect = {
  id: true,
  storyId: true,
  issueDate: true,
  pageNumber: true,
  position: true,
  isLead: true,
  kind: true,
  characters: true,
  headline: true,
  credits: {
    orderBy: { position: "asc" },
    select: { contributorId: true, role: true, name: true, contributor: { select: { affiliation: true, unit: { select: { name: true, kind: true } } } } },
  },
  _count: { select: { photos: true } },
} as const;

type RecordRow = Awaited<ReturnType<typeof recordsOf>>[number];

async function recordsOf(tx: Tx, where: { storyId?: { in: string[] }; issueDate?: { gte: Date; lt: Date } }) {
  return tx.printRecord.findMany({ where: { event: "RELEASED", ...where }, select: recordSelect, orderBy: [{ issueDate: "asc" }, { pageNumber: "asc" }, { position: "asc" }] });
}

/** Each credited person's share of one record, as the table and the rating say now. */
async function sharesOf(tx: Tx, records: RecordRow[], tableFor: (r: RecordRow) => FeeTable): Promise<Map<string, (FeeLineView & { position: number })[]>> {
  const ratings = await tx.storyRating.findMany({ where: { storyId: { in: records.map((r) => r.storyId) } }, select: { storyId: true, grade: true, reprint: true } });
  const ratingOf = new Map(ratings.map((r) => [r.storyId, r]));
  const out = new Map<string, (FeeLineView & { position: number })[]>();
  for (const r of records) {
    const rating = ratingOf.get(r.storyId);
    const piece: PieceAsRan = {
      kind: r.kind,
      characters: r.characters,
      pageNumber: r.pageNumber,
      isLead: r.isLead,
      photos: r._count.photos,
      grade: rating?.grade ?? null,
      reprint: rating?.reprint ?? false,
      credits: r.credits.map((c) => ({ id: c.contributorId, role: c.role, staff: isStaffCredit(c.role, c.contributor.unit?.kind ?? null) })),
    };
    const byId = new Map(r.credits.map((c) => [c.contributorId, c]));
    out.set(
      r.id,
      pieceFee(piece, tableFor(r)).map((share) => {
        const credit = byId.get(share.contributorId)!;
        return {
          id: null,
          kind: "PIECE" as const,
          contributorId: share.contributorId,
          payeeName: credit.name,
          unitName: credit.contributor.unit?.name ?? credit.contributor.affiliation,
          recordId: r.id,
          issueDate: issueDateToString(r.issueDate),
          pageNumber: r.pageNumber,
          headline: r.headline,
          amountFen: share.fen,
          formula: share.formula,
          reason: "",
          correctsId: null,
          position: r.position,
        };
      }),
    );
  }
  return out;
}

/**
 * What closing `month` would write: a line per credited person per piece that ran in it, the
 * adjustments for pieces of closed months whose rating changed since, and the month's hand entries
 * (those are already written; the close writes the rest).
 */
async function workOutMonth(tx: Tx, month: string): Promise<{ computed: FeeLineView[]; manual: FeeLineView[]; table: FeeTable }> {
  const table = await currentFeeTable(tx);
  const records = await recordsOf(tx, { issueDate: issueMonthDays(month) });
  const pieces = [...(await sharesOf(tx, records, () => table)).values()].flat();

  // Adjustments: pieces of months closed before this one whose rating moved after that close.
  const closedBefore = await tx.feeMonth.findMany({ where: { month: { lt: month } }, select: { month: true, closedAt: true, feeTable: true } });
  const adjustments: FeeLineView[] = [];
  for (const closed of closedBefore) {
    const rerated = await tx.storyRating.findMany({
      where: { ratedAt: { gt: closed.closedAt }, story: { printRecords: { some: { event: "RELEASED", issueDate: issueMonthDays(closed.month) } } } },
      select: { storyId: true },
    });
    if (rerated.length === 0) continue;
    const affected = await recordsOf(tx, { issueDate: issueMonthDays(closed.month), storyId: { in: rerated.map((r) => r.storyId) } });
    const closedTable = feeTableFrom(closed.feeTable);
    const now = await sharesOf(tx, affected, () => closedTable);
    const paid = await tx.feeLine.findMany({
      where: { recordId: { in: affected.map((r) => r.id) }, month: { lt: month } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, kind: true, recordId: true, contributorId: true, amountFen: true },
    });
    for (const [recordId, shares] of now) {
      for (const share of shares) {
        const before = paid.filter((l) => l.recordId === recordId && l.contributorId === share.contributorId);
        const paidFen = before.reduce((sum, l) => sum + l.amountFen, 0);
        if (paidFen === share.amountFen) continue;
        const original = before.find((l) => l.kind === "PIECE");
        adjustments.push({
          ...share,
          kind: "ADJUSTMENT",
          amountFen: share.amountFen - paidFen,
          formula: `${closed.month} 已结 ${yuan(paidFen)}，按现评级应为 ${yuan(share.amountFen)}（${share.formula}）`,
          correctsId: original?.id ?? null,
        });
      }
    }
  }
  const manual = await storedLines(tx, { month, kind: "MANUAL" });
  return { computed: [...pieces, ...adjustments], manual, table };
}

async function storedLines(tx: Tx, where: { month: string; kind?: FeeLineKind; contributorId?: string }): Promise<FeeLineView[]> {
  const rows = await tx.feeLine.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true, kind: true, contributorId: true, payeeName: true, unitName: true, recordId: true, amountFen: true, formula: true, reason: true, correctsId: true,
      record: { select: { issueDate: true, pageNumber: true, headline: true, position: true } },
    },
  });
  return rows.map(({ record, ...l }) => ({
    ...l,
    issueDate: record ? issueDateToString(record.issueDate) : null,
    pageNumber: record?.pageNumber ?? null,
    headline: record?.headline ?? "",
  }));
}

/** One order for every list and export: payee, then the piece's date and page, then the line's kind. */
function sortLines(lines: FeeLineView[]): FeeLineView[] {
  const kindOrder: Record<FeeLineKind, number> = { PIECE: 0, ADJUSTMENT: 1, MANUAL: 2 };
  return [...lines].sort(
    (a, b) =>
      a.payeeName.localeCompare(b.payeeName, "zh-CN") ||
      a.contributorId.localeCompare(b.contributorId) ||
      (a.issueDate ?? "9999").localeCompare(b.issueDate ?? "9999") ||
      (a.pageNumber ?? 0) - (b.pageNumber ?? 0) ||
      kindOrder[a.kind] - kindOrder[b.kind] ||
      a.headline.localeCompare(b.headline, "zh-CN"),
  );
}

export function payeeTotals(lines: FeeLineView[]): PayeeTotal[] {
  const out = new Map<string, PayeeTotal>();
  for (const l of lines) {
    const t = out.get(l.contributorId) ?? { contributorId: l.contributorId, payeeName: l.payeeName, unitName: l.unitName, pieces: 0, amountFen: 0 };
    if (l.kind === "PIECE") t.pieces += 1;
    t.amountFen += l.amountFen;
    out.set(l.contributorId, t);
  }
  return [...out.values()].sort((a, b) => b.amountFen - a.amountFen || a.payeeName.localeCompare(b.payeeName, "zh-CN") || a.contributorId.localeCompare(b.contributorId));
}

async function monthView(tx: Tx, month: string): Promise<FeeMonthView> {
  const closed = await tx.feeMonth.findUnique({ where: { month }, select: { closedAt: true, feeTable: true, closedBy: { select: { name: true } } } });
  if (closed) {
    const lines = sortLines(await storedLines(tx, { month }));
    return { month, closed: { at: closed.closedAt, by: closed.closedBy.name }, table: feeTableFrom(closed.feeTable), lines, payees: payeeTotals(lines), totalFen: lines.reduce((s, l) => s + l.amountFen, 0) };
  }
  const { computed, manual, table } = await workOutMonth(tx, month);
  const lines = sortLines([...computed, ...manual]);
  return { month, closed: null, table, lines, payees: payeeTotals(lines), totalFen: lines.reduce((s, l) => s + l.amountFen, 0) };
}

/** A month's 稿酬 for finance: the closed lines, or the open month worked out as it stands. */
export async function feeMonth(actor: SessionUser, month: string): Promise<FeeMonthView> {
  mayManage(actor);
  checkMonth(month);
  return db().$transaction((tx) => monthView(tx, month), { isolationLevel: "RepeatableRead" });
}

/**
 * The months finance works on, newest first: the open ones from the one after the last close up to
 * this month (the running month as a preview), then the last closed ones; and the month due to be
 * closed next, which the page opens on.
 */
export async function feeMonths(actor: SessionUser): Promise<{ months: { month: string; closedAt: Date | null }[]; due: string }> {
  mayManage(actor);
  const closed = await db().feeMonth.findMany({ orderBy: { month: "desc" }, take: 12, select: { month: true, closedAt: true } });
  const current = paperDay().slice(0, 7);
  const after = closed[0] ? monthAfter(closed[0].month, 1) : monthAfter(current, -3);
  const open: { month: string; closedAt: null }[] = [];
  for (let m = current; m >= after && open.length < 24; m = monthAfter(m, -1)) open.push({ month: m, closedAt: null });
  const due = closed[0] ? (after < current ? after : current) : monthAfter(current, -1);
  return { months: [...open, ...closed], due };
}

const closedTwice = (month: string, by: string) => `${month} 已由${by}结算，不能重复结算`;

/** Why `month` may not be closed now, or null. */
async function closingRefusal(tx: Tx, month: string): Promise<string | null> {
  if (month >= paperDay().slice(0, 7)) return `${month} 的报纸还在出版，月份结束后才能结算`;
  const closed = await tx.feeMonth.findUnique({ where: { month }, select: { closedBy: { select: { name: true } } } });
  if (closed) return closedTwice(month, closed.closedBy.name);
  const last = await tx.feeMonth.findFirst({ orderBy: { month: "desc" }, select: { month: true } });
  if (last && last.month > month) return `${last.month} 已经结算，更早的 ${month} 不能再结算；后来的更正会记入下一个未结算的月份`;
  if (last) {
    const gap = await tx.printRecord.findFirst({
      where: { event: "RELEASED", issueDate: { gte: issueMonthDays(monthAfter(last.month, 1)).gte, lt: issueMonthDays(month).gte } },
      orderBy: { issueDate: "asc" },
      select: { issueDate: true },
    });
    if (gap) return `请先结算 ${issueDateToString(gap.issueDate).slice(0, 7)}，月份按顺序结算`;
  }
  return null;
}

/**
 * 结算: writes the month's lines and closes it, in one transaction. Two finance users closing the
 * same month at once make one close: the month's row is the lock, and the other is told who closed it.
 */
export async function closeFeeMonth(actor: SessionUser, month: string): Promise<{ lines: number; totalFen: number }> {
  mayManage(actor);
  checkMonth(month);
  try {
    return await db().$transaction(async (tx) => {
      const refusal = await closingRefusal(tx, month);
      if (refusal) throw conflict(refusal);
      const { computed, manual, table } = await workOutMonth(tx, month);
      // The month's row first: a second close waits on it here and then fails on the key.
      await tx.feeMonth.create({ data: { month, closedById: actor.id, feeTable: table } });
      await tx.feeLine.createMany({
        data: computed.map((l) => ({
          month,
          kind: l.kind,
          contributorId: l.contributorId,
          payeeName: l.payeeName,
          unitName: l.unitName,
          recordId: l.recordId,
          correctsId: l.correctsId,
          amountFen: l.amountFen,
          formula: l.formula,
          createdById: actor.id,
        })),
      });
      const totalFen = [...computed, ...manual].reduce((s, l) => s + l.amountFen, 0);
      await recordAudit(tx, { actorId: actor.id, action: "fees.close", targetType: "fees", targetId: month, summary: { month, lines: computed.length + manual.length, total: yuan(totalFen) } });
      return { lines: computed.length + manual.length, totalFen };
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const closed = await db().feeMonth.findUnique({ where: { month }, select: { closedBy: { select: { name: true } } } });
      throw conflict(closedTwice(month, closed?.closedBy.name ?? "他人"));
    }
    throw e;
  }
}

/** A hand entry (补发, 扣减) into an open month, with its reason; audited. */
export async function addManualFeeLine(
  actor: SessionUser,
  input: { month: string; contributorId: string; amountFen: number; reason: string },
): Promise<void> {
  mayManage(actor);
  checkMonth(input.month);
  const reason = input.reason.trim();
  if (!reason) throw invalid("请写明调整原因", { reason: ["请写明调整原因"] });
  if (reason.length > 200) throw invalid("调整原因不能超过 200 个字", { reason: ["调整原因不能超过 200 个字"] });
  if (!Number.isInteger(input.amountFen) || input.amountFen === 0) throw invalid("请填写调整金额（元，可为负数）", { amount: ["请填写调整金额（元，可为负数）"] });
  if (Math.abs(input.amountFen) > 100_000_00) throw invalid("单笔调整不能超过 ¥100,000", { amount: ["单笔调整不能超过 ¥100,000"] });
  await db().$transaction(async (tx) => {
    const closed = await tx.feeMonth.findUnique({ where: { month: input.month }, select: { month: true } });
    if (closed) throw conflict(`${input.month} 已结算，不能再改；调整请记入下一个未结算的月份`);
    const payee = await tx.contributor.findUnique({ where: { id: input.contributorId }, select: { id: true, name: true, affiliation: true, unit: { select: { name: true } } } });
    if (!payee) throw notFound("找不到这位收款人");
    const line = await tx.feeLine.create({
      data: {
        month: input.month,
        kind: "MANUAL",
        contributorId: payee.id,
        payeeName: payee.name,
        unitName: payee.unit?.name ?? payee.affiliation,
        amountFen: input.amountFen,
        formula: `人工调整 ${yuan(input.amountFen)}`,
        reason,
        createdById: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, { actorId: actor.id, action: "fees.adjust", targetType: "fees", targetId: line.id, summary: { month: input.month, payee: payee.name, amount: yuan(input.amountFen), reason } });
  });
}

/** A contributor's own lines of a month: what they see of their money (and finance of anyone's). */
export async function feesOf(actor: SessionUser, contributorId: string, month: string): Promise<{ lines: FeeLineView[]; totalFen: number; closed: boolean }> {
  checkMonth(month);
  const own = await db().contributor.findFirst({ where: { id: contributorId, userId: actor.id }, select: { id: true } });
  if (!own && !can(actor.role, "fees:manage")) throw forbidden("只能查看自己的稿酬");
  return db().$transaction(async (tx) => {
    const view = await monthView(tx, month);
    const lines = view.lines.filter((l) => l.contributorId === contributorId);
    return { lines, totalFen: lines.reduce((s, l) => s + l.amountFen, 0), closed: view.closed !== null };
  }, { isolationLevel: "RepeatableRead" });
}

/**
 * A closed month for the command line (npm run fees:export): whoever runs it holds the database's
 * own rights, so there is no account to ask; only closed months are read.
 */
export async function closedFeeMonthForExport(month: string): Promise<FeeMonthView> {
  checkMonth(month);
  const view = await db().$transaction((tx) => monthView(tx, month), { isolationLevel: "RepeatableRead" });
  if (!view.closed) throw conflict(`${month} 还没有结算，结算后才能导出`);
  return view;
}
