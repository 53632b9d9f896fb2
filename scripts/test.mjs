// `npm test`: every test, against real services made fresh for this run.
//  0. the machine: Debian's Chromium, CJK fonts and Varnish installed, Postgres and Redis started
//     when down (scripts/test-machine.mjs); then no text of the shared sample page in the project;
//  1. vitest: unit tests, and integration tests on a new Postgres database (tests/support/global-setup.ts);
//  2. Playwright: a new database, migrated and seeded with the demo content, a production build,
//     and the browser tests in e2e/ against it. The database is dropped at the end.
// Postgres: TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432). Redis: TEST_REDIS_URL
// (default redis://127.0.0.1:6379): the browser tests run two app instances, sharing their cache
// there as a real installation of several instances does, under a prefix of their own.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import Redis from "ioredis";
import { buildApp, npx, run } from "./lib.mjs";
import { prepareTestMachine } from "./test-machine.mjs";
import { startFrontCache } from "./front-cache.mjs";

/** Drops what the run's instances kept in Redis. */
async function forgetCache(url, prefix) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } catch (e) {
    console.error(`could not clear the test cache in Redis: ${e.message}`);
  } finally {
    redis.disconnect();
  }
}

const server = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432";
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
process.env.NEXT_TELEMETRY_DISABLED = "1";

async function withAdmin(fn) {
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const started = Date.now();
const stamp = () => `${Math.round((Date.now() - started) / 1000)}s`;

// `node scripts/test.mjs --e2e-only [playwright arguments]` skips vitest, for working on browser tests.
const e2eOnly = process.argv.includes("--e2e-only");
const playwrightArgs = process.argv.slice(2).filter((a) => a !== "--e2e-only");
try {
  await prepareTestMachine({ postgresUrl: server, redisUrl });
} catch (e) {
  console.error(`[test setup] ${e.message}`);
  process.exit(1);
}

let failed = false;
if (!e2eOnly) {
  // First, as it takes a second; its failure fails the run once the tests have said their part too.
  console.log(`[test ${stamp()}] no text of the shared sample page in the project`);
  await run(process.execPath, ["scripts/sample-text/check.mjs"]).catch(() => (failed = true));
  console.log(`[test ${stamp()}] unit and integration tests`);
  await npx(["vitest", "run"]);
}

const name = `newsroom_e2e_${process.pid}_${Date.now()}`;
const photoDir = mkdtempSync(path.join(os.tmpdir(), "newsroom-e2e-photos-"));
await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
const port = process.env.E2E_PORT ?? "3100";
const env = {
  ...process.env,
  DATABASE_URL: `${server}/${name}`,
  PHOTO_DIR: photoDir,
  NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret",
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXT_DIST_DIR: ".next-test",
  SEED_DEMO: "1",
  E2E_PORT: port,
  REDIS_URL: redisUrl,
  // Embedded in the build: e2e/cluster.spec.ts runs more instances of it, which need the key.
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "bmV3c3Jvb20tZTJlLWFjdGlvbnMta2V5LTMyYnl0ZXM=",
  CACHE_PREFIX: name,
  // A front cache before the app, as an installation has one: the app purges it after each change,
  // and e2e/front-cache.spec.ts reads the e-paper through it.
  FRONT_CACHE_URL: `http://127.0.0.1:${Number(port) + 60}`,
  FRONT_CACHE_SECRET: `e2e-front-cache-${name}`.replace(/[^A-Za-z0-9_-]/g, "-"),
  E2E_FRONT_URL: `http://127.0.0.1:${Number(port) + 60}`,
};
let frontCache;
try {
  console.log(`[test ${stamp()}] e2e: migrate and seed ${name}`);
  await npx(["prisma", "migrate", "deploy"], { env, quiet: true });
  await npx(["tsx", "--conditions=react-server", "prisma/seed/index.ts"], { env });
  console.log(`[test ${stamp()}] e2e: production build`);
  rmSync(".next-test", { recursive: true, force: true });
  await buildApp(".next-test", env, { quiet: true });
  frontCache = await startFrontCache({ backends: [`127.0.0.1:${port}`], listen: `127.0.0.1:${Number(port) + 60}`, purgeSecret: env.FRONT_CACHE_SECRET, memory: "64m" });
  console.log(`[test ${stamp()}] e2e: browser tests`);
  await npx(["playwright", "test", ...playwrightArgs], { env });
} catch (e) {
  failed = true;
  console.error(e.message);
} finally {
  await frontCache?.stop();
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  rmSync(photoDir, { recursive: true, force: true });
  await forgetCache(redisUrl, name);
}
console.log(`[test ${stamp()}] done`);
process.exit(failed ? 1 : 0);
