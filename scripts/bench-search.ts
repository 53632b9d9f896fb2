// Benchmark (not a test): the reader's first search for a common word over a ten-year archive.
// Needs $DATABASE_URL naming an archive filled by `npm run bench:reader` (~175,000 stories); it
// applies the migrations, and gives bench stories the search text the app would write (bench:reader
// fills in a stand-in without their headlines).
// For each word, on new connections (timed from their first query) so that nothing of the search is
// cached in the session or the process:
//   reader search-first-old word=<w> ms=<n>   the query as it was (ILIKE, every match ranked), run
//                                             as SQL: ids and bounded count, side by side
//   reader search-first word=<w> ms=<n> matches=<m>   lib/reader/search.ts in a new process, page 1
//   reader search-deep word=<w> page=50 ms=<n>        the same, the last page a reader can ask for
// Each is the median of BENCH_RUNS runs. The operating system's file cache cannot be dropped from
// here: "cold" is a new process and connection, with the database's files as the OS has them.
// Usage: DATABASE_URL=postgresql://…/benchsearch npm run bench:search   (BENCH_WORDS=全县,发展 BENCH_RUNS=5)
import { execFileSync, spawnSync } from "node:child_process";
import pg from "pg";

const WORDS = (process.env.BENCH_WORDS ?? "全县,发展,群众,活动,发展 群众,航天").split(",");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * One search in this fresh process, as the first query of an app instance that has served other
 * pages: the Prisma client loaded, two pool connections open, the card query compiled once. The
 * connections have run nothing of the search. Prints JSON.
 */
async function child(q: string, page: number) {
  const { db } = await import("@/lib/platform/db");
  const { cardSelect } = await import("@/lib/reader/archive");
  const { findStories } = await import("@/lib/reader/search");
  await Promise.all([db().$queryRaw`SELECT 1`, db().$queryRaw`SELECT 1`]);
  await db().story.findMany({ where: { id: { in: ["-"] } }, select: { ...cardSelect, searchText: true, subheadline: true } });
  // Let the start-up work of this process (compiling what it loaded) settle, as in a serving instance.
  await new Promise((r) => setTimeout(r, 300));
  const started = performance.now();
  const result = await findStories({ q, page });
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, matches: result.kind === "results" ? (result.capped ? `>${result.total}` : String(result.total)) : "0" }));
  process.exit(0);
}

function searchInNewProcess(url: string, q: string, page: number): { ms: number; matches: string } {
  const out = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/bench-search.ts", "--child", q, String(page)], {
    env: { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-secret-bench-secret-bench" },
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(`search for ${q} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split("\n").at(-1)!);
}

/** The query as it was before the headline-group index: ILIKE, and every match ranked to find a page. */
async function oldQuery(url: string, word: string): Promise<number> {
  const patterns = word.split(" ").map((t) => `%${t}%`);
  const where = patterns.map((_, i) => `s."searchText" ILIKE $${i + 1}`).join(" AND ");
  const headline = patterns.map((_, i) => `(s.headline ILIKE $${i + 1})::int`).join(" + ");
  const frame = patterns.map((_, i) => `((s.kicker || s.subheadline) ILIKE $${i + 1})::int`).join(" + ");
  const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  await Promise.all(clients.map((c) => c.connect()));
  const started = performance.now();
  await Promise.all([
    clients[0].query(
      `SELECT s.id FROM "Story" s WHERE s.status = 'PUBLISHED' AND ${where}
       ORDER BY (3 * (${headline}) + (${frame})) DESC, s."publishedAt" DESC, s.id LIMIT 20 OFFSET 0`,
      patterns,
    ),
    clients[1].query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Story" s WHERE s.status = 'PUBLISHED' AND ${where} LIMIT 1001) x`, patterns),
  ]);
  const ms = performance.now() - started;
  await Promise.all(clients.map((c) => c.end()));
  return ms;
}

async function prepare(url: string) {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE strpos("searchText", headline) = 0)::int AS stale FROM "Story" WHERE id LIKE 'rb%'`);
  if (rows[0].n === 0) throw new Error("no bench stories here: fill the archive with `npm run bench:reader` first");
  if (rows[0].stale > 0) {
    // The same text as lib/stories/body.ts searchTextOf and the migration that filled it in.
    await client.query(`UPDATE "Story" SET "searchText" = concat_ws(E'\\n', NULLIF(kicker, ''), NULLIF(headline, ''), NULLIF(subheadline, ''), NULLIF(byline, ''),
        (SELECT string_agg(t, E'\\n') FROM jsonb_array_elements(body) AS b,
           LATERAL unnest(CASE WHEN b->>'type' = 'photo' THEN ARRAY[b->>'caption', b->>'credit'] ELSE ARRAY[b->>'text'] END) AS t
         WHERE coalesce(t, '') <> ''))
      WHERE id LIKE 'rb%'`);
    await client.query(`VACUUM ANALYZE "Story"`);
    console.log(`gave ${rows[0].stale} bench stories the search text the app writes`);
  }
  await client.end();
  return rows[0].n as number;
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("set DATABASE_URL to an archive filled by `npm run bench:reader`");
  const stories = await prepare(url);
  console.log(`searching ${stories} bench stories, ${RUNS} runs each`);
  for (const word of WORDS) {
    const old: number[] = [];
    const first: { ms: number; matches: string }[] = [];
    const deep: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      old.push(await oldQuery(url, word));
      first.push(searchInNewProcess(url, word, 1));
      deep.push(searchInNewProcess(url, word, 50).ms);
    }
    const w = word.replace(" ", "+");
    console.log(`reader search-first-old word=${w} ms=${Math.round(median(old))}`);
    console.log(`reader search-first word=${w} ms=${Math.round(median(first.map((r) => r.ms)))} matches=${first[0].matches}`);
    console.log(`reader search-deep word=${w} page=50 ms=${Math.round(median(deep))}`);
  }
}

const at = process.argv.indexOf("--child");
(at >= 0 ? child(process.argv[at + 1], Number(process.argv[at + 2])) : main()).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
