// What `npm test` needs on the machine besides npm's packages, made ready as `npm start` makes its
// own: Debian's Chromium and CJK fonts (browser tests, screenshots), Varnish with its modules (the
// front cache), the machine's Postgres and Redis. Missing packages are installed with apt-get when
// running as root; otherwise it says the command to run and stops. A local Postgres or Redis that
// is down is started, as CI's machines run them.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import pg from "pg";
import Redis from "ioredis";
import { VARNISHD } from "./front-cache.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const say = (line) => console.log(`[test setup] ${line}`);

const debianInstalled = (pkg) => spawnSync("dpkg-query", ["-W", "-f=${db:Status-Status}", pkg], { encoding: "utf8" }).stdout === "installed";

/** Each Debian package the tests use, and how to tell it is there (a binary where a path can override it). */
const NEEDS = [
  { pkg: "chromium", present: () => existsSync(CHROMIUM) },
  { pkg: "fonts-noto-cjk", present: () => debianInstalled("fonts-noto-cjk") },
  { pkg: "varnish", present: () => existsSync(VARNISHD) },
  { pkg: "varnish-modules", present: () => debianInstalled("varnish-modules") },
  // pdftotext and pdffonts read back the page PDFs a release renders (e2e/page-files.spec.ts).
  { pkg: "poppler-utils", present: () => debianInstalled("poppler-utils") },
];

/** What to do about missing packages: the commands to run, or, without root, the words to say. */
export function installPlan(missing, isRoot) {
  if (missing.length === 0) return { run: [], tell: null };
  const install = ["apt-get", "install", "-y", "-qq", ...missing];
  if (isRoot) return { run: [["apt-get", "update", "-qq"], install], tell: null };
  return { run: [], tell: `the tests need ${missing.join(", ")} from Debian; as root run: apt-get update && apt-get install -y ${missing.join(" ")}` };
}

function runOrFail(command) {
  say(command.map((a) => (a === "" ? "\"\"" : a)).join(" "));
  const done = spawnSync(command[0], command.slice(1), { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (done.status !== 0) throw new Error(`${command.join(" ")} failed (${done.status ?? done.error?.message})`);
}

function installPackages() {
  const missing = NEEDS.filter((n) => !n.present()).map((n) => n.pkg);
  const plan = installPlan(missing, process.getuid?.() === 0);
  if (plan.tell) throw new Error(plan.tell);
  for (const command of plan.run) runOrFail(command);
  const still = NEEDS.filter((n) => !n.present()).map((n) => n.pkg);
  if (still.length) throw new Error(`still missing after apt-get: ${still.join(", ")} (CHROMIUM_PATH=${CHROMIUM}, VARNISHD=${VARNISHD})`);
  if (missing.length) say(`installed ${missing.join(", ")}`);
}

const isLocal = (url) => ["127.0.0.1", "localhost", "::1", "[::1]"].includes(new URL(url).hostname);

/** Asks until `ready` says yes, for at most `seconds` (a service just started takes a moment). */
async function until(ready, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await ready()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function postgresAnswers(serverUrl) {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres`, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function redisAnswers(url) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  redis.on("error", () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function startPostgres(serverUrl) {
  if (await postgresAnswers(serverUrl)) return;
  if (!isLocal(serverUrl)) throw new Error(`Postgres at ${serverUrl} does not answer`);
  // Debian's clusters, as CI's machines have them: the newest version's "main".
  const version = existsSync("/etc/postgresql") ? readdirSync("/etc/postgresql").sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (!version) throw new Error(`Postgres at ${serverUrl} does not answer and no Debian cluster is here to start (apt-get install postgresql, trust auth for 127.0.0.1)`);
  runOrFail(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"]);
  if (!(await until(() => postgresAnswers(serverUrl), 30))) throw new Error(`Postgres ${version}/main started but ${serverUrl} does not answer`);
}

async function startRedis(url) {
  if (await redisAnswers(url)) return;
  if (!isLocal(url)) throw new Error(`Redis at ${url} does not answer`);
  const port = new URL(url).port || "6379";
  // Nothing kept on disk: the tests' cache entries live for one run.
  runOrFail(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no"]);
  if (!(await until(() => redisAnswers(url), 30))) throw new Error(`redis-server started but ${url} does not answer`);
}

/** Makes the machine ready for the tests, or throws saying what is missing and what to do. */
export async function prepareTestMachine({ postgresUrl, redisUrl }) {
  installPackages();
  await startPostgres(postgresUrl);
  await startRedis(redisUrl);
  say(`ready: Chromium (${CHROMIUM}), CJK fonts, Varnish (${VARNISHD}) and its modules, Postgres (${postgresUrl}), Redis (${redisUrl})`);
}
