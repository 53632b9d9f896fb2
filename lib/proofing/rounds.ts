import "server-only";
import type { PageStatus } from "@/lib/generated/prisma/enums";
import { z } from "zod";
import { db, isUniqueViolation, type Tx } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { recordAudit } from "@/lib/core/audit";
import { conflict, forbidden, invalid, notFound } from "@/lib/core/errors";
import { isRecordId, RECORD_ID } from "@/lib/core/ids";
import { storiesPrintedOn } from "@/lib/print-record/in-print";
import { storyContentSelect, draftOfStored } from "@/lib/stories/content";
import { typedText } from "@/lib/validation/text";
import { roundName } from "@/lib/proofing/marks";
import { anchorIn, checkMark, fieldText, MARK_FIELDS, MARK_KINDS, markProblem, type CheckResult, type MarkField, type MarkKind, type Resolution } from "@/lib/proofing/marks";

// 三校 on the server: a 校对 opens a round on a page's proof, marks its copy and closes the round;
// the page's editor answers each mark (lib/desk/proof-commands.ts applies one); 核红 is computed for
// every mark of an earlier round against the copy now; 签版 asks `signingProblems`. Every command
// checks who asks and refuses in Chinese, changing nothing.

export const DEFAULT_PROOF_ROUNDS = 3;

/** How many rounds each page passes before 签版 (报社设置; 3 until an administrator sets it). */
export async function proofRoundsSetting(client: Tx | ReturnType<typeof db> = db()): Promise<number> {
  const row = await client.paperProfile.findUnique({ where: { id: "paper" }, select: { proofRounds: true } });
  return row?.proofRounds ?? DEFAULT_PROOF_ROUNDS;
}

function mayProofread(actor: SessionUser) {
  if (!can(actor.role, "page:proofread")) throw forbidden("只有校对可以校对版面");
}

/** Locks the page's row for the change and reads what the rules need of it. */
async function lockedPage(tx: Tx, pageId: string) {
  if (!isRecordId(pageId)) throw notFound("找不到这一版");
  await tx.$queryRaw`SELECT id FROM "Page" WHERE id = ${pageId} FOR UPDATE`;
  const page = await tx.page.findUnique({ where: { id: pageId }, select: { id: true, number: true, status: true, version: true, issue: { select: { status: true, number: true } } } });
  if (!page) throw notFound("找不到这一版");
  if (page.issue.status === "PUBLISHED") throw conflict("这一期已经见报");
  return page;
}

/** Opens the page's next round on its proof as it stands. One at a time, and no more than the paper sets. */
export async function openRound(actor: SessionUser, pageId: string): Promise<{ roundId: string; number: number }> {
  mayProofread(actor);
  try {
    return await db().$transaction(async (tx) => {
      const page = await lockedPage(tx, pageId);
      if (page.status === "SIGNED") throw conflict("这一版已经签版，不能再开始校对");
      const rounds = await tx.proofRound.findMany({ where: { pageId }, select: { number: true, closedAt: true }, orderBy: { number: "asc" } });
      const open = rounds.find((r) => !r.closedAt);
      if (open) throw conflict(`${roundName(open.number)}还没有结束，不能开始下一轮`);
      const setting = await proofRoundsSetting(tx);
      if (rounds.length >= setting) throw conflict(`这一版已完成${roundName(setting)}（本报每版校对 ${setting} 轮）`);
      if ((await tx.placement.count({ where: storiesPrintedOn({ id: pageId }) })) === 0) throw invalid("这一版还没有稿件，无需校对");
      const number = rounds.length + 1;
      const round = await tx.proofRound.create({ data: { pageId, number, pageVersion: page.version, openedById: actor.id }, select: { id: true } });
      await recordAudit(tx, { actorId: actor.id, action: "proof.open", targetType: "proof", targetId: round.id, summary: { page: page.number, round: roundName(number) } });
      return { roundId: round.id, number };
    });
  } catch (e) {
    // Two proofreaders opening a round at the same moment: the index lets one through.
    if (isUniqueViolation(e)) throw conflict("这一版刚刚开始了一轮校对，请刷新");
    throw e;
  }
}

/** The round's proofreader has marked it through. */
export async function closeRound(actor: SessionUser, roundId: string): Promise<void> {
  mayProofread(actor);
  if (!isRecordId(roundId)) throw notFound("找不到这一轮校对");
  await db().$transaction(async (tx) => {
    const round = await tx.proofRound.findUnique({ where: { id: roundId }, select: { pageId: true, number: true, closedAt: true } });
    if (!round) throw notFound("找不到这一轮校对");
    const page = await lockedPage(tx, round.pageId);
    if (round.closedAt) throw conflict(`${roundName(round.number)}已经结束`);
    await tx.proofRound.update({ where: { id: roundId }, data: { closedAt: new Date() } });
    await recordAudit(tx, { actorId: actor.id, action: "proof.close", targetType: "proof", targetId: roundId, summary: { page: page.number, round: roundName(round.number) } });
  });
}

const markInput = z.object({
  roundId: z.string().regex(RECORD_ID, { message: "找不到这一轮校对" }),
  storyId: z.string().regex(RECORD_ID, { message: "找不到这篇稿件" }),
  field: z.enum(MARK_FIELDS, { message: "请在稿件文字上标记" }),
  start: z.coerce.number().int(),
  end: z.coerce.number().int(),
  // The text the proofreader selected, as their proof showed it.
  quote: z.string().min(1, { message: "请先在稿件上选中要标记的文字" }).max(200, { message: "一处标记最多 200 字" }),
  version: z.coerce.number().int().min(1),
  kind: z.enum(MARK_KINDS, { message: "请选择标记的类型" }),
  suggestion: typedText({ max: 200, what: "改正的文字" }).default(""),
  note: typedText({ max: 300, what: "说明", multiline: true }).default(""),
});

/**
 * Marks text of a story printed on the round's page. The proof read may be older than the copy: the
 * mark is taken if the selected text is still where it was, and refused if it is no longer there.
 */
export async function markText(actor: SessionUser, input: unknown): Promise<{ markId: string }> {
  mayProofread(actor);
  const parsed = markInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? "请检查标记", {});
  const m = parsed.data;
  return db().$transaction(async (tx) => {
    const round = await tx.proofRound.findUnique({ where: { id: m.roundId }, select: { pageId: true, number: true, closedAt: true } });
    if (!round) throw notFound("找不到这一轮校对");
    const page = await lockedPage(tx, round.pageId);
    if (round.closedAt) throw conflict(`${roundName(round.number)}已经结束，不能再标记`);
    if (page.status === "SIGNED") throw conflict("这一版已经签版");
    const onPage = await tx.placement.count({ where: { AND: [storiesPrintedOn({ id: round.pageId }), { storyId: m.storyId }] } });
    if (onPage === 0) throw notFound("这篇稿件不在这一版上");
    const story = await tx.story.findUniqueOrThrow({ where: { id: m.storyId }, select: { version: true, ...storyContentSelect } });
    const text = fieldText(draftOfStored(story), m.field);
    if (text.slice(m.start, m.end) !== m.quote) throw conflict("标记的文字已经改动，不在原处了：请刷新大样后再标");
    const anchor = anchorIn(text, m.start, m.end);
    if ("problem" in anchor) throw invalid(anchor.problem, {});
    const problem = markProblem({ ...m, quote: anchor.quote });
    if (problem) throw invalid(problem, { suggestion: [problem] });
    const mark = await tx.proofMark.create({
      data: { roundId: m.roundId, storyId: m.storyId, field: m.field, ...anchor, kind: m.kind, suggestion: m.suggestion, note: m.note, version: story.version, markedById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "proof.mark",
      targetType: "proof",
      targetId: mark.id,
      summary: { page: page.number, round: roundName(round.number), markKind: m.kind, quote: anchor.quote, ...(m.suggestion ? { suggestion: m.suggestion } : {}) },
    });
    return { markId: mark.id };
  });
}

/**
 * Reads a mark for its answer, in the answer's transaction: the page not yet signed, the mark not yet
 * answered. The desk answers (the page's 责任编辑 is a name on the page foot, not an account).
 */
export async function markToResolve(tx: Tx, actor: SessionUser, markId: string) {
  if (!can(actor.role, "issue:assemble")) throw forbidden("只有编辑可以处理校对标记");
  if (!isRecordId(markId)) throw notFound("找不到这处标记");
  const mark = await tx.proofMark.findUnique({ where: { id: markId }, select: { id: true, storyId: true, field: true, start: true, end: true, quote: true, before: true, after: true, kind: true, suggestion: true, resolution: true, round: { select: { pageId: true, number: true } } } });
  if (!mark) throw notFound("找不到这处标记");
  const page = await lockedPage(tx, mark.round.pageId);
  if (page.status === "SIGNED") throw conflict("这一版已经签版，不能再处理校对标记");
  if (mark.resolution) throw conflict("这处标记已经处理过了");
  return { ...mark, field: mark.field as MarkField, page };
}

/** Writes the answer to a mark and audits it. */
export async function recordResolution(tx: Tx, actor: SessionUser, mark: { id: string; quote: string; page: { number: number } }, resolution: Resolution, reason: string) {
  const done = await tx.proofMark.updateMany({ where: { id: mark.id, resolution: null }, data: { resolution, reason, resolvedById: actor.id, resolvedAt: new Date() } });
  if (done.count !== 1) throw conflict("这处标记已经处理过了");
  await recordAudit(tx, { actorId: actor.id, action: resolution === "APPLIED" ? "proof.apply" : "proof.keep", targetType: "proof", targetId: mark.id, summary: { page: mark.page.number, quote: mark.quote, ...(reason ? { reason } : {}) } });
}

/** 不改: the editor keeps the text as it is and says why (for a 疑问, the answer). */
export async function keepMark(actor: SessionUser, markId: string, reason: unknown): Promise<void> {
  const why = typedText({ max: 300, what: "理由", min: 1, minMessage: "不改时请写明理由", multiline: true }).safeParse(reason);
  if (!why.success) throw invalid(why.error.issues[0].message, { reason: [why.error.issues[0].message] });
  await db().$transaction(async (tx) => {
    const mark = await markToResolve(tx, actor, markId);
    await recordResolution(tx, actor, mark, "KEPT", why.data);
  });
}

export type MarkView = {
  id: string;
  round: number;
  storyId: string;
  field: MarkField;
  start: number;
  end: number;
  quote: string;
  before: string;
  after: string;
  kind: MarkKind;
  suggestion: string;
  note: string;
  markedBy: string;
  resolution: Resolution | null;
  reason: string;
  resolvedBy: string | null;
  /** 核红 against the copy now (none for a 疑问). */
  check: CheckResult | null;
};

export type ProofingView = {
  pageId: string;
  setting: number;
  rounds: { id: string; number: number; openedBy: string; openedAt: Date; closedAt: Date | null }[];
  marks: MarkView[];
  /** The copy on the page as marks count it, for the marking panel. */
  stories: { id: string; version: number; headline: string; texts: Record<MarkField, string> }[];
};

const markSelect = {
  id: true,
  storyId: true,
  field: true,
  start: true,
  end: true,
  quote: true,
  before: true,
  after: true,
  kind: true,
  suggestion: true,
  note: true,
  resolution: true,
  reason: true,
  markedBy: { select: { name: true } },
  resolvedBy: { select: { name: true } },
  round: { select: { number: true } },
} as const;

/** A page's rounds, marks with their 核红, and its copy; for the desk and the 校对 (the caller checks who asks). */
export async function proofingOf(client: Tx | ReturnType<typeof db>, pageId: string): Promise<ProofingView> {
  const [setting, rounds, marks, placements] = await Promise.all([
    proofRoundsSetting(client),
    client.proofRound.findMany({ where: { pageId }, orderBy: { number: "asc" }, select: { id: true, number: true, openedAt: true, closedAt: true, openedBy: { select: { name: true } } } }),
    client.proofMark.findMany({ where: { round: { pageId } }, orderBy: [{ round: { number: "asc" } }, { markedAt: "asc" }], select: markSelect }),
    client.placement.findMany({ where: storiesPrintedOn({ id: pageId }), select: { story: { select: { id: true, version: true, ...storyContentSelect } } } }),
  ]);
  const stories = placements.flatMap((p) => (p.story ? [p.story] : [])).map((s) => {
    const draft = draftOfStored(s);
    return { id: s.id, version: s.version, headline: draft.headline, texts: Object.fromEntries(MARK_FIELDS.map((f) => [f, fieldText(draft, f)])) as Record<MarkField, string> };
  });
  const textOf = new Map(stories.map((s) => [s.id, s.texts]));
  return {
    pageId,
    setting,
    rounds: rounds.map((r) => ({ id: r.id, number: r.number, openedAt: r.openedAt, closedAt: r.closedAt, openedBy: r.openedBy.name })),
    stories,
    marks: marks.map((m) => {
      const field = m.field as MarkField;
      const text = textOf.get(m.storyId)?.[field];
      return {
        id: m.id,
        round: m.round.number,
        storyId: m.storyId,
        field,
        start: m.start,
        end: m.end,
        quote: m.quote,
        before: m.before,
        after: m.after,
        kind: m.kind,
        suggestion: m.suggestion,
        note: m.note,
        markedBy: m.markedBy.name,
        resolution: m.resolution,
        reason: m.reason,
        resolvedBy: m.resolvedBy?.name ?? null,
        // A story taken off the page since: its marks read as they were left.
        check: text === undefined ? null : checkMark(text, m),
      };
    }),
  };
}

/** The proofing of a page for the desk and the 校对; null for anyone else (they do not proofread). */
export async function proofingFor(actor: SessionUser, pageId: string): Promise<ProofingView | null> {
  if (!can(actor.role, "page:proofread") && !can(actor.role, "issue:assemble")) return null;
  if (!isRecordId(pageId)) return null;
  return proofingOf(db(), pageId);
}

/** Why a page cannot be signed yet as far as 三校 goes (none: it may be). */
export async function signingProblems(tx: Tx, pageId: string): Promise<string[]> {
  const view = await proofingOf(tx, pageId);
  const closed = view.rounds.filter((r) => r.closedAt).length;
  const open = view.rounds.find((r) => !r.closedAt);
  const problems: string[] = [];
  if (open) problems.push(`${roundName(open.number)}还没有结束`);
  else if (closed < view.setting) problems.push(`还没有完成${roundName(view.setting)}（已完成 ${closed} 轮）`);
  const unresolved = view.marks.filter((m) => !m.resolution).length;
  if (unresolved) problems.push(`有 ${unresolved} 处校对标记还没有处理`);
  const missed = view.marks.filter((m) => m.resolution !== "KEPT" && m.check === "MISSED").length;
  if (missed) problems.push(`核红发现 ${missed} 处漏改`);
  return problems;
}

export type PageToProofread = { pageId: string; issueId: string; issueDate: Date; issueNumber: number; number: number; name: string; status: PageStatus; closed: number; open: number | null };

/** The pages of issues not yet out, with where their proofreading stands: the 校对's worklist. */
export async function pagesToProofread(actor: SessionUser): Promise<{ setting: number; pages: PageToProofread[] }> {
  mayProofread(actor);
  const [setting, pages] = await Promise.all([
    proofRoundsSetting(),
    db().page.findMany({
      where: { issue: { status: { not: "PUBLISHED" } } },
      orderBy: [{ issue: { date: "asc" } }, { number: "asc" }],
      take: 200,
      select: { id: true, number: true, name: true, status: true, issue: { select: { id: true, date: true, number: true } }, proofRounds: { select: { number: true, closedAt: true } } },
    }),
  ]);
  return {
    setting,
    pages: pages.map((p) => ({
      pageId: p.id,
      issueId: p.issue.id,
      issueDate: p.issue.date,
      issueNumber: p.issue.number,
      number: p.number,
      name: p.name,
      status: p.status,
      closed: p.proofRounds.filter((r) => r.closedAt).length,
      open: p.proofRounds.find((r) => !r.closedAt)?.number ?? null,
    })),
  };
}

export type ProofreaderTally = { name: string; byRound: number[]; total: number };

/**
 * What each 校对 caught in a month: marks by round (一校, 二校, 三校…), counted by when they were
 * made (Beijing days). For the desk's quality report.
 */
export async function marksByProofreader(actor: SessionUser, range: { gte: Date; lt: Date }): Promise<ProofreaderTally[]> {
  if (!can(actor.role, "desk:review")) throw forbidden("只有编辑可以查看差错统计");
  const rows = await db().$queryRaw<{ name: string; round: number; marks: number }[]>`
    SELECT u.name, r.number AS round, count(*)::int AS marks
    FROM "ProofMark" m JOIN "ProofRound" r ON r.id = m."roundId" JOIN "User" u ON u.id = m."markedById"
    WHERE m."markedAt" >= ${range.gte} AND m."markedAt" < ${range.lt}
    GROUP BY u.id, u.name, r.number ORDER BY u.name, r.number`;
  const tallies = new Map<string, ProofreaderTally>();
  for (const row of rows) {
    const tally = tallies.get(row.name) ?? { name: row.name, byRound: [], total: 0 };
    tally.byRound[row.round - 1] = (tally.byRound[row.round - 1] ?? 0) + row.marks;
    tally.total += row.marks;
    tallies.set(row.name, tally);
  }
  return [...tallies.values()].sort((a, b) => b.total - a.total);
}
