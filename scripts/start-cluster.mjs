// `npm run start:cluster`: the app as a real installation of several instances runs it, on this
// machine: two instances of one build on the local Postgres, sharing their cache in Redis and their
// photos in an S3-protocol server (s3rver), behind a front cache (Varnish). Prints the addresses.
//
// Settings (all optional):
//   DATABASE_URL   default postgresql://postgres@127.0.0.1:5432/newsroom_cluster (made and seeded
//                  with the demo content when missing)
//   REDIS_URL      default redis://127.0.0.1:6379; CACHE_PREFIX default newsroom-cluster
//   CLUSTER_PORTS  the instances' ports, default 3501,3502; FRONT_PORT default 6081
//   OBJECT_STORE_PORT the demo object store's port, default a free one (printed at start)
//   CLUSTER_DIST_DIR the build, default .next-cluster (built here when missing or older than the
//                  sources; the instances themselves never build)
//   CLUSTER_DATA_DIR where the secrets, the objects and Varnish's folder are kept, default .data
// Secrets shared by the instances are made once and kept in <data>/cluster-secrets.json, unless
// NEXTAUTH_SECRET and NEXT_SERVER_ACTIONS_ENCRYPTION_KEY are given. The object store's credentials
// are made anew at each start and given to the instances only.
//
// An instance that stops is started again, after a wait that doubles from a second to a minute while
// it keeps stopping (a real installation leaves this to systemd or the container runtime: README).
// Whatever fails, and when the script that started this one is gone, everything started here is
// stopped before this script ends.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { buildApp, buildIsCurrent, endWhenOrphaned, envForChild, keyFingerprint, npx, readBuildNote, restartDelay, stopChild, waitForPort } from "./lib.mjs";
import { startFrontCache } from "./front-cache.mjs";
import { startS3Server } from "./s3-server.mjs";

const dataDir = path.resolve(process.env.CLUSTER_DATA_DIR ?? ".data");
const ports = (process.env.CLUSTER_PORTS ?? "3501,3502").split(",").map(Number);
const frontPort = Number(process.env.FRONT_PORT ?? 6081);
const objectStorePort = Number(process.env.OBJECT_STORE_PORT ?? 0);
const distDir = process.env.CLUSTER_DIST_DIR ?? ".next-cluster";
const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/newsroom_cluster";
const bucket = "newsroom-photos";
const stoppers = [];

let stopping = false;
/** Stops everything started, newest first, then exits; never resolves. */
async function stopAll(code) {
  if (stopping) return new Promise(() => {});
  stopping = true;
  for (const stop of stoppers.reverse()) await stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
process.on("uncaughtException", (e) => {
  console.error(`[cluster] ${e.stack ?? e}`);
  stopAll(1);
});
endWhenOrphaned(() => stopAll(1));

/** Waits for a step of the start; once a stop has begun, nothing further is started. */
async function step(work) {
  const result = await work;
  if (stopping) await new Promise(() => {});
  return result;
}

/** Secrets every instance shares: made once for this machine's cluster, or given. */
function sharedSecrets() {
  const file = path.join(dataDir, "cluster-secrets.json");
  if (!existsSync(file)) {
    writeFileSync(file, JSON.stringify({ NEXTAUTH_SECRET: randomBytes(32).toString("hex"), NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64") }), { mode: 0o600 });
  }
  const kept = JSON.parse(readFileSync(file, "utf8"));
  // Made for files written before the front cache took purges with a secret.
  if (!kept.FRONT_CACHE_SECRET) {
    kept.FRONT_CACHE_SECRET = randomBytes(32).toString("hex");
    writeFileSync(file, JSON.stringify(kept), { mode: 0o600 });
  }
  return {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? kept.NEXTAUTH_SECRET,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? kept.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    FRONT_CACHE_SECRET: process.env.FRONT_CACHE_SECRET ?? kept.FRONT_CACHE_SECRET,
  };
}

/** Makes the cluster's own database when it is missing; true when it is new (and gets the demo). */
async function ensureDatabase(url) {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return false;
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', "")}"`);
    return true;
  } finally {
    await admin.end();
  }
}

/** Runs `npm start` for one instance, and starts it again whenever it stops, waiting longer each time it keeps stopping. */
function superviseInstance(port, env) {
  let child;
  let wait = 0;
  let timer;
  const start = () => {
    if (stopping) return;
    const startedAt = Date.now();
    child = spawn(process.execPath, ["scripts/start.mjs"], { env: envForChild({ ...env, PORT: String(port), HOST: "127.0.0.1" }), stdio: ["ignore", "inherit", "inherit"] });
    child.once("exit", (code, signal) => {
      if (stopping) return;
      wait = restartDelay(wait, Date.now() - startedAt);
      console.error(`[cluster] the instance on ${port} stopped (${signal ?? code}); starting it again in ${wait / 1000} s`);
      timer = setTimeout(start, wait);
    });
  };
  start();
  stoppers.push(async () => {
    clearTimeout(timer);
    await stopChild(child);
  });
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const front = `http://127.0.0.1:${frontPort}`;
  const secrets = sharedSecrets();
  const newDatabase = await step(ensureDatabase(databaseUrl));

  // The object store first: the demo content's photos are written to it when the database is seeded.
  const s3 = await startS3Server(path.join(dataDir, "cluster-s3"), bucket, { port: objectStorePort });
  stoppers.push(() => s3.stop());
  await step();
  const env = {
    ...process.env,
    ...secrets,
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    CACHE_PREFIX: process.env.CACHE_PREFIX ?? "newsroom-cluster",
    NEXT_DIST_DIR: distDir,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? front,
    SITE_URL: process.env.SITE_URL ?? front,
    FRONT_CACHE_URL: front,
    NEXT_TELEMETRY_DISABLED: "1",
    // The demo accounts exist on the demo cluster's database; npm start would refuse them otherwise.
    SEED_DEMO: "1",
    PHOTO_STORE: "s3",
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
  };

  if (newDatabase) {
    console.log(`[cluster] new database ${databaseUrl}: migrating and seeding the demo content…`);
    await step(npx(["prisma", "migrate", "deploy"], { env, quiet: true }));
    await step(npx(["tsx", "--conditions=react-server", "prisma/seed/index.ts", "--if-empty"], { env }));
  }

  const note = readBuildNote(distDir);
  if (!note.exists || note.actionsKey !== keyFingerprint(env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) || !buildIsCurrent(distDir)) {
    console.log(`[cluster] building once into ${distDir}…`);
    await step(buildApp(distDir, env));
  }

  for (const port of ports) superviseInstance(port, env);
  await step(Promise.all(ports.map((port) => waitForPort(port, "127.0.0.1", 300_000))));

  const cache = await startFrontCache({ backends: ports.map((p) => `127.0.0.1:${p}`), listen: `127.0.0.1:${frontPort}`, purgeSecret: env.FRONT_CACHE_SECRET, workDir: path.join(dataDir, "cluster-varnish") });
  stoppers.push(() => cache.stop());
  await step();
  cache.exited.then((code) => {
    if (stopping) return;
    console.error(`[cluster] the front cache stopped (${code})`);
    stopAll(1);
  });

  console.log(`[cluster] ready: ${front} (front cache) → ${ports.map((p) => `http://127.0.0.1:${p}`).join(", ")}; photos in ${s3.endpoint}; cache in ${env.REDIS_URL}`);
  console.log(`cluster ${JSON.stringify({ front, instances: ports.map((p) => `http://127.0.0.1:${p}`), s3: s3.endpoint, pid: process.pid })}`);
}

main().catch((e) => {
  console.error(`[cluster] could not start: ${e.message}`);
  stopAll(1);
});
