// Benchmark (not a test): 采用 statistics and 稿酬 结算 over ten years of a daily. Fills a database
// with 3,000 released issues × 8 pages × 8 pieces (≈ 192,000 release records, a quarter of them with
// two people credited), 500 correspondents in 60 units, then times the month's and the year's ranking
// as /desk/stats reads them and one month's close, beside a baseline measured in the same run: a plain
// indexed count of the same month's (year's) records. Prints:
//   baseline-month-count p95_ms=<p>     baseline-year-count p95_ms=<p>
//   stats-month records=<n> p95_ms=<p>  stats-year records=<n> p95_ms=<p>
//   fees-close lines=<n> ms=<m>
// Usage: npm run bench:stats  (BENCH_REUSE=1 with DATABASE_URL times a database filled before; DATABASE_URL: an empty database to fill; by default it makes
// newsroom_bench_stats on the machine's Postgres and drops it after. BENCH_RUNS to change the runs.)
import { execFileSync } from "node:child_process";
import pg from "pg";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SERVER = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432";
const OWN_DB = "newsroom_bench_stats";

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 2; i++) await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

async function fill(client: pg.Client) {
  const started = Date.now();
  await client.query(`INSERT INTO "User" (id, username, name, "passwordHash", role, "updatedAt") VALUES
    ('bench_editor', 'bench_editor', '编辑', 'x', 'EDITOR', now()), ('bench_finance', 'bench_finance', '财务', 'x', 'FINANCE', now())`);
  await client.query(`INSERT INTO "Unit" (id, name, kind, region) SELECT 'bench_unit_' || i, '基准单位' || i,
    (ARRAY['PROPAGANDA','MEDIA_CENTER','GOVERNMENT','SCHOOL','COMPANY'])[1 + i % 5]::"UnitKind", '县' || (i % 8) FROM generate_series(0, 59) i`);
  // A long tail: lower numbers file far more (the piece's credit picks i² over 500).
  await client.query(`INSERT INTO "Contributor" (id, name, slug, "unitId") SELECT 'bench_c_' || i, '通讯员' || i, 'bench-c-' || i, 'bench_unit_' || (i % 60) FROM generate_series(0, 499) i`);
  await client.query(`INSERT INTO "Photo" (id, "storageKey", "mimeType", width, height, bytes, "uploaderId") SELECT 'bench_photo_' || i, 'bench/' || i, 'image/jpeg', 10, 10, 10, 'bench_editor' FROM generate_series(0, 9) i`);
  await client.query(`INSERT INTO "Issue" (id, date, number, status, "publishedAt", "updatedAt")
    SELECT 'bench_issue_' || i, DATE '2016-01-01' + i, 100000 + i, 'PUBLISHED', now(), now() FROM generate_series(0, 2999) i`);
  await client.query(`INSERT INTO "Story" (id, kind, status, headline, body, "charCount", "authorId", "updatedAt", "publishedAt")
    SELECT 'bench_s_' || n, (ARRAY['NEWS_BRIEF','NEWS_BRIEF','FEATURE','PHOTO_NEWS','COMMENTARY','PHOTO_STORY','NEWS_BRIEF','FEATURE'])[1 + n % 8]::"StoryKind",
      'PUBLISHED', '基准稿' || n, '[]'::jsonb, 150 + (n * 37) % 2800, 'bench_editor', now(), now()
    FROM generate_series(0, 191999) n`);
  await client.query(`INSERT INTO "PrintRecord" (id, event, "recordedAt", "issueId", "issueDate", "issueNumber", "pageNumber", "pageName", "storyId", position, "isLead", size, kind, kicker, headline, byline, characters)
    SELECT 'bench_r_' || n, 'RELEASED', now(), 'bench_issue_' || (n / 64), DATE '2016-01-01' + (n / 64), 100000 + n / 64, 1 + (n % 64) / 8, '第' || (1 + (n % 64) / 8) || '版',
      'bench_s_' || n, n % 8, n % 8 = 0, 'SINGLE', (ARRAY['NEWS_BRIEF','NEWS_BRIEF','FEATURE','PHOTO_NEWS','COMMENTARY','PHOTO_STORY','NEWS_BRIEF','FEATURE'])[1 + n % 8]::"StoryKind",
      '', '基准稿' || n, '', 150 + (n * 37) % 2800
    FROM generate_series(0, 191999) n`);
  await client.query(`INSERT INTO "PrintCredit" (id, "recordId", "contributorId", name, role, position)
    SELECT 'bench_pc_' || n, 'bench_r_' || n, 'bench_c_' || ((abs(hashtext(n::text)) % 500)::bigint * (abs(hashtext(n::text)) % 500) / 500), '通讯员', 'CORRESPONDENT', 0 FROM generate_series(0, 191999) n`);
  await client.query(`INSERT INTO "PrintCredit" (id, "recordId", "contributorId", name, role, position)
    SELECT 'bench_pc2_' || n, 'bench_r_' || n, 'bench_c_' || (1 + (abs(hashtext(n::text || 'b')) % 499)), '通讯员', 'CORRESPONDENT', 1 FROM generate_series(0, 191999, 4) n
    ON CONFLICT DO NOTHING`);
  await client.query(`INSERT INTO "PrintPhoto" (id, "recordId", "photoId", position, caption, credit)
    SELECT 'bench_pp_' || n || '_' || k, 'bench_r_' || n, 'bench_photo_' || k, k, '', '' FROM generate_series(3, 191999, 8) n, generate_series(0, 1) k
    UNION ALL SELECT 'bench_pp_' || n || '_' || k, 'bench_r_' || n, 'bench_photo_' || k, k, '', '' FROM generate_series(5, 191999, 8) n, generate_series(0, 5) k`);
  await client.query(`INSERT INTO "StoryRating" ("storyId", grade, "keyPiece", reprint, "ratedById") SELECT 'bench_s_' || n, 'A', n % 20 = 0, false, 'bench_editor' FROM generate_series(0, 191999, 10) n`);
  await client.query("ANALYZE");
  console.log(`filled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main() {
  const own = !process.env.DATABASE_URL;
  const url = process.env.DATABASE_URL ?? `${SERVER}/${OWN_DB}`;
  if (own) {
    const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${OWN_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${OWN_DB}`);
    await admin.end();
    process.env.DATABASE_URL = url;
  }
  // The app's code needs its settings; the bench signs nobody in.
  process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret";
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "ignore" });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM "PrintRecord"`);
  // BENCH_REUSE=1 times again over a database this bench filled before.
  if (rows[0].n > 0 && process.env.BENCH_REUSE !== "1") throw new Error("this database already holds release records; give the bench an empty one");
  if (rows[0].n === 0) await fill(client);

  const { adoptionStats } = await import("@/lib/adoption/stats");
  const { closeFeeMonth } = await import("@/lib/fees/ledger");
  const editor = { id: "bench_editor", username: "bench_editor", name: "编辑", role: "EDITOR" as const, affiliation: "", bylineTitle: "" };
  const finance = { ...editor, id: "bench_finance", username: "bench_finance", role: "FINANCE" as const };
  const count = (from: string, to: string) => client.query(`SELECT count(*) FROM "PrintRecord" WHERE event = 'RELEASED' AND "issueDate" >= $1 AND "issueDate" < $2`, [from, to]);

  const month = await timed(RUNS, () => count("2023-05-01", "2023-06-01"));
  console.log(`baseline-month-count p95_ms=${percentile(month, 95).toFixed(1)} median_ms=${percentile(month, 50).toFixed(1)}`);
  const year = await timed(RUNS, () => count("2023-01-01", "2024-01-01"));
  console.log(`baseline-year-count p95_ms=${percentile(year, 95).toFixed(1)} median_ms=${percentile(year, 50).toFixed(1)}`);
  const inMonth = (await count("2023-05-01", "2023-06-01")).rows[0].count;
  const statsMonth = await timed(RUNS, () => adoptionStats(editor, "2023-05"));
  console.log(`stats-month records=${inMonth} p95_ms=${percentile(statsMonth, 95).toFixed(1)} median_ms=${percentile(statsMonth, 50).toFixed(1)}`);
  const inYear = (await count("2023-01-01", "2024-01-01")).rows[0].count;
  const statsYear = await timed(Math.max(5, Math.floor(RUNS / 2)), () => adoptionStats(editor, "2023"));
  console.log(`stats-year records=${inYear} p95_ms=${percentile(statsYear, 95).toFixed(1)} median_ms=${percentile(statsYear, 50).toFixed(1)}`);
  const t = performance.now();
  const last = (await client.query(`SELECT max(month) AS month FROM "FeeMonth"`)).rows[0].month as string | null;
  const closing = last ? new Date(Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)), 1)).toISOString().slice(0, 7) : "2023-05";
  const closed = await closeFeeMonth(finance, closing);
  console.log(`fees-close lines=${closed.lines} ms=${(performance.now() - t).toFixed(0)}`);

  await client.end();
  if (own) {
    const { db } = await import("@/lib/platform/db");
    await db().$disconnect();
    const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${OWN_DB} WITH (FORCE)`);
    await admin.end();
  }
  process.exit(0);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
