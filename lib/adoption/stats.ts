import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { forbidden, invalid } from "@/lib/core/errors";
import { issueDateFromString, issueDateToString, paperDayRange } from "@/lib/core/dates";
import { previousPeriod, readPeriod, nextDay, type Period } from "@/lib/adoption/stats-periods";
import { creditShare, pieceWorth, scoreRulesFrom, type ScoreRules, type ScoredPiece } from "@/lib/adoption/score";
import { isStaffCredit } from "@/lib/fees/payees";
import type { ContributorRole, UnitKind } from "@/lib/generated/prisma/enums";

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

type CreditRow = {
  recordId: string;
  storyId: string;
  issueDate: Date;
  pageNumber: number;
  isLead: boolean;
  kind: ScoredPiece["kind"];
  characters: number;
  headline: string;
  photos: number;
  keyPiece: boolean;
  contributorId: string;
  role: ContributorRole;
  place: number;
  sharers: number;
  name: string;
  affiliation: string;
  unitId: string | null;
  unitName: string | null;
  unitKind: UnitKind | null;
};

/**
 * Every credit on every piece that ran in [from, to), one row per person per piece (a person credited
 * twice on one piece, as writer and photographer, is one sharer), in one statement.
 */
async function creditsRan(from: string, to: string): Promise<CreditRow[]> {
  return db().$queryRaw<CreditRow[]>`
    WITH credited AS (
      SELECT DISTINCT ON (pc."recordId", pc."contributorId") pc."recordId", pc."contributorId", pc.role, pc.position
      FROM "PrintCredit" pc
      JOIN "PrintRecord" r ON r.id = pc."recordId"
      WHERE r.event = 'RELEASED' AND r."issueDate" >= ${issueDateFromString(from)} AND r."issueDate" < ${issueDateFromString(to)}
      ORDER BY pc."recordId", pc."contributorId", pc.position
    )
    SELECT r.id AS "recordId", r."storyId", r."issueDate", r."pageNumber", r."isLead", r.kind::text AS kind, r.characters, r.headline,
      (SELECT count(*)::int FROM "PrintPhoto" pp WHERE pp."recordId" = r.id) AS photos,
      COALESCE(sr."keyPiece", false) AS "keyPiece",
      cr."contributorId", cr.role::text AS role,
      (row_number() OVER (PARTITION BY r.id ORDER BY cr.position) - 1)::int AS place,
      (count(*) OVER (PARTITION BY r.id))::int AS sharers,
      c.name, c.affiliation, u.id AS "unitId", u.name AS "unitName", u.kind::text AS "unitKind"
    FROM credited cr
    JOIN "PrintRecord" r ON r.id = cr."recordId"
    JOIN "Contributor" c ON c.id = cr."contributorId"
    LEFT JOIN "Unit" u ON u.id = c."unitId"
    LEFT JOIN "StoryRating" sr ON sr."storyId" = r."storyId"`;
}

/** Pieces filed (submitted) in the period, per credited person. */
async function filedIn(from: string, to: string): Promise<Map<string, number>> {
  const range = paperDayRange(from, nextDayBefore(to));
  const rows = await db().$queryRaw<{ contributorId: string; filed: number }[]>`
    SELECT sc."contributorId", count(DISTINCT s.id)::int AS filed
    FROM "Story" s JOIN "StoryContributor" sc ON sc."storyId" = s.id
    WHERE s."submittedAt" >= ${range.gte} AND s."submittedAt" < ${range.lt}
    GROUP BY sc."contributorId"`;
  return new Map(rows.map((r) => [r.contributorId, r.filed]));
}
function nextDayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
}

function share(row: CreditRow, rules: ScoreRules): number {
  return creditShare(pieceWorth(row, rules), rules, row.place, row.sharers);
}

function byPerson(rows: CreditRow[], rules: ScoreRules, filed: Map<string, number>, previous: Map<string, number>): PersonRow[] {
  const out = new Map<string, PersonRow>();
  for (const r of rows) {
    if (isStaffCredit(r.role, r.unitKind)) continue;
    const p = out.get(r.contributorId) ?? {
      contributorId: r.contributorId, name: r.name, unitId: r.unitId, unitName: r.unitName ?? r.affiliation,
      filed: filed.get(r.contributorId) ?? 0, used: 0, frontPage: 0, leads: 0, photos: 0, photoSets: 0, characters: 0, score: 0,
      previousScore: previous.get(r.contributorId) ?? 0,
    };
    p.used += 1;
    if (r.pageNumber === 1) p.frontPage += 1;
    if (r.isLead) p.leads += 1;
    p.photos += r.photos;
    if (r.kind === "PHOTO_STORY") p.photoSets += 1;
    p.characters += r.kind === "PHOTO_NEWS" || r.kind === "PHOTO_STORY" ? 0 : r.characters;
    p.score += share(r, rules);
    out.set(r.contributorId, p);
  }
  return [...out.values()].sort((a, b) => b.score - a.score || b.used - a.used || a.name.localeCompare(b.name, "zh-CN"));
}

function scoresOf(rows: CreditRow[], rules: ScoreRules): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) if (!isStaffCredit(r.role, r.unitKind)) out.set(r.contributorId, (out.get(r.contributorId) ?? 0) + share(r, rules));
  return out;
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
  const [rules, rows, earlier, filed] = await Promise.all([scoreRules(), creditsRan(period.from, period.to), creditsRan(before.from, before.to), filedIn(period.from, period.to)]);
  const people = byPerson(rows, rules, filed, scoresOf(earlier, rules));
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
  const rows = await creditsRan(stats.period.from, stats.period.to);
  const bar = stats.rules.excellentMinScore;
  const candidates = stats.people
    .filter((p) => p.score >= bar)
    .map((person) => ({
      person,
      pieces: rows
        .filter((r) => r.contributorId === person.contributorId)
        .map((r) => ({ storyId: r.storyId, issueDate: issueDateToString(r.issueDate), pageNumber: r.pageNumber, headline: r.headline, share: share(r, stats.rules) }))
        .filter((p) => p.share > 0)
        .sort((a, b) => b.share - a.share || a.issueDate.localeCompare(b.issueDate)),
    }));
  return { bar, candidates };
}
