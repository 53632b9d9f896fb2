import "server-only";
import { db } from "@/lib/platform/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cardSelect, toCard, LIST_PAGE_SIZE, type StoryCard } from "@/lib/reader/archive";
import { printable } from "@/lib/validation/text";
import { cachedReader } from "@/lib/reader/queries";

// Reader search over published stories. Chinese has no spaces between words, so instead of a word
// index it looks for each query term as a substring, served by the trigram index on searchText
// (pg_trgm, which the embedded database loads too). Terms are split on spaces; all must appear.
export const QUERY_MAX_CHARS = 40;
export const RESULT_CAP = 1000;

export type SearchInput = { q: string; from?: string; to?: string; tag?: string; page: number };
export type SnippetPart = { text: string; hit: boolean };
export type SearchHit = StoryCard & { snippet: SnippetPart[] };
export type SearchResult =
  | { kind: "empty" }
  | { kind: "too-short"; q: string }
  | { kind: "results"; q: string; terms: string[]; truncated: boolean; hits: SearchHit[]; total: number; capped: boolean; page: number; totalPages: number };

/** Turns what a reader typed into search terms, with the problems a reader should hear about. */
export function searchTerms(raw: string): { terms: string[]; truncated: boolean; tooShort: boolean } {
  const chars = Array.from(printable(raw, " ").normalize("NFKC").trim());
  const truncated = chars.length > QUERY_MAX_CHARS;
  const terms = [...new Set(chars.slice(0, QUERY_MAX_CHARS).join("").split(/[\s，,。、；;]+/u).filter(Boolean))].slice(0, 5);
  // A single character matches almost everything and cannot use the trigram index.
  const tooShort = terms.length > 0 && terms.every((t) => Array.from(t).length < 2);
  return { terms: terms.filter((t) => Array.from(t).length >= 2), truncated, tooShort };
}

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Answers that found something are kept in the shared cache with the other reader queries: the
// same few words are searched again and again, and a publication, correction or withdrawal drops
// them on every instance. Entries expire (lib/platform/cache), so what readers type stays bounded.
export const searchStories = cachedReader("search", (input: SearchInput) => runSearch(input), (r) => r.kind === "results" && r.hits.length > 0, { revalidateSeconds: 300 });

async function runSearch(input: SearchInput): Promise<SearchResult> {
  if (!input.q.trim()) return { kind: "empty" };
  const { terms, truncated, tooShort } = searchTerms(input.q);
  if (tooShort || terms.length === 0) return { kind: "too-short", q: input.q };
  const patterns = terms.map(likePattern);
  const conditions = [
    Prisma.sql`s.status = 'PUBLISHED'`,
    ...patterns.map((p) => Prisma.sql`s."searchText" ILIKE ${p}`),
    // Dates are the issue's date, the one printed on the paper.
    ...(input.from || input.to
      ? [
          Prisma.sql`EXISTS (SELECT 1 FROM "Placement" pl JOIN "Page" p ON p.id = pl."pageId" JOIN "Issue" i ON i.id = p."issueId"
            WHERE pl."storyId" = s.id AND i.date >= ${new Date(`${input.from ?? "1900-01-01"}T00:00:00Z`)} AND i.date <= ${new Date(`${input.to ?? "2999-12-31"}T00:00:00Z`)})`,
        ]
      : []),
    ...(input.tag ? [Prisma.sql`EXISTS (SELECT 1 FROM "_StoryToTag" st JOIN "Tag" t ON t.id = st."B" WHERE st."A" = s.id AND t.name = ${input.tag})`] : []),
  ];
  const where = Prisma.join(conditions, " AND ");
  // Rank: a term in the headline counts most, in the kicker or subheadline next, then the newest first.
  const headlineHits = Prisma.join(patterns.map((p) => Prisma.sql`(s.headline ILIKE ${p})::int`), " + ");
  const frameHits = Prisma.join(patterns.map((p) => Prisma.sql`((s.kicker || s.subheadline) ILIKE ${p})::int`), " + ");
  const offset = (input.page - 1) * LIST_PAGE_SIZE;
  const [ids, counted] = await Promise.all([
    db().$queryRaw<{ id: string }[]>`
      SELECT s.id FROM "Story" s WHERE ${where}
      ORDER BY (3 * (${headlineHits}) + (${frameHits})) DESC, s."publishedAt" DESC, s.id
      LIMIT ${LIST_PAGE_SIZE} OFFSET ${offset}`,
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Story" s WHERE ${where} LIMIT ${RESULT_CAP + 1}) x`,
  ]);
  const rows = await db().story.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select: { ...cardSelect, searchText: true, subheadline: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const hits = ids.flatMap(({ id }) => {
    const row = byId.get(id);
    return row ? [{ ...toCard(row), snippet: snippet(bodyPart(row), terms) }] : [];
  });
  const total = Math.min(counted[0]?.n ?? 0, RESULT_CAP);
  return {
    kind: "results",
    q: input.q,
    terms,
    truncated,
    hits,
    total,
    capped: (counted[0]?.n ?? 0) > RESULT_CAP,
    page: input.page,
    totalPages: Math.max(1, Math.ceil(total / LIST_PAGE_SIZE)),
  };
}

/** The body's share of the search text, when the terms occur there (the headline is shown anyway). */
function bodyPart(row: { searchText: string; kicker: string; headline: string; subheadline: string }): string {
  let text = row.searchText;
  for (const line of [row.kicker, row.headline, row.subheadline]) if (line && text.startsWith(line)) text = text.slice(line.length).trimStart();
  return text || row.searchText;
}

/** A stretch of text around the first match, split so the page can mark every term in it. */
export function snippet(text: string, terms: string[], radius = 50): SnippetPart[] {
  const flat = text.replace(/\s+/g, " ");
  const lower = flat.toLowerCase();
  const first = Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0), flat.length);
  const start = Math.max(0, first - radius);
  const window = flat.slice(start, first + radius * 2);
  const pattern = new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "giu");
  const parts = window.split(pattern).filter(Boolean).map((part) => ({ text: part, hit: terms.some((t) => t.toLowerCase() === part.toLowerCase()) }));
  if (start > 0) parts.unshift({ text: "…", hit: false });
  if (start + window.length < flat.length) parts.push({ text: "…", hit: false });
  return parts;
}
