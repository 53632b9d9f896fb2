import "server-only";
import { db } from "@/lib/platform/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cardSelect, toCard, LIST_PAGE_SIZE, type StoryCard } from "@/lib/reader/archive";
import { searchTerms } from "@/lib/validation/search-terms";
import { cachedReader } from "@/lib/reader/queries";
import { readerKey } from "@/lib/reader/keys";
import { readerVisibleSql } from "@/lib/print-record/in-print";

// Reader search over published stories. Chinese has no spaces between words, so instead of a word
// index it looks for each query term as a substring of searchText. Terms are split on spaces; all
// must appear. Results come in the order the page promises: a term in the headline first, then in
// the kicker or subheadline, then the rest, newest first. A common word is in tens of thousands of
// stories, and ranking all of them took most of a second; instead the stories with a term in their
// headline group are found in an index that holds those lines (no story rows read), and the rest
// of the page is read newest first from the same index until the page is full.
export const RESULT_CAP = 1000;

export type SearchInput = { q: string; from?: string; to?: string; tag?: string; page: number };
export type SnippetPart = { text: string; hit: boolean };
export type SearchHit = StoryCard & { snippet: SnippetPart[] };
export type SearchResult =
  | { kind: "empty" }
  | { kind: "too-short"; q: string }
  | { kind: "results"; q: string; terms: string[]; truncated: boolean; hits: SearchHit[]; total: number; capped: boolean; page: number; totalPages: number };

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// A term and how to look for it. ILIKE lower-cases every text it reads, which costs several times
// more than LIKE's plain comparison; a term without letters that have a case (any Chinese word, a
// number) finds exactly the same stories with LIKE.
type Term = { pattern: string; op: Prisma.Sql };
const sqlTerm = (term: string): Term => ({
  pattern: likePattern(term),
  op: Prisma.raw(term.toLowerCase() === term && term.toUpperCase() === term ? "LIKE" : "ILIKE"),
});
const has = (column: string, t: Term) => Prisma.sql`${Prisma.raw(column)} ${t.op} ${t.pattern}`;
const inHeadline = (t: Term) => has("s.headline", t);
const inFrame = (t: Term) => Prisma.sql`(${has("s.kicker", t)} OR ${has("s.subheadline", t)})`;
const inHeadlineGroup = (t: Term) => Prisma.sql`(${inHeadline(t)} OR ${inFrame(t)})`;

// Answers that found something are kept in the shared cache with the other reader queries: the
// same few words are searched again and again, and a publication, correction or withdrawal drops
// them on every instance. Entries expire (lib/platform/cache), so what readers type stays bounded.
export const searchStories = cachedReader("search", (input: SearchInput) => findStories(input), (r) => r.kind === "results" && r.hits.length > 0, {
  about: () => [readerKey.search],
  revalidateSeconds: 300,
});

/** The search itself, without the cache: what a word costs the first time it is asked for. */
export async function findStories(input: SearchInput): Promise<SearchResult> {
  if (!input.q.trim()) return { kind: "empty" };
  const { terms, truncated, tooShort } = searchTerms(input.q);
  if (tooShort || terms.length === 0) return { kind: "too-short", q: input.q };
  const sqlTerms = terms.map(sqlTerm);
  const filters = Prisma.join(
    [
      Prisma.raw(readerVisibleSql("s")),
      // Dates are the issue's date, the one printed on the paper.
      ...(input.from || input.to
        ? [
            Prisma.sql`EXISTS (SELECT 1 FROM "Placement" pl JOIN "Page" p ON p.id = pl."pageId" JOIN "Issue" i ON i.id = p."issueId"
              WHERE pl."storyId" = s.id AND i.date >= ${new Date(`${input.from ?? "1900-01-01"}T00:00:00Z`)} AND i.date <= ${new Date(`${input.to ?? "2999-12-31"}T00:00:00Z`)})`,
          ]
        : []),
      ...(input.tag ? [Prisma.sql`EXISTS (SELECT 1 FROM "_StoryToTag" st JOIN "Tag" t ON t.id = st."B" WHERE st."A" = s.id AND t.name = ${input.tag})`] : []),
    ],
    " AND ",
  );
  const matchesAll = Prisma.join(sqlTerms.map((t) => has(`s."searchText"`, t)), " AND ");
  const anyInHeadlineGroup = Prisma.join(sqlTerms.map((t) => inHeadlineGroup(t)), " OR ");
  // A term in the headline counts three, in the kicker or subheadline one.
  const score = Prisma.join(sqlTerms.map((t) => Prisma.sql`3 * (${inHeadline(t)})::int + ${inFrame(t)}::int`), " + ");
  const offset = (input.page - 1) * LIST_PAGE_SIZE;
  /** How many stories meet `where` (up to `cap`), and the page's share of them in rank order. */
  const rankedPage = async (where: Prisma.Sql, cap?: number) => {
    const [row] = await db().$queryRaw<{ n: number; ids: string[] }[]>`
      WITH ranked AS MATERIALIZED (
        SELECT s.id, s."publishedAt", ${score} AS score FROM "Story" s WHERE ${filters} AND ${where}
        ${cap ? Prisma.sql`LIMIT ${cap}` : Prisma.empty})
      SELECT (SELECT count(*)::int FROM ranked) AS n,
        ARRAY(SELECT id FROM ranked ORDER BY score DESC, "publishedAt" DESC, id LIMIT ${LIST_PAGE_SIZE} OFFSET ${offset}) AS ids`;
    return row;
  };
  // Up to RESULT_CAP + 1 matches, in whatever order they are met. When that is all of them, they are
  // ranked as they stand; a word that rare costs one pass over the archive, as it always did.
  const found = await rankedPage(matchesAll, RESULT_CAP + 1);
  const matches = found.n;
  let ids = found.ids;
  if (matches > RESULT_CAP) {
    // A common word: the stories with a term in the headline group come first. searchText begins with
    // those lines (searchTextOf), so with one term such a story matches and the index alone answers;
    // more terms need each story's searchText.
    const ranked = await rankedPage(sqlTerms.length === 1 ? anyInHeadlineGroup : Prisma.sql`(${anyInHeadlineGroup}) AND ${matchesAll}`);
    // The rest of the page: matches without a term in the headline group, newest first, read from
    // the index in that order until the page is full (there are enough: more than RESULT_CAP match).
    const restTake = LIST_PAGE_SIZE - ranked.ids.length;
    const rest =
      restTake > 0
        ? await db().$queryRaw<{ id: string }[]>`
            SELECT s.id FROM "Story" s WHERE ${filters} AND ${matchesAll} AND NOT (${anyInHeadlineGroup})
            ORDER BY s."publishedAt" DESC, s.id LIMIT ${restTake} OFFSET ${Math.max(0, offset - ranked.n)}`
        : [];
    ids = [...ranked.ids, ...rest.map((r) => r.id)];
  }
  const rows = await db().story.findMany({ where: { id: { in: ids } }, select: { ...cardSelect, searchText: true, subheadline: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const hits = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...toCard(row), snippet: snippet(bodyPart(row), terms) }] : [];
  });
  const total = Math.min(matches, RESULT_CAP);
  return {
    kind: "results",
    q: input.q,
    terms,
    truncated,
    hits,
    total,
    capped: matches > RESULT_CAP,
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
