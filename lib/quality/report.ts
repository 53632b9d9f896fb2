import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { forbidden, invalid } from "@/lib/core/errors";
import { issueDateToString, issueMonthDays, isRealMonth } from "@/lib/core/dates";
import { errorRateLimit } from "@/lib/issues/paper-profile";
import { pageLabel } from "@/lib/format";
import { ERROR_KIND_LABELS, ERROR_KINDS, ERROR_SOURCE_LABELS, ERROR_SOURCES, errorRate, type ErrorKind, type ErrorSource } from "@/lib/quality/kinds";

// 差错率 for a month: the errors recorded against its released issues (lib/quality/errors.ts) per
// 10,000 characters the print records say those issues carried, against the paper's limit. What
// ran is counted once, where it was placed: a story that jumps (转版) counts on its first page, and
// so do its errors, wherever on it they were found (the log keeps the page where they were), so a
// page's and an editor's rate set the errors of their stories against those stories' characters.
// Errors outside stories count on their own page. Characters are the story's text as released (the
// release record), not what it says after a correction.

export type RateRow = { label: string; characters: number; errors: number; rate: number | null; over: boolean };
export type ErrorEntry = {
  id: string;
  issueDate: string;
  issueNumber: number;
  page: number;
  headline: string | null;
  kind: ErrorKind;
  source: ErrorSource;
  count: number;
  printed: string;
  correct: string;
  note: string;
  recordedBy: { id: string; name: string };
  recordedAt: Date;
  voided: { at: Date; by: string; reason: string } | null;
};
export type ErrorReport = {
  month: string;
  limit: number;
  total: RateRow;
  byIssue: (RateRow & { date: string; number: number })[];
  byPage: RateRow[];
  byEditor: RateRow[];
  byKind: { kind: ErrorKind; label: string; errors: number }[];
  bySource: { source: ErrorSource; label: string; errors: number }[];
  entries: ErrorEntry[];
};

/** Adds up rows into one keyed table, in first-seen order unless sorted after. */
function tally<K>(rows: { key: K; characters: number; errors: number }[]): Map<K, { characters: number; errors: number }> {
  const out = new Map<K, { characters: number; errors: number }>();
  for (const r of rows) {
    const sum = out.get(r.key) ?? { characters: 0, errors: 0 };
    out.set(r.key, { characters: sum.characters + r.characters, errors: sum.errors + r.errors });
  }
  return out;
}

export async function errorReport(actor: SessionUser, month: string): Promise<ErrorReport> {
  if (!can(actor.role, "desk:review")) throw forbidden("只有编辑可以查看差错统计");
  if (!isRealMonth(month)) throw invalid("月份写法：2026-11");
  const [limit, issues] = await Promise.all([
    errorRateLimit(),
    db().issue.findMany({
      where: { status: "PUBLISHED", date: issueMonthDays(month) },
      orderBy: { date: "asc" },
      select: { id: true, date: true, number: true, pages: { select: { number: true, editorCredit: true } } },
    }),
  ]);
  const issueIds = issues.map((i) => i.id);
  const [printed, errors] = await Promise.all([
    db().printRecord.groupBy({ by: ["issueId", "pageNumber"], where: { issueId: { in: issueIds }, event: "RELEASED" }, _sum: { characters: true } }),
    db().printedError.findMany({
      where: { issueId: { in: issueIds } },
      orderBy: [{ recordedAt: "desc" }],
      select: {
        id: true,
        issueId: true,
        pageNumber: true,
        storyId: true,
        kind: true,
        source: true,
        count: true,
        printed: true,
        correct: true,
        note: true,
        recordedAt: true,
        recordedBy: { select: { id: true, name: true } },
        voidedAt: true,
        voidReason: true,
        voidedBy: { select: { name: true } },
      },
    }),
  ]);
  const counted = errors.filter((e) => e.voidedAt === null);
  const issueById = new Map(issues.map((i) => [i.id, i]));
  const editorOf = (issueId: string, page: number) => issueById.get(issueId)?.pages.find((p) => p.number === page)?.editorCredit.trim() || "（未署名）";
  // One row per page of each issue: what it carried and what was found on it.
  const releases = await db().printRecord.findMany({
    where: { issueId: { in: issueIds }, event: "RELEASED", storyId: { in: errors.flatMap((e) => (e.storyId ? [e.storyId] : [])) } },
    select: { storyId: true, headline: true, pageNumber: true },
  });
  const releaseOf = new Map(releases.map((r) => [r.storyId, r]));
  const countedOn = (e: (typeof counted)[number]) => (e.storyId ? (releaseOf.get(e.storyId)?.pageNumber ?? e.pageNumber) : e.pageNumber);
  const pageRows = [
    ...printed.map((p) => ({ issueId: p.issueId, page: p.pageNumber, characters: p._sum.characters ?? 0, errors: 0 })),
    ...counted.map((e) => ({ issueId: e.issueId, page: countedOn(e), characters: 0, errors: e.count })),
  ];
  const row = (label: string, sum: { characters: number; errors: number }): RateRow => {
    const rate = errorRate(sum.errors, sum.characters);
    // Over as the report shows it, to two places: a page shown at 万分之 3.00 is not marked over a limit of 3.
    return { label, ...sum, rate, over: rate !== null && Math.round(rate * 100) / 100 > limit };
  };
  const total = tally(pageRows.map((r) => ({ ...r, key: "all" }))).get("all") ?? { characters: 0, errors: 0 };
  const byIssue = tally(pageRows.map((r) => ({ ...r, key: r.issueId })));
  const byPage = tally(pageRows.map((r) => ({ ...r, key: r.page })));
  const byEditor = tally(pageRows.map((r) => ({ ...r, key: editorOf(r.issueId, r.page) })));
  const sumBy = <K extends string>(keys: readonly K[], of: (e: (typeof counted)[number]) => K) =>
    keys.map((k) => ({ key: k, errors: counted.filter((e) => of(e) === k).reduce((n, e) => n + e.count, 0) }));
  return {
    month,
    limit,
    total: row("全月", total),
    byIssue: issues.map((i) => ({ ...row(`总第${i.number}期`, byIssue.get(i.id) ?? { characters: 0, errors: 0 }), date: issueDateToString(i.date), number: i.number })),
    byPage: [...byPage].sort(([a], [b]) => a - b).map(([page, sum]) => row(pageLabel(page), sum)),
    byEditor: [...byEditor].sort(([a], [b]) => a.localeCompare(b, "zh-CN")).map(([editor, sum]) => row(editor, sum)),
    byKind: sumBy(ERROR_KINDS, (e) => e.kind).map(({ key, errors }) => ({ kind: key, label: ERROR_KIND_LABELS[key], errors })),
    bySource: sumBy(ERROR_SOURCES, (e) => e.source).map(({ key, errors }) => ({ source: key, label: ERROR_SOURCE_LABELS[key], errors })),
    entries: errors.map((e) => {
      const issue = issueById.get(e.issueId)!;
      return {
        id: e.id,
        issueDate: issueDateToString(issue.date),
        issueNumber: issue.number,
        page: e.pageNumber,
        headline: e.storyId ? (releaseOf.get(e.storyId)?.headline ?? null) : null,
        kind: e.kind,
        source: e.source,
        count: e.count,
        printed: e.printed,
        correct: e.correct,
        note: e.note,
        recordedBy: e.recordedBy,
        recordedAt: e.recordedAt,
        voided: e.voidedAt ? { at: e.voidedAt, by: e.voidedBy?.name ?? "", reason: e.voidReason } : null,
      };
    }),
  };
}
