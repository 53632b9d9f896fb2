// For the benchmarks that need the app as readers and editors reach it: the production build
// (`next build` into .next-bench2, made again only when the sources are newer) served by
// `next start` on loopback, and keep-alive HTTP requests over one connection.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { buildApp, buildIsCurrent } from "./lib.mjs";

export const DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench2";

/** Builds into DIST_DIR unless a build there is newer than every source. */
export async function buildIfNeeded(env: NodeJS.ProcessEnv) {
  if (buildIsCurrent(DIST_DIR)) return;
  console.log(`building the app into ${DIST_DIR}…`);
  await buildApp(DIST_DIR, env, { quiet: true });
}

export type App = { base: string; child: ChildProcess; stop(): Promise<void> };

/** `next start` of the build on 127.0.0.1:port, in its own process group; resolves once /api/health answers. */
export async function startApp(env: NodeJS.ProcessEnv, port: number): Promise<App> {
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...env, NEXT_DIST_DIR: DIST_DIR, PORT: String(port) },
    stdio: "ignore",
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* gone already */
    }
    await exited;
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 480; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return { base, child, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error("the app did not come up");
}

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number };

/** One connection kept alive for every request made through it, so no request pays for a handshake. */
export function connection() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const request = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const t = performance.now();
      const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - t }));
      });
      req.on("error", reject);
      req.end(init.body);
    });
  return { request, close: () => agent.destroy() };
}

/** Signs in through next-auth's credentials form as the login page does; answers the cookies to send. */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const { request, close } = connection();
  try {
    const jar = new Map<string, string>();
    const keep = (headers: http.IncomingHttpHeaders) => {
      for (const c of headers["set-cookie"] ?? []) {
        const [pair] = c.split(";");
        const at = pair.indexOf("=");
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const csrf = await request(`${base}/api/auth/csrf`);
    keep(csrf.headers);
    const form = new URLSearchParams({ username, password, csrfToken: JSON.parse(csrf.body).csrfToken, callbackUrl: `${base}/desk`, json: "true" });
    const answer = await request(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie(), Origin: base },
      body: form.toString(),
    });
    keep(answer.headers);
    if (![...jar.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`sign-in refused (${answer.status}): ${answer.body.slice(0, 200)}`);
    return cookie();
  } finally {
    close();
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summary(times: number[]): string {
  const xs = [...times].sort((a, b) => a - b);
  return `median_ms=${percentile(xs, 50).toFixed(1)} p95_ms=${percentile(xs, 95).toFixed(1)}`;
}
