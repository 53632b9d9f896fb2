// Small helpers shared by the start and test scripts.
import { spawn } from "node:child_process";
import net from "node:net";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export function run(command, args, { env = process.env, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}\n${output}`)),
    );
  });
}

export function waitForPort(port, host = "127.0.0.1", timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, host);
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${host}:${port}`));
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

export const npx = (args, options) => run("npx", args, options);

/**
 * What `npm start` does about demo content, where it listens, and whether it may build. The demo
 * accounts share a published password, so they are made only on the embedded database or when
 * SEED_DEMO=1 asks. It listens on this machine only unless HOST says otherwise: the demo is for
 * this machine, and a real installation is reached through a reverse proxy, the only source of a
 * client address that cannot be forged (sign-in throttling counts by it).
 * With REDIS_URL, several instances share the work: each runs the one build made by `npm run
 * build` (never its own), and they must share the session secret and the Server Actions key, or a
 * reader signed in on one instance, or a form opened on one, would fail on the next.
 */
export function startPlan(environment, build = { exists: false, actionsKey: null }) {
  const embedded = !environment.DATABASE_URL;
  const shared = Boolean(environment.REDIS_URL);
  const problems = [];
  if (shared) {
    if (embedded) problems.push("设置了 REDIS_URL（多实例运行），还需要 DATABASE_URL：内嵌数据库只能供一个实例使用");
    if (!environment.NEXTAUTH_SECRET) problems.push("多实例运行需要各实例相同的 NEXTAUTH_SECRET，否则在一个实例登录的用户到另一个实例就会掉线");
    if (!environment.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) {
      problems.push("多实例运行需要 NEXT_SERVER_ACTIONS_ENCRYPTION_KEY（openssl rand -base64 32），构建和每个实例都用同一个");
    } else if (!build.exists) {
      problems.push("还没有构建：先用同一个 NEXT_SERVER_ACTIONS_ENCRYPTION_KEY 运行一次 npm run build，各实例不会自己构建");
    } else if (build.actionsKey !== keyFingerprint(environment.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY)) {
      problems.push("现有构建用的 NEXT_SERVER_ACTIONS_ENCRYPTION_KEY 与本实例的不同：用本实例的密钥重新 npm run build");
    }
  }
  return {
    embedded,
    seedDemo: embedded || environment.SEED_DEMO === "1",
    host: environment.HOST || "127.0.0.1",
    shared,
    autoBuild: !shared,
    problems,
  };
}

/** A short fingerprint of the Server Actions key a build was made with (never the key itself). */
export function keyFingerprint(key) {
  return key ? createHash("sha256").update(key).digest("hex").slice(0, 16) : null;
}

const BUILD_NOTE = "newsroom-build.json";

/** What `npm run build` notes beside a build: which Server Actions key it embedded. */
export function readBuildNote(distDir) {
  if (!existsSync(path.join(distDir, "BUILD_ID"))) return { exists: false, actionsKey: null };
  try {
    return { exists: true, ...JSON.parse(readFileSync(path.join(distDir, BUILD_NOTE), "utf8")) };
  } catch {
    return { exists: true, actionsKey: null };
  }
}

/** Builds the app into distDir and notes the key it was built with. */
export async function buildApp(distDir, environment = process.env, { quiet = false } = {}) {
  await npx(["next", "build"], { env: { ...environment, NEXT_DIST_DIR: distDir }, quiet });
  writeFileSync(path.join(distDir, BUILD_NOTE), JSON.stringify({ actionsKey: keyFingerprint(environment.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) }));
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules" || entry.name === "generated") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether distDir holds a build at least as new as every source file. */
export function buildIsCurrent(distDir) {
  const buildId = path.join(distDir, "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const sources = ["app", "components", "lib", "public", "next.config.js", "package-lock.json"].filter(existsSync);
  const newest = Math.max(...sources.map((s) => (statSync(s).isDirectory() ? newestSource(s) : statSync(s).mtimeMs)));
  return statSync(buildId).mtimeMs >= newest;
}

const PARENT_PID = "NEWSROOM_PARENT_PID";

/** The environment for a child that watches its parent (endWhenOrphaned): it learns who that is. */
export function envForChild(env = process.env) {
  return { ...env, [PARENT_PID]: String(process.pid) };
}

/**
 * Ends this process, through `stop(reason)`, once what it runs for is gone: its parent (the
 * supervisor that would stop it has died: "parent") or its output (a closed pipe: "output"). Left
 * running, an orphan with a closed output spins: each failed write is an 'error' event nobody
 * hears, Next logs it as an uncaught exception to the same closed output, and so on without end.
 */
export function endWhenOrphaned(stop, { everyMs = 1000 } = {}) {
  // Named by the parent (envForChild): one that died before this line ran is noticed too. Not
  // passed on, so a process this one starts watches its own parent.
  const parent = Number(process.env[PARENT_PID]) || process.ppid;
  delete process.env[PARENT_PID];
  const check = () => process.ppid !== parent && stop("parent");
  setInterval(check, everyMs).unref();
  check();
  // A write after the first failure fails again on the destroyed stream: 'error' each time.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => stop("output"));
}

/**
 * Stops a child process: SIGTERM to it (or to its process group, for one started detached),
 * SIGKILL after `graceMs` if it is still there; resolves once it has exited.
 */
export async function stopChild(child, { graceMs = 10_000, group = false } = {}) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const signal = (name) => {
    try {
      process.kill(group ? -child.pid : child.pid, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const killer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(killer);
}

/** The first wait before a stopped instance is started again, and the longest. */
export const RESTART_FIRST_MS = 1_000;
export const RESTART_MOST_MS = 60_000;

/**
 * How long to wait before starting again a process that stopped: twice the last wait, from a
 * second up to a minute, so a crash loop (a database that is gone) does not spin; back to a second
 * after a run long enough to count as working.
 */
export function restartDelay(previousMs, ranForMs) {
  if (ranForMs >= RESTART_MOST_MS || !previousMs) return RESTART_FIRST_MS;
  return Math.min(previousMs * 2, RESTART_MOST_MS);
}
