// Benchmark (not a test): a move on the page board as the browser makes it. Signs in as an editor
// to `next start` of the production build and posts the board's Server Action (POST to the board's
// address with the Next-Action header, the command as the body React encodes it), on a 16-page
// issue of 64 stories (scripts/bench-assembly.ts), over one kept-alive connection. Beside it, in
// the same run and on the same connection: GET /api/health (Next's request pipeline and one
// database round trip, the least any request costs) and the same move as a function call in this
// process (moveItem + boardPages, what `npm run bench:desk` times). Prints:
//   board-http baseline GET /api/health n=<n> median_ms=<m> p95_ms=<p>
//   board-http function moveItem+boardPages n=<n> median_ms=<m> p95_ms=<p>
//   board-http action move n=<n> median_ms=<m> p95_ms=<p> bytes=<b>
// Usage: DATABASE_URL=postgresql://…/<a database of its own> npx tsx --conditions=react-server scripts/bench-board-http.ts
// (BENCH_RUNS moves, 60; BENCH_PORT, 3401). Adds an issue, accounts and stories to that database.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { assemblyIssue, moveChooser } from "./bench-assembly";
import { DIST_DIR, buildIfNeeded, connection, signIn, startApp, summary } from "./bench-app";

const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const PORT = Number(process.env.BENCH_PORT ?? 3401);
const PASSWORD = "bench-board-password";

/** The board action's id, as the build names it for the browser. */
function boardActionId(): string {
  const manifest = JSON.parse(readFileSync(path.join(DIST_DIR, "server", "server-reference-manifest.json"), "utf8"));
  const found = Object.entries(manifest.node as Record<string, { filename: string; exportedName: string }>).find(
    ([, v]) => v.filename.endsWith("desk/issues/board-actions.ts") && v.exportedName === "boardAction",
  );
  if (!found) throw new Error("boardAction is not in the build's server reference manifest");
  return found[0];
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("set DATABASE_URL to a database of the benchmark's own");
  const base = `http://127.0.0.1:${PORT}`;
  const env = { ...process.env, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-secret-bench-secret-bench", NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: "1" };
  Object.assign(process.env, env);
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "ignore" });
  await buildIfNeeded(env);
  const { db } = await import("@/lib/platform/db");
  const { moveItem } = await import("@/lib/issues/commands");
  const { boardPages } = await import("@/lib/issues/board");
  const { editor, issueId, pageIds } = await assemblyIssue(PASSWORD);
  const app = await startApp(env, PORT);
  const { request, close } = connection();
  try {
    const cookie = await signIn(base, editor.username, PASSWORD);
    const actionId = boardActionId();
    const boardUrl = `${base}/desk/issues/${issueId}`;
    // What Chromium sends when the board moves a story (captured once from a keyboard move on this
    // board): the action's id, the router's state for the board page, and the arguments encoded by
    // React (plain values: a JSON array).
    const segment = (name: unknown, children: unknown[]) => [name, { children }, null, null, 0];
    const page = ["__PAGE__", {}, null, null, 0];
    const route = segment("(newsroom)", segment("desk", segment("issues", segment(["id", issueId, "d", null], page))));
    const tree = encodeURIComponent(JSON.stringify(["", { children: route }, null, null, 16]));
    const headers = { Cookie: cookie, Origin: base, Referer: boardUrl, Accept: "text/x-component", "Next-Action": actionId, "Next-Router-State-Tree": tree, "Content-Type": "text/plain;charset=UTF-8" };
    const choose = moveChooser(pageIds);
    const health: number[] = [];
    const action: number[] = [];
    const fn: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS + 5; run++) {
      const h = await request(`${base}/api/health`);
      if (h.status !== 200) throw new Error(`health answered ${h.status}`);
      const move = await choose(run);
      if (!move) continue;
      const answer = await request(boardUrl, { method: "POST", headers, body: JSON.stringify([{ do: "move", ...move }]) });
      if (answer.status !== 200 || !answer.body.includes('"ok":true')) throw new Error(`the move was not done (${answer.status}): ${answer.body.slice(0, 300)}`);
      // The same kind of move as a function call, for what HTTP, the session and Next add.
      const local = await choose(run);
      const t = performance.now();
      if (local) {
        await moveItem(editor, local);
        await boardPages(editor, [...new Set([local.from.pageId, local.to.pageId])]);
      }
      const localMs = performance.now() - t;
      if (run < 5) continue; // the first few warm the caches up
      health.push(h.ms);
      action.push(answer.ms);
      if (local) fn.push(localMs);
      bytes = answer.body.length;
    }
    console.log(`board-http baseline GET /api/health n=${health.length} ${summary(health)}`);
    console.log(`board-http function moveItem+boardPages n=${fn.length} ${summary(fn)}`);
    console.log(`board-http action move n=${action.length} ${summary(action)} bytes=${bytes}`);
  } finally {
    close();
    await app.stop();
    await db().$disconnect();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
