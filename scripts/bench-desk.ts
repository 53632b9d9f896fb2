// Benchmark (not a test): the editor's story list over a ten-year archive, moves on the board and
// the release of a full issue. Fills the database named by $DATABASE_URL (or a fresh embedded one)
// with 100,000 stories, times listDeskPage for typical filters, moves on a 16-page issue
// (scripts/bench-assembly.ts), then releases 8-page issues of 60 stories of about 1,500 characters
// with photos and bylines, made as the desk makes them (scripts/bench-release.ts). Ends with:
//   desk-list stories=<n> median_ms=<m> p95_ms=<p>
//   review-queue stories=<n> median_ms=<m> p95_ms=<p>         (scripts/bench-review.ts)
//   proof-check marks=15 ms=<m>, then marks=1500                (scripts/bench-proofing.ts)
//   photo-library photos=<n> median_ms=<m> p95_ms=<p>          (scripts/bench-photos.ts)
//   photo-library-search photos=<n> median_ms=<m> p95_ms=<p>
//   assembly-move pages=16 stories=64 moves=<n> median_ms=<m> p95_ms=<p>
//   release-issue pages=1 stories=1 ms=<n>      (baseline: what any release costs)
//   release-issue pages=8 stories=60 photos=<n> body_chars=<n> ms=<n>
// Refuses to add bench rows to a database that already holds other stories (set BENCH_FORCE=1).
// Usage: npm run bench:desk   (BENCH_STORIES, BENCH_RUNS, BENCH_RELEASE_RUNS to change the size;
// BENCH_PARTS=photos,release for some parts only)
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { benchAssemblyMoves } from "./bench-assembly";
import { benchPhotoLibrary, fillPhotos } from "./bench-photos";
import { benchRelease } from "./bench-release";
import { benchReviewQueues, spreadOverChain } from "./bench-review";
import { benchProofCheck } from "./bench-proofing";

const STORIES = Number(process.env.BENCH_STORIES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
// BENCH_PARTS=release,photos runs only those parts (desk, photos, assembly, release) after the fill.
const PARTS = new Set((process.env.BENCH_PARTS ?? "desk,photos,assembly,release").split(","));
let embedded: { child: ChildProcess; dir: string } | null = null;

async function database(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const dir = mkdtempSync(path.join(os.tmpdir(), "newsroom-bench-"));
  const port = 54400 + Math.floor(Math.random() * 500);
  const child = spawn(process.execPath, ["scripts/embedded-db.mjs", dir, String(port)], { stdio: "ignore" });
  embedded = { child, dir };
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  for (let i = 0; i < 120; i++) {
    try {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.end();
      return url;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error("embedded database did not start");
}

async function fill(client: pg.Client) {
  const existing = await client.query(`SELECT count(*) FILTER (WHERE id NOT LIKE 'release_bench%')::int AS n, count(*) FILTER (WHERE id LIKE 'bench%')::int AS bench FROM "Story"`);
  const { n, bench } = existing.rows[0];
  if (bench >= STORIES) return console.log(`using the ${bench} bench stories already there`);
  if (n > bench && process.env.BENCH_FORCE !== "1") throw new Error("this database holds real stories; use an empty one or set BENCH_FORCE=1");
  const started = Date.now();
  await client.query(`INSERT INTO "User" (id, username, name, "passwordHash", role, "updatedAt")
    SELECT 'bench_user_' || i, 'bench_user_' || i, '通讯员' || i, 'x', CASE WHEN i < 3 THEN 'EDITOR' ELSE 'CORRESPONDENT' END::"Role", now()
    FROM generate_series(0, 59) i ON CONFLICT DO NOTHING`);
  await client.query(`INSERT INTO "Tag" (id, name, kind) SELECT 'bench_tag_' || i, '基准标签' || i, CASE WHEN i < 10 THEN 'PLACE' ELSE 'TOPIC' END::"TagKind"
    FROM generate_series(0, 39) i ON CONFLICT DO NOTHING`);
  // Ten years of copy: most of it published long ago, a working set on the desk in recent weeks.
  await client.query(`INSERT INTO "Story" (id, kind, status, headline, byline, body, "charCount", version, "authorId", "createdAt", "updatedAt", "submittedAt", "publishedAt")
    SELECT 'bench' || lpad(i::text, 7, '0'),
      (ARRAY['NEWS_BRIEF','NEWS_BRIEF','NEWS_BRIEF','FEATURE','PHOTO_NEWS','COMMENTARY'])[1 + i % 6]::"StoryKind",
      CASE WHEN i > $1 - 400 THEN (ARRAY['DRAFT','SUBMITTED','IN_EDIT','RETURNED','APPROVED','PLACED','SPIKED'])[1 + i % 7] ELSE 'PUBLISHED' END::"StoryStatus",
      '基准稿件第' || i || '号 秋收进度过半', '本报通讯员 测试',
      '[{"type":"paragraph","text":"近日，全县秋收进度过半，各乡镇抢抓晴好天气组织机械收获。"}]'::jsonb, 30, 1,
      'bench_user_' || (3 + i % 57),
      t, t, t, CASE WHEN i > $1 - 400 THEN NULL ELSE t END
    FROM (SELECT i, now() - ((($1 - i)::float / $1) * interval '3650 days') AS t FROM generate_series(1, $1) i) s
    ON CONFLICT DO NOTHING`, [STORIES]);
  await client.query(`INSERT INTO "_StoryToTag" ("A", "B")
    SELECT id, 'bench_tag_' || (abs(hashtext(id)) % 40) FROM "Story" WHERE id LIKE 'bench%'
    UNION SELECT id, 'bench_tag_' || (abs(hashtext(id || 'x')) % 40) FROM "Story" WHERE id LIKE 'bench%'
    ON CONFLICT DO NOTHING`);
  await client.query("ANALYZE");
  console.log(`filled ${STORIES} stories in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const url = await database();
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret";
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "ignore" });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await fill(client);
  await fillPhotos(client);
  await spreadOverChain(client);
  const total = (await client.query(`SELECT count(*)::int AS n FROM "Story"`)).rows[0].n as number;
  await client.end();

  const { db } = await import("@/lib/platform/db");
  if (PARTS.has("desk")) await benchDeskList(total);
  if (PARTS.has("desk")) await benchReviewQueues(total, RUNS, percentile);
  if (PARTS.has("desk")) benchProofCheck(RUNS, percentile);
  if (PARTS.has("photos")) await benchPhotoLibrary(RUNS, percentile);
  if (PARTS.has("assembly")) await benchAssemblyMoves(RUNS, percentile);
  if (PARTS.has("release")) await benchRelease(percentile);
  await db().$disconnect();
}

async function benchDeskList(total: number) {
  const { listDeskPage } = await import("@/lib/stories/desk-list");
  const editor = { id: "bench_user_0", username: "bench_user_0", name: "编辑", role: "EDITOR" as const, affiliation: "", bylineTitle: "" };
  const firstPage = await listDeskPage(editor, {});
  const filters: Record<string, object> = {
    "default (all, newest first)": {},
    "second page": { after: firstPage.nextCursor ?? undefined },
    "state: submitted": { status: "SUBMITTED" },
    "state: published": { status: "PUBLISHED" },
    "kind: feature": { kind: "FEATURE" },
    "tag": { tag: "基准标签7" },
    "author": { author: "bench_user_11" },
    "a month five years ago": { from: new Date(Date.now() - 5 * 365 * 86400_000).toISOString().slice(0, 10), to: new Date(Date.now() - (5 * 365 - 30) * 86400_000).toISOString().slice(0, 10) },
    "tag + kind + oldest first": { tag: "基准标签3", kind: "NEWS_BRIEF", sort: "updated_asc" },
    "recently submitted": { sort: "submitted_desc" },
  };
  const all: number[] = [];
  for (const [name, f] of Object.entries(filters)) {
    for (let i = 0; i < 3; i++) await listDeskPage(editor, f); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await listDeskPage(editor, f);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(`  ${name.padEnd(28)} median_ms=${percentile(times, 50).toFixed(1)} p95_ms=${percentile(times, 95).toFixed(1)}`);
  }
  all.sort((a, b) => a - b);
  console.log(`desk-list stories=${total} median_ms=${percentile(all, 50).toFixed(1)} p95_ms=${percentile(all, 95).toFixed(1)}`);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    if (embedded) {
      embedded.child.kill("SIGTERM");
      rmSync(embedded.dir, { recursive: true, force: true });
    }
  });
