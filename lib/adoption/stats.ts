import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { forbidden, invalid } from "@/lib/core/errors";
import { issueDateFromString, issueDateToString, paperDayRange } from "@/lib/core/dates";
import { previousPeriod, readPeriod, type Period } from "@/lib/adoption/stats-periods";
import { creditShare, pieceWorth, scoreRulesFrom, type ScoreRules, type ScoredPiece } from "@/lib/adoption/score";
import { STAFF_ROLES, STAFF_UNIT_KIND } from "@/lib/contributors/staff";
import { Prisma } from "@/lib/generated/prisma/client";

// 采用 statistics: what each correspondent and each 单位 had used in a month, a quarter or a year,
// read from the release records (what ran, where, credited to whom) and the desk's ratings (重点稿),
// scored by the paper's rules (lib/adoption/score.ts). Staff (本报人员) are left out: the tables rank
// the people who file for the paper from outside it.

export type PersonRow = {
  contributorId: string;
  name: string;
  unitId: string | null;
  unitName: string;
  filed: number;
  used: number;
  frontPage: number;
  leads: number;
  photos: number;
  photoSets: number;
  characters: number;
  score: number;
  previousScore: number;
};
export type UnitRow = Omit<PersonRow, "contributorId" | "name" | "unitId"> & { unitId: string | null; unitName: string; people: number };
export type QualifyingPiece = { storyId: string; issueDate: string; pageNumber: number; headline: string; share: number };

/** A credit on a piece that ran, as the candidates' list reads it (one row per person per piece). */
type CreditRow = ScoredPiece & { recordId: string; storyId: string; issueDate: Date; contributorId: string; place: number; sharers: number };

/**
 * The pieces that ran in [from, to) and who is credited on each: one row per person per piece (a
 * person credited twice on one piece, as writer and photographer, is one sharer), with their place in
 * the byline and how many share it. Each record's credits and photos are looked up by its index (a
 * hash of every credit ever printed cost more). `only` narrows it to some people.
 */
function creditsSql(from: string, to: string, only: string[] | null) {
  return Prisma.sql`
    SELECT r.id AS "recordId", r."storyId", r."issueDate", r."pageNumber", r."isLead", r.kind::text AS kind, r.characters,
      p.n AS photos, COALESCE(sr."keyPiece", false) AS "keyPiece", cr."contributorId", cr.role::text AS role,
      (row_number() OVER (PARTITION BY r.id ORDER BY cr.position) - 1)::int AS place,
      (count(*) OVER (PARTITION BY r.id))::int AS sharers
    FROM "PrintRecord" r
    CROSS JOIN LATERAL (
      SELECT DISTINCT ON (pc."contributorId") pc."contributorId", pc.role, pc.position
      FROM "PrintCredit" pc WHERE pc."recordId" = r.id ORDER BY pc."contributorId", pc.position
    ) cr
    CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM "PrintPhoto" pp WHERE pp."recordId" = r.id) p
    LEFT JOIN "StoryRating" sr ON sr."storyId" = r."storyId"
    WHERE r.event = 'RELEASED' AND r."issueDate" >= ${issueDateFromString(from)} AND r."issueDate" < ${issueDateFromString(to)}
    ${only ? Prisma.sql`AND EXISTS (SELECT 1 FROM "PrintCredit" o WHERE o."recordId" = r.id AND o."contributorId" = ANY(${only}))` : Prisma.empty}`;
}

type Tally = Omit<PersonRow, "filed" | "previousScore">;

/**
 * Each correspondent's tally for [from, to), added up in the database: a year is tens of thousands
 * of credits, and shipping them here cost ten times the query. The score is pieceWorth and
 * creditShare (lib/adoption/score.ts) written in SQL with the rules as parameters; staff are
 * isStaffCredit (lib/contributors/staff.ts) with its own constants. tests/integration/adoption.test.ts
 * checks both against scores worked out by hand and against the TypeScript rules piece by piece.
 * JIT compilation is off: compiling cost more than running (bench:stats).
 */
async function tallies(from: string, to: string, rules: ScoreRules): Promise<Tally[]> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL jit = off`;
    return tx.$queryRaw<Tally[]>`
      WITH credit AS (${creditsSql(from, to, null)}),
      scored AS (
        SELECT c.*,
          (CASE WHEN c.kind IN ('PHOTO_NEWS', 'PHOTO_STORY') AND ${rules.photos === "PER_PHOTO"} THEN GREATEST(1, c.photos) ELSE 1 END)::float8
          * (CASE WHEN c.kind = 'NEWS_BRIEF' AND c.characters <= ${rules.briefMaxChars} THEN ${rules.brief}::float8 ELSE 1 END)
          * (CASE WHEN c."pageNumber" = 1 THEN ${rules.frontPage}::float8 ELSE 1 END)
          * (CASE WHEN c."isLead" THEN ${rules.lead}::float8 ELSE 1 END)
          * (CASE WHEN c."keyPiece" THEN ${rules.keyPiece}::float8 ELSE 1 END) AS worth
        FROM credit c
      )
      SELECT s."contributorId", c.name, u.id AS "unitId", COALESCE(u.name, c.affiliation) AS "unitName",
        count(*)::int AS used,
        (count(*) FILTER (WHERE s."pageNumber" = 1))::int AS "frontPage",
        (count(*) FILTER (WHERE s."isLead"))::int AS leads,
        sum(s.photos)::int AS photos,
        (count(*) FILTER (WHERE s.kind = 'PHOTO_STORY'))::int AS "photoSets",
        COALESCE(sum(s.characters) FILTER (WHERE s.kind NOT IN ('PHOTO_NEWS', 'PHOTO_STORY')), 0)::int AS characters,
        sum(CASE WHEN s.sharers <= 1 THEN s.worth
                 WHEN ${rules.shared === "FIRST"} THEN CASE WHEN s.place = 0 THEN s.worth ELSE 0 END
                 ELSE s.worth / s.sharers END)::float8 AS score
      FROM scored s
      JOIN "Contributor" c ON c.id = s."contributorId"
      LEFT JOIN "Unit" u ON u.id = c."unitId"
      WHERE NOT (s.role = ANY(${[...STAFF_ROLES]}) OR u.kind IS NOT DISTINCT FROM ${STAFF_UNIT_KIND}::"UnitKind")
      GROUP BY s."contributorId", c.name, c.affiliation, u.id, u.name`;
  });
}

/** Pieces filed (submitted) in the period, per credited person. */
async function filedIn(from: string, to: string): Promise<Map<string, number>> {
  // Submitted from the start of the period's first Beijing day up to the start of the day after it.
  const range = { gte: paperDayRange(from).gte!, lt: paperDayRange(to).gte! };
  const rows = await db().$queryRaw<{ contributorId: string; filed: number }[]>`
    SELECT sc."contributorId", count(DISTINCT s.id)::int AS filed
    FROM "Story" s JOIN "StoryContributor" sc ON sc."storyId" = s.id
    WHERE s."submittedAt" >= ${range.gte} AND s."submittedAt" < ${range.lt}
    GROUP BY sc."contributorId"`;
  return new Map(rows.map((r) => [r.contributorId, r.filed]));
}

function share(row: CreditRow, rules: ScoreRules): number {
  return creditShare(pieceWorth(row, rules), rules, row.place, row.sharers);
}

async function scoreRules(): Promise<ScoreRules> {
  const row = await db().paperProfile.findUnique({ where: { id: "paper" }, select: { scoreRules: true } });
  return scoreRulesFrom(row?.scoreRules ?? {});
}

export type AdoptionStats = { period: Period; rules: ScoreRules; people: PersonRow[]; units: UnitRow[] };

/** The period's tables by person and by unit, each with the period before's score beside it. */
export async function adoptionStats(actor: SessionUser, periodKey: string): Promise<AdoptionStats> {
  if (!can(actor.role, "adoption:read")) throw forbidden("只有编辑、财务和管理员可以查看采用统计");
  const period = readPeriod(periodKey);
  if (!period) throw invalid("统计时段写法：2026-11（月）、2026-Q4（季度）或 2026（年）");
  const before = previousPeriod(period);
  const rules = await scoreRules();
  const [now, earlier, filed] = await Promise.all([tallies(period.from, period.to, rules), tallies(before.from, before.to, rules), filedIn(period.from, period.to)]);
  const previous = new Map(earlier.map((t) => [t.contributorId, t.score]));
  const people: PersonRow[] = now
    .map((t) => ({ ...t, filed: filed.get(t.contributorId) ?? 0, previousScore: previous.get(t.contributorId) ?? 0 }))
    .sort((a, b) => b.score - a.score || b.used - a.used || a.name.localeCompare(b.name, "zh-CN"));
  const units = new Map<string, UnitRow>();
  for (const p of people) {
    const key = p.unitId ?? `（${p.unitName || "未登记单位"}）`;
    const u = units.get(key) ?? { unitId: p.unitId, unitName: p.unitName || "未登记单位", people: 0, filed: 0, used: 0, frontPage: 0, leads: 0, photos: 0, photoSets: 0, characters: 0, score: 0, previousScore: 0 };
    u.people += 1;
    for (const f of ["filed", "used", "frontPage", "leads", "photos", "photoSets", "characters", "score", "previousScore"] as const) u[f] += p[f];
    units.set(key, u);
  }
  return { period, rules, people, units: [...units.values()].sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, "zh-CN")) };
}

export type ExcellentCandidate = { person: PersonRow; pieces: QualifyingPiece[] };

/** 年度优秀通讯员: those whose year's score reaches the paper's bar, each with the pieces that count. */
export async function excellentCandidates(actor: SessionUser, year: string): Promise<{ bar: number; candidates: ExcellentCandidate[] }> {
  const stats = await adoptionStats(actor, year);
  if (stats.period.kind !== "year") throw invalid("评优按年度统计，请写年份，如 2026");
  const bar = stats.rules.excellentMinScore;
  const qualified = stats.people.filter((p) => p.score >= bar);
  const ids = new Set(qualified.map((p) => p.contributorId));
  const rows = qualified.length === 0 ? [] : await db().$queryRaw<CreditRow[]>(creditsSql(stats.period.from, stats.period.to, [...ids]));
  const records = [...new Set(rows.filter((r) => ids.has(r.contributorId)).map((r) => r.recordId))];
  const headlines = new Map((await db().printRecord.findMany({ where: { id: { in: records } }, select: { id: true, headline: true } })).map((r) => [r.id, r.headline]));
  const candidates = qualified
    .map((person) => ({
      person,
      pieces: rows
        .filter((r) => r.contributorId === person.contributorId)
        .map((r) => ({ storyId: r.storyId, issueDate: issueDateToString(r.issueDate), pageNumber: r.pageNumber, headline: headlines.get(r.recordId) ?? "", share: share(r, stats.rules) }))
        .filter((p) => p.share > 0)
        .sort((a, b) => b.share - a.share || a.issueDate.localeCompare(b.issueDate)),
    }));
  return { bar, candidates };
}
