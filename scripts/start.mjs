// `npm start`: everything a newcomer needs to see the app running, in one command.
// Without DATABASE_URL it starts the embedded database (data in .data/pglite), migrates it, seeds
// the demo content once, builds the app if the build is missing or older than the sources, and
// serves it on 127.0.0.1:$PORT (default 3000; HOST changes the address).
// With DATABASE_URL (a real installation) it migrates and serves; demo accounts with their
// published password are only ever made there when SEED_DEMO=1 says so, and it refuses to serve
// while any still opens with that password. Either way it listens on 127.0.0.1 unless HOST says
// otherwise: on the internet the app sits behind a reverse proxy (TLS, the client's address).
// With REDIS_URL it is one of several instances (README, "Running more than one instance"): it
// serves the build `npm run build` made and refuses to start without the secrets all share.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { constants } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildApp, buildIsCurrent, endWhenOrphaned, envForChild, npx, readBuildNote, startPlan, stopChild, waitForPort } from "./lib.mjs";

const port = process.env.PORT ?? "3000";
const dataDir = path.resolve(".data");
mkdirSync(dataDir, { recursive: true });
const children = [];

let stopping = false;
/** Stops the children, then exits; never resolves, so nothing after it runs. */
async function stopAll(code = 0) {
  if (stopping) return new Promise(() => {});
  stopping = true;
  await Promise.all(children.map((c) => stopChild(c)));
  process.exit(code);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
// Whatever ends this script (a failed migration, a crash) ends what it started.
process.on("exit", () => children.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill("SIGKILL")));
endWhenOrphaned(() => stopAll(1));

const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const plan = startPlan(process.env, readBuildNote(distDir));
if (plan.problems.length) {
  for (const p of plan.problems) console.error(`无法启动：${p}`);
  process.exit(4);
}
if (plan.embedded) {
  const dbPort = process.env.EMBEDDED_DB_PORT ?? "54329";
  const db = spawn(process.execPath, ["scripts/embedded-db.mjs", path.join(dataDir, "pglite"), dbPort], { stdio: "inherit" });
  children.push(db);
  db.on("exit", (code) => {
    console.error(`embedded database stopped (${code})`);
    stopAll(1);
  });
  await waitForPort(Number(dbPort));
  process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${dbPort}/postgres`;
  // PGlite runs one statement at a time; one connection keeps every request's queries and
  // transactions strictly in order (several connections to it gain nothing and were seen to mix results).
  process.env.DATABASE_POOL_SIZE ??= "1";
}

// A secret for session cookies, made once per installation and kept with the data.
if (!process.env.NEXTAUTH_SECRET) {
  const file = path.join(dataDir, "nextauth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  process.env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
}
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";

console.log("migrating the database…");
await npx(["prisma", "migrate", "deploy"], { quiet: true });
if (plan.seedDemo) {
  await npx(["tsx", "--conditions=react-server", "prisma/seed/index.ts", "--if-empty"], { env: { ...process.env, SEED_DEMO: "1" } });
} else {
  // It explains itself when it refuses (accounts with the published demo password).
  await npx(["tsx", "--conditions=react-server", "scripts/check-accounts.ts"]).catch(() => stopAll(3));
}
await npx(["tsx", "--conditions=react-server", "scripts/backfill-credits.ts"]);

// One instance builds for itself when the sources are newer than its build; several instances
// (REDIS_URL) serve the one build `npm run build` made, checked above.
if (plan.autoBuild && !buildIsCurrent(distDir)) {
  console.log("building the app (first start, or the sources changed)…");
  rmSync(distDir, { recursive: true, force: true });
  await buildApp(distDir);
}

console.log(`starting on http://${plan.host ?? "localhost"}:${port}`);
// Next's own entry, not through npx: a stop signal sent to this script must reach the server itself.
// The guard ends the server when this script or its output is gone (scripts/instance-guard.mjs).
const next = path.join("node_modules", "next", "dist", "bin", "next");
const guard = pathToFileURL(path.resolve("scripts", "instance-guard.mjs")).href;
const app = spawn(process.execPath, ["--import", guard, next, "start", "-p", port, ...(plan.host ? ["-H", plan.host] : [])], { stdio: "inherit", env: envForChild({ ...process.env, NEXT_DIST_DIR: distDir }) });
children.push(app);
// A server that died (killed, crashed) is a failure, for whatever restarts this script.
app.on("exit", (code, signal) => stopAll(code ?? 128 + (constants.signals[signal] ?? 0)));
