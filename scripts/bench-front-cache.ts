// Benchmark (not a test): a story page through the front cache (Varnish, deploy/varnish) at 50
// connections, with wrk and with autocannon, beside two baselines measured the same way in the same
// run: a bare Node server answering the page's bytes from memory, and Varnish with a minimal VCL
// caching that bare server (what Varnish itself costs for the same bytes). Each target and client
// is measured in rounds (BENCH_ROUNDS, 3), all targets in turn, with varnishstat's hit and miss
// counters over each cached measurement; then per target and client the medians over the rounds:
//   front <target> client=<wrk|autocannon> c=50 rounds=<r> rps=<n> p50_ms=<m> p99_ms=<p> p99_each=<…> [hits=<h> misses=<m> pass=<p>]
// A last wrk measurement of the story page is logged by varnishncsa, to set Varnish's own time per
// request beside what wrk saw:
//   front story-cached server-side (varnishncsa %D) n=<n> p50_ms=… p99_ms=…; wrk in the same 10 s: p50_ms=… p99_ms=…
// The story is a realistic one (scripts/bench-release.ts), released on `next start` of the build.
// Usage: DATABASE_URL=postgresql://…/<a database of its own> npx tsx --conditions=react-server scripts/bench-front-cache.ts
// (BENCH_SECONDS per measurement, 10; BENCH_CONNECTIONS, 50; BENCH_PLAIN=1 asks for the page without gzip;
// BENCH_VARNISH_PARAMS="thread_pools=1 …" adds varnishd -p settings to both caches; ports 3402-3405).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import os from "node:os";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { startFrontCache, VARNISHD } from "./front-cache.mjs";
import { buildIfNeeded, startApp } from "./bench-app";
import { realisticDesk } from "./bench-release";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const [APP_PORT, BARE_PORT, FRONT_PORT, MINIMAL_PORT] = [3402, 3403, 3404, 3405];
// Browsers ask for gzip, and the front cache keeps a gzip copy for them; BENCH_PLAIN=1 asks for none (autocannon's default).
const HEADERS: Record<string, string> = process.env.BENCH_PLAIN === "1" ? {} : { "Accept-Encoding": "gzip" };
const EXTRA_PARAMS = (process.env.BENCH_VARNISH_PARAMS ?? "").split(/\s+/).filter(Boolean).flatMap((p) => ["-p", p]);
const children: ChildProcess[] = [];

type Measure = { rps: number; p50: number; p99: number; errors: number };

/** wrk's own numbers: its --latency table (p50, p99) and Requests/sec. */
function wrk(url: string): Measure {
  const headers = Object.entries(HEADERS).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
  const out = execFileSync("wrk", ["-t2", `-c${CONNECTIONS}`, `-d${SECONDS}s`, "--latency", ...headers, url], { encoding: "utf8" });
  const ms = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, "m").exec(out);
    if (!m) throw new Error(`wrk printed no ${p}%:\n${out}`);
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2] as "us" | "ms" | "s"];
  };
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? "0";
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]), p50: ms("50"), p99: ms("99"), errors: Number(errors) };
}

async function cannon(url: string): Promise<Measure> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: HEADERS });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx };
}

/** varnishstat's counters of one cache, read once. */
function counters(workDir: string): Record<string, number> {
  const out = execFileSync("varnishstat", ["-n", workDir, "-1", "-f", "MAIN.cache_hit", "-f", "MAIN.cache_miss", "-f", "MAIN.cache_hitpass", "-f", "MAIN.cache_hitmiss", "-f", "MAIN.client_req", "-f", "MAIN.threads", "-f", "MAIN.sess_dropped", "-f", "MAIN.sess_queued"], { encoding: "utf8" });
  return Object.fromEntries(out.trim().split("\n").map((l) => l.trim().split(/\s+/)).map(([k, v]) => [k.replace("MAIN.", ""), Number(v)]));
}

type Target = { name: string; url: string; workDir?: string };
// Both send the next request as soon as an answer comes: wrk from two threads of C, autocannon from
// one JavaScript event loop (at 50 connections its own loop shows in the numbers).
type Client = "wrk" | "autocannon";
const CLIENTS: Client[] = ["wrk", "autocannon"];
type Row = { target: string; client: string; m: Measure; hits: number; misses: number; passes: number };

/** One measurement of a target with one client, with the cache's counters over it. */
async function measure(t: Target, client: Client): Promise<Row> {
  const before = t.workDir ? counters(t.workDir) : null;
  const m = client === "wrk" ? wrk(t.url) : await cannon(t.url);
  const after = t.workDir ? counters(t.workDir) : null;
  const d = (k: string) => (before && after ? after[k] - before[k] : 0);
  const row = { target: t.name, client, m, hits: d("cache_hit"), misses: d("cache_miss"), passes: d("cache_hitpass") + d("cache_hitmiss") };
  const stats = before && after ? ` hits=${row.hits} misses=${row.misses} pass=${row.passes} requests=${d("client_req")} threads=${after.threads} queued=${d("sess_queued")} dropped=${d("sess_dropped")}` : "";
  console.log(`  ${t.name} client=${client} c=${CONNECTIONS} rps=${Math.round(m.rps)} p50_ms=${m.p50.toFixed(2)} p99_ms=${m.p99.toFixed(2)} errors=${m.errors}${stats}`);
  return row;
}

/**
 * One more wrk measurement of a cached target while varnishncsa logs, per request, how long Varnish
 * took from its first byte in to its last byte out (%D): the cache's own share of the client's p99.
 */
async function serverSide(t: Target & { workDir: string }) {
  const log = path.join(os.tmpdir(), `newsroom-bench-ncsa-${process.pid}.log`);
  const ncsa = spawn("varnishncsa", ["-n", t.workDir, "-F", "%D", "-w", log], { stdio: "ignore" });
  const ended = new Promise((resolve) => ncsa.once("exit", resolve));
  await new Promise((r) => setTimeout(r, 1000));
  const m = wrk(t.url);
  await new Promise((r) => setTimeout(r, 1000));
  ncsa.kill("SIGTERM");
  await ended;
  const micros = readFileSync(log, "utf8").trim().split("\n").map(Number).filter(Number.isFinite).sort((a, b) => a - b);
  rmSync(log, { force: true });
  const at = (p: number) => (micros[Math.min(micros.length - 1, Math.floor((p / 100) * micros.length))] / 1000).toFixed(2);
  console.log(`front ${t.name} server-side (varnishncsa %D) n=${micros.length} p50_ms=${at(50)} p99_ms=${at(99)} p99.9_ms=${at(99.9)} max_ms=${at(100)}; wrk in the same ${SECONDS} s: p50_ms=${m.p50.toFixed(2)} p99_ms=${m.p99.toFixed(2)}`);
}

async function warm(url: string) {
  for (let i = 0; i < 20; i++) await fetch(url, { headers: HEADERS }).then((r) => r.arrayBuffer());
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers: HEADERS });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A bare Node http server answering, on port argv[1], the bytes it reads from its stdin, as a page (gzip ones with argv[2] "gzip"). */
const BARE_SERVER = `const chunks = [];
process.stdin.on("data", (c) => chunks.push(c)).on("end", () => {
  const body = Buffer.concat(chunks);
  require("node:http").createServer((req, res) => {
    const gzip = process.argv[2] === "gzip" ? { "Content-Encoding": "gzip" } : {};
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length, "Cache-Control": "public, max-age=3600", ...gzip });
    res.end(body);
  }).listen(Number(process.argv[1]), "127.0.0.1");
});`;

/** Varnish with nothing of ours: the default VCL keeps the bare server's page for its max-age. */
async function minimalVarnish(): Promise<{ url: string; workDir: string; stop(): Promise<void> }> {
  const workDir = path.join(os.tmpdir(), `newsroom-bench-varnish-${MINIMAL_PORT}`);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  chmodSync(workDir, 0o755);
  const vcl = path.join(workDir, "minimal.vcl");
  writeFileSync(vcl, `vcl 4.1;\nbackend bare { .host = "127.0.0.1"; .port = "${BARE_PORT}"; }\n`);
  chmodSync(vcl, 0o644);
  const child = spawn(VARNISHD, ["-F", "-a", `127.0.0.1:${MINIMAL_PORT}`, "-f", vcl, "-n", workDir, "-s", "malloc,256m", "-p", "http_gzip_support=off", ...EXTRA_PARAMS], { stdio: "ignore" });
  children.push(child);
  const url = `http://127.0.0.1:${MINIMAL_PORT}`;
  await waitUntil(() => fetch(url).then((r) => r.ok));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { url, workDir, stop: async () => void (child.kill("SIGTERM"), await exited, rmSync(workDir, { recursive: true, force: true })) };
}

async function waitUntil(check: () => Promise<boolean>) {
  for (let i = 0; i < 240; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("did not come up");
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("set DATABASE_URL to a database of the benchmark's own");
  const env = { ...process.env, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-secret-bench-secret-bench", NEXTAUTH_URL: `http://127.0.0.1:${APP_PORT}`, NEXT_TELEMETRY_DISABLED: "1" };
  Object.assign(process.env, env);
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "ignore" });
  await buildIfNeeded(env);
  const { db } = await import("@/lib/platform/db");
  const { releaseNow } = await import("@/lib/issues/release");
  const desk = await realisticDesk();
  const app = await startApp({ ...env, PHOTO_DIR: process.env.PHOTO_DIR }, APP_PORT);
  let front: Awaited<ReturnType<typeof startFrontCache>> | null = null;
  let minimal: Awaited<ReturnType<typeof minimalVarnish>> | null = null;
  try {
    const { issueId } = await desk.releasableIssue(1, 6);
    await releaseNow(desk.chief, issueId);
    const lead = await db().story.findFirstOrThrow({ where: { placement: { page: { issueId }, isLead: true } }, select: { id: true } });
    const storyPath = `/stories/${lead.id}`;
    const page = await fetch(app.base + storyPath, { headers: HEADERS });
    if (!page.ok) throw new Error(`the story page answered ${page.status}`);
    const bytes = Buffer.from(await page.arrayBuffer());
    const gzip = Boolean(HEADERS["Accept-Encoding"]);
    const body = gzip ? gzipSync(bytes) : bytes;
    console.log(`front story page bytes=${body.length}${gzip ? ` (gzip; ${bytes.length} plain)` : ""} cores=${os.cpus().length} load=${os.loadavg()[0].toFixed(1)} varnish_params=${EXTRA_PARAMS.filter((p) => p !== "-p").join(",") || "default"}`);

    // The bare server answers the page as the app sent it (compressed, when asked for gzip).
    const bare = spawn(process.execPath, ["-e", BARE_SERVER, String(BARE_PORT), gzip ? "gzip" : "plain"], { stdio: ["pipe", "ignore", "ignore"] });
    children.push(bare);
    bare.stdin!.end(body);
    await waitUntil(() => fetch(`http://127.0.0.1:${BARE_PORT}/`).then((r) => r.ok));
    minimal = await minimalVarnish();
    front = await startFrontCache({ backends: [`127.0.0.1:${APP_PORT}`], listen: `127.0.0.1:${FRONT_PORT}`, extraParams: EXTRA_PARAMS });
    const targets: Target[] = [
      { name: "bare-node", url: `http://127.0.0.1:${BARE_PORT}/` },
      { name: "varnish-minimal-vcl", url: `${minimal.url}/`, workDir: minimal.workDir },
      { name: "story-cached", url: front.url + storyPath, workDir: front.workDir },
    ];
    for (const t of targets) await warm(t.url);
    // Rounds of every target in turn, so each sees the same moments of a machine others use too.
    const rows: Row[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`round ${round} load=${os.loadavg()[0].toFixed(1)}`);
      for (const t of targets) for (const client of CLIENTS) rows.push(await measure(t, client));
    }
    for (const t of targets) {
      for (const client of CLIENTS) {
        const mine = rows.filter((r) => r.target === t.name && r.client === client);
        const sum = (k: "hits" | "misses" | "passes") => mine.reduce((a, r) => a + r[k], 0);
        const cache = t.workDir ? ` hits=${sum("hits")} misses=${sum("misses")} pass=${sum("passes")}` : "";
        console.log(
          `front ${t.name} client=${client} c=${CONNECTIONS} rounds=${ROUNDS} rps=${Math.round(median(mine.map((r) => r.m.rps)))} p50_ms=${median(mine.map((r) => r.m.p50)).toFixed(2)} p99_ms=${median(mine.map((r) => r.m.p99)).toFixed(2)} p99_each=${mine.map((r) => r.m.p99.toFixed(1)).join(",")}${cache}`,
        );
      }
    }
    await serverSide({ ...targets[2], workDir: front.workDir });
  } finally {
    await front?.stop();
    await minimal?.stop();
    for (const c of children) if (c.exitCode === null) c.kill();
    await app.stop();
    await desk.cleanup();
    await db().$disconnect();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
