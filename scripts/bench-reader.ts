// Benchmark (not a test): the reader e-paper over a ten-year archive, served by the production build.
//  1. fills the database named by $DATABASE_URL (or a fresh embedded one) with ~3,650 issues of
//     8 pages and ~6 stories a page, with tags and photos (refuses a database holding real stories);
//  2. builds the app into .next-bench and starts `next start` on loopback;
//  3. measures a bare Node http server answering the story page's bytes from memory, the most
//     this machine can serve with these settings, as the baseline for the rest;
//  4. for each reader route, warms it up, then runs autocannon with 10 connections for 15 s;
//  5. starts the front cache (varnishd, deploy/varnish) before the app and measures the story page
//     through it with 10 and with 50 connections;
//  6. loads a story page in headless Chromium and reads largest contentful paint and layout shift.
// Prints `reader baseline bare_node_rps=<n> p50_ms=<m> p99_ms=<p> bytes=<b>` (and `reader baseline-c50 …`),
// `reader <route> rps=<n> p50_ms=<m> p99_ms=<p> errors=<e> share_of_baseline=<x>` per route,
// `reader story-cached …` and `reader story-cached-c50 …` through the front cache,
// `reader server peak_rss_mb=<n>`, and `reader story lcp_ms=<n> cls=<x>`.
// Usage: npm run bench:reader   (BENCH_DAYS, BENCH_SECONDS to change the size; BENCH_ROUTES=story,tag for some;
// BENCH_PORT for the app, the baseline server on the next port; BENCH_FRONT_PORT for the front cache)
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import autocannon from "autocannon";
import sharp from "sharp";
import { chromium } from "@playwright/test";
import { startFrontCache, varnishMissing } from "./front-cache.mjs";

const DAYS = Number(process.env.BENCH_DAYS ?? 3650);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const FRONT_PORT = Number(process.env.BENCH_FRONT_PORT ?? 6088);
const PAGE_NAMES = ["要闻", "综合", "县区新闻", "经济", "社会", "文化", "体育", "副刊"];
const children: ChildProcess[] = [];
const cleanups: (() => void)[] = [];

async function waitFor(check: () => Promise<boolean>, what: string, seconds = 120) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not come up`);
}

async function database(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const dir = mkdtempSync(path.join(os.tmpdir(), "newsroom-bench-reader-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const port = 54900 + Math.floor(Math.random() * 90);
  children.push(spawn(process.execPath, ["scripts/embedded-db.mjs", dir, String(port)], { stdio: "ignore" }));
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  await waitFor(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.end();
    return true;
  }, "embedded database");
  return url;
}

async function fill(client: pg.Client) {
  const { rows } = await client.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE id LIKE 'rb%')::int AS bench FROM "Story"`);
  if (rows[0].bench > 0) return console.log(`using the ${rows[0].bench} bench stories already there`);
  if (rows[0].n > 0 && process.env.BENCH_FORCE !== "1") throw new Error("this database holds real stories; use an empty one or set BENCH_FORCE=1");
  const started = Date.now();
  await client.query(`INSERT INTO "User" (id, username, name, "passwordHash", role, "bylineTitle", "updatedAt")
    SELECT 'rb_user_' || i, 'rb_user_' || i, (ARRAY['张','王','李','赵','刘','陈','杨','黄'])[1 + i % 8] || (ARRAY['晗','宇','雪','晨','明','静','帆','悦'])[1 + (i / 8) % 8] || i, 'x', 'CORRESPONDENT', '本报通讯员', now()
    FROM generate_series(0, 79) i`);
  await client.query(`INSERT INTO "Tag" (id, name, kind) SELECT 'rb_tag_' || i,
      (ARRAY['伊通满族自治县','梨树县','铁西区','铁东区','双辽市','公主岭市','辽源市','东丰县','东辽县','梅河口市'])[1 + i % 10] || CASE WHEN i < 10 THEN '' ELSE '专题' || i END,
      CASE WHEN i < 10 THEN 'PLACE' ELSE 'TOPIC' END::"TagKind"
    FROM generate_series(0, 39) i`);
  await client.query(`INSERT INTO "Issue" (id, date, number, status, "publishedAt", "updatedAt")
    SELECT 'rb_issue_' || d, (current_date - d), 20000 - d, 'PUBLISHED', (current_date - d) + time '05:30', now()
    FROM generate_series(0, $1 - 1) d`, [DAYS]);
  await client.query(`INSERT INTO "Page" (id, "issueId", number, name)
    SELECT 'rb_page_' || d || '_' || p, 'rb_issue_' || d, p, ($2::text[])[p] FROM generate_series(0, $1 - 1) d, generate_series(1, 8) p`, [DAYS, PAGE_NAMES]);
  // Six stories a page: a feature lead with subheads and a photo, then briefs.
  await client.query(`INSERT INTO "Story" (id, kind, status, kicker, headline, subheadline, byline, dateline, body, "charCount", "searchText", version, "authorId", "createdAt", "updatedAt", "submittedAt", "publishedAt")
    SELECT 'rb' || d || 'x' || p || 'x' || k,
      CASE WHEN k = 0 THEN 'FEATURE' ELSE 'NEWS_BRIEF' END::"StoryKind", 'PUBLISHED',
      CASE WHEN k = 0 THEN '冬闲变冬忙' ELSE '' END,
      (ARRAY['秋粮入仓进度过半','老旧小区完成改造','冬季供暖全面启动','招商引资签约十项','志愿服务走进社区','秸秆综合利用见成效'])[1 + (d + p + k) % 6] || ' 第' || d || '期' || p || '版' || k,
      CASE WHEN k = 0 THEN '——' || ($2::text[])[p] || '一线见闻' ELSE '' END,
      '本报通讯员 ' || d % 80, CASE WHEN k = 0 THEN '' ELSE '本报讯（通讯员 ' || d % 80 || '）' END,
      CASE WHEN k = 0 THEN jsonb_build_array(
          jsonb_build_object('type','paragraph','text','入冬以来，全县把发展庭院经济当作农民冬闲增收的门路，组织农户腌酸菜、编草帘、养肉鹅，村村有了冬季营生。'),
          jsonb_build_object('type','subhead','text','小院里的冬季营生'),
          jsonb_build_object('type','paragraph','text','在东山村，二十多户村民合伙办起酸菜加工点，选菜、腌制、装坛各有人管，酸菜供应县城的饭店和超市。第' || d || '号。'),
          jsonb_build_object('type','photo','photoId','rb_photo_' || d || '_' || p,'caption','工人在新建厂房内安装生产线设备。','credit','本报记者 赵晨 摄','altText','工人在厂房内安装设备'),
          jsonb_build_object('type','subhead','text','手艺换来真金白银'),
          jsonb_build_object('type','paragraph','text','村里老人编的草帘由合作社统一收、统一卖，一个冬天下来，不少人家多挣了两三千元。'),
          jsonb_build_object('type','paragraph','text','下一步，县里将帮各村注册自己的品牌，让村民的冬季手艺卖出更好的价钱，让更多农户冬闲不闲。'))
        ELSE jsonb_build_array(
          jsonb_build_object('type','paragraph','text','近日，县图书馆的流动书车开进村屯，为群众送去农业技术和儿童读物两千余册，这次送书活动持续一周。'),
          jsonb_build_object('type','paragraph','text','书车每到一村停半天，群众可以当场借书，也可以预约下回想看的书。第' || d || '号。'))
      END,
      CASE WHEN k = 0 THEN 230 ELSE 70 END,
      '秋粮入仓 志愿服务 秸秆综合利用 营商环境 第' || d || '号',
      1, 'rb_user_' || (d + p + k) % 80,
      (current_date - d) + time '05:30', (current_date - d) + time '05:30', (current_date - d) + time '04:00', (current_date - d) + time '05:30'
    FROM generate_series(0, $1 - 1) d, generate_series(1, 8) p, generate_series(0, 5) k`, [DAYS, PAGE_NAMES]);
  await client.query(`INSERT INTO "Placement" (id, "pageId", "storyId", position, "isLead")
    SELECT 'rb_pl_' || d || '_' || p || '_' || k, 'rb_page_' || d || '_' || p, 'rb' || d || 'x' || p || 'x' || k, k, k = 0
    FROM generate_series(0, $1 - 1) d, generate_series(1, 8) p, generate_series(0, 5) k`, [DAYS]);
  await client.query(`INSERT INTO "Photo" (id, "storageKey", "mimeType", width, height, bytes, caption, credit, "uploaderId")
    SELECT 'rb_photo_' || d || '_' || p, 'bench/' || d || '/' || p, 'image/jpeg', 1200, 800, 100000, '工人在新建厂房内安装生产线设备。', '本报记者 赵晨 摄', 'rb_user_0'
    FROM generate_series(0, $1 - 1) d, generate_series(1, 8) p`, [DAYS]);
  await client.query(`INSERT INTO "StoryPhoto" ("storyId", "photoId")
    SELECT 'rb' || d || 'x' || p || 'x0', 'rb_photo_' || d || '_' || p FROM generate_series(0, $1 - 1) d, generate_series(1, 8) p`, [DAYS]);
  await client.query(`INSERT INTO "_StoryToTag" ("A", "B") SELECT id, 'rb_tag_' || (abs(hashtext(id)) % 40) FROM "Story" WHERE id LIKE 'rb%'
    UNION SELECT id, 'rb_tag_' || (abs(hashtext(id)) % 10) FROM "Story" WHERE id LIKE 'rb%' ON CONFLICT DO NOTHING`);
  await client.query("ANALYZE");
  console.log(`filled ${DAYS} issues, ${DAYS * 48} stories in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Real files for the photos of the story measured in the browser. */
async function writePhotoFiles(photoDir: string, storageKey: string) {
  const dir = path.join(photoDir, storageKey);
  if (existsSync(path.join(dir, "w960.webp"))) return;
  mkdirSync(dir, { recursive: true });
  const picture = sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 120, g: 150, b: 110 } } });
  writeFileSync(path.join(dir, "original.jpg"), await picture.clone().jpeg().toBuffer());
  for (const w of [480, 960, 1600]) writeFileSync(path.join(dir, `w${w}.webp`), await picture.clone().resize({ width: w, withoutEnlargement: true }).webp().toBuffer());
}

function treeRssMb(pid: number): number {
  let kb = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      kb += Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
      const kids = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const k of kids ? kids.split(/\s+/) : []) visit(Number(k));
    } catch {
      /* the process ended */
    }
  };
  visit(pid);
  return kb / 1024;
}

type Measure = { rps: number; p50: number; p99: number; errors: number };

async function measure(url: string, connections = 10): Promise<Measure> {
  const result = await autocannon({ url, connections, duration: SECONDS });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

/** Warms an address up (twenty requests, two seconds of load), then measures it. */
async function warmAndMeasure(url: string, connections = 10): Promise<Measure> {
  for (let i = 0; i < 20; i++) await fetch(url).then((r) => r.arrayBuffer());
  await autocannon({ url, connections, duration: 2 });
  return measure(url, connections);
}

/** A bare Node http server answering, on port argv[1], the bytes it reads from its stdin, as a page. */
const BARE_SERVER = `const chunks = [];
process.stdin.on("data", (c) => chunks.push(c)).on("end", () => {
  const body = Buffer.concat(chunks);
  require("node:http").createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
    res.end(body);
  }).listen(Number(process.argv[1]), "127.0.0.1");
});`;

/**
 * What the machine can do at all with these settings: a bare server answering the story page's
 * own bytes from memory. Those bytes, not a filler of the same size: autocannon decodes every body
 * as UTF-8 text, and an ASCII filler decodes about twice as fast as the page's Chinese, which would
 * measure the client rather than the servers. In its own process, like the app and the front
 * cache: inside this one it would share autocannon's event loop and skip the hop between processes.
 */
async function baseline(page: Buffer, connections: number[]): Promise<Measure[]> {
  const url = `http://127.0.0.1:${PORT + 1}/`;
  const server = spawn(process.execPath, ["-e", BARE_SERVER, String(PORT + 1)], { stdio: ["pipe", "ignore", "ignore"] });
  children.push(server);
  server.stdin!.end(page);
  try {
    await waitFor(async () => (await fetch(url)).ok, "the baseline server", 30);
    const results = [];
    for (const c of connections) results.push(await warmAndMeasure(url, c));
    return results;
  } finally {
    server.kill();
  }
}

async function main() {
  const url = await database();
  const env = {
    ...process.env,
    DATABASE_URL: url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-secret-bench-secret-bench",
    NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
    NEXT_DIST_DIR: ".next-bench",
    NEXT_TELEMETRY_DISABLED: "1",
    PHOTO_DIR: process.env.PHOTO_DIR ?? path.join(os.tmpdir(), "newsroom-bench-photos"),
  };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "ignore" });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await fill(client);
  const { rows: [sample] } = await client.query(
    `SELECT to_char(i.date, 'YYYY-MM-DD') AS date, s.id AS story, ph."storageKey" AS key
     FROM "Issue" i JOIN "Page" p ON p."issueId" = i.id AND p.number = 3 JOIN "Placement" pl ON pl."pageId" = p.id AND pl."isLead"
     JOIN "Story" s ON s.id = pl."storyId" JOIN "StoryPhoto" sp ON sp."storyId" = s.id JOIN "Photo" ph ON ph.id = sp."photoId"
     WHERE i.status = 'PUBLISHED' ORDER BY i.date DESC OFFSET 400 LIMIT 1`,
  );
  const { rows: [tag] } = await client.query(`SELECT t.name FROM "Tag" t JOIN "_StoryToTag" st ON st."B" = t.id GROUP BY t.name ORDER BY count(*) DESC LIMIT 1`);
  await client.end();
  await writePhotoFiles(env.PHOTO_DIR, sample.key);

  console.log("building the app…");
  // Cached pages from an earlier run belong to another database.
  rmSync(".next-bench", { recursive: true, force: true });
  execFileSync("npx", ["next", "build"], { env, stdio: "ignore" });
  const server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], { env, stdio: "ignore", detached: true });
  children.push(server);
  const base = `http://127.0.0.1:${PORT}`;
  await waitFor(async () => (await fetch(`${base}/api/health`)).ok, "the app");

  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssMb(server.pid!))), 200);
  const routes: [string, string][] = [
    ["home", "/"],
    ["issue", `/issues/${sample.date}`],
    ["page", `/issues/${sample.date}/pages/3`],
    ["story", `/stories/${sample.story}`],
    ["tag", `/tags/${encodeURIComponent(tag.name)}`],
    ["search", `/search?q=${encodeURIComponent("志愿")}`],
  ];
  const storyPath = `/stories/${sample.story}`;
  const storyPage = Buffer.from(await (await fetch(base + storyPath)).arrayBuffer());
  // With 50 connections too: what the front cache's 50-connection line can be held against.
  const [bare, bare50] = await baseline(storyPage, [10, 50]);
  console.log(`reader baseline bare_node_rps=${Math.round(bare.rps)} p50_ms=${bare.p50} p99_ms=${bare.p99} bytes=${storyPage.length}`);
  console.log(`reader baseline-c50 bare_node_rps=${Math.round(bare50.rps)} p50_ms=${bare50.p50} p99_ms=${bare50.p99}`);
  const report = (name: string, m: Measure) =>
    console.log(`reader ${name} rps=${Math.round(m.rps)} p50_ms=${m.p50} p99_ms=${m.p99} errors=${m.errors} share_of_baseline=${(m.rps / bare.rps).toFixed(2)}`);

  const only = process.env.BENCH_ROUTES?.split(",");
  for (const [name, route] of routes.filter(([n]) => !only || only.includes(n))) {
    report(name, await warmAndMeasure(base + route));
  }
  clearInterval(sampler);
  console.log(`reader server peak_rss_mb=${Math.round(peak)}`);

  // The story page through the front cache, as readers get it when the paper runs behind Varnish.
  const missing = varnishMissing();
  if (missing) {
    console.log(`reader story-cached skipped: ${missing}`);
  } else {
    const front = await startFrontCache({ backends: [`127.0.0.1:${PORT}`], listen: `127.0.0.1:${FRONT_PORT}` });
    cleanups.push(() => void front.stop());
    try {
      report("story-cached", await warmAndMeasure(front.url + storyPath));
      report("story-cached-c50", await warmAndMeasure(front.url + storyPath, 50));
    } finally {
      await front.stop();
    }
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 412, height: 915 } });
  await page.goto(`${base}/stories/${sample.story}`, { waitUntil: "load" });
  await page.waitForTimeout(1000);
  const vitals = await page.evaluate(
    () =>
      new Promise<{ lcp: number; cls: number }>((resolve) => {
        let lcp = 0;
        let cls = 0;
        new PerformanceObserver((list) => list.getEntries().forEach((e) => (lcp = Math.max(lcp, e.startTime)))).observe({ type: "largest-contentful-paint", buffered: true });
        new PerformanceObserver((list) =>
          list.getEntries().forEach((e) => {
            const shift = e as PerformanceEntry & { value: number; hadRecentInput: boolean };
            if (!shift.hadRecentInput) cls += shift.value;
          }),
        ).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve({ lcp, cls }), 500);
      }),
  );
  await browser.close();
  console.log(`reader story lcp_ms=${Math.round(vitals.lcp)} cls=${vitals.cls.toFixed(3)}`);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) {
      try {
        if (c.pid) process.kill(-c.pid, "SIGTERM");
      } catch {
        c.kill("SIGTERM");
      }
    }
    for (const clean of cleanups) clean();
  });
