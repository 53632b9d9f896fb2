import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type PgBoss from "pg-boss";
import { startJobWorkers } from "@/lib/platform/jobs";
import { QUEUES } from "@/lib/jobs/queues";

// `npm start` without DATABASE_URL serves PGlite, which runs one statement at a time: the job
// queue must work there too, beside the app's own connection and without mixing their answers.

let embedded: ChildProcess;
let dir: string;
let url: string;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "newsroom-pglite-jobs-"));
  const port = await freePort();
  embedded = spawn(process.execPath, ["scripts/embedded-db.mjs", dir, String(port)], { stdio: "ignore" });
  url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url });
    const up = await client.connect().then(() => true, () => false);
    await client.end().catch(() => {});
    if (up) break;
    if (i > 120) throw new Error("the embedded database did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
});

afterAll(() => {
  embedded?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

describe("the job queue on the embedded database", () => {
  it("installs itself, runs a job once at its time, and the app's connection meanwhile gets its own answers", async () => {
    const ran: unknown[] = [];
    let boss: PgBoss | undefined;
    const app = new pg.Pool({ connectionString: url, max: 1 });
    try {
      boss = await startJobWorkers([{ queue: QUEUES.issueRelease, handler: async (data) => void ran.push(data) }], { connectionString: url, pollingIntervalSeconds: 0.5 });
      const startAfter = new Date(Date.now() + 1500);
      await boss.send(QUEUES.issueRelease.name, { issueId: "pglite", publishAt: startAfter.toISOString() }, { startAfter });

      // Page requests on the app's connection while the workers poll and the job runs.
      let mixed = 0;
      let queries = 0;
      const deadline = Date.now() + 60_000;
      while (ran.length === 0 && Date.now() < deadline) {
        const value = `问${queries}`;
        const { rows } = await app.query("SELECT $1::text AS value, $2::int AS n", [value, queries]);
        if (rows[0]?.value !== value || rows[0]?.n !== queries) mixed++;
        queries++;
      }
      expect(ran).toEqual([{ issueId: "pglite", publishAt: startAfter.toISOString() }]);
      expect(mixed).toBe(0);
      expect(queries).toBeGreaterThan(0);
      expect(await waitForState(app, "completed")).toBe("completed");
      const { rows } = await app.query(`SELECT state::text, start_after FROM pgboss.job WHERE name = $1`, [QUEUES.issueRelease.name]);
      expect(rows).toHaveLength(1);
      expect(new Date(rows[0].start_after).getTime()).toBe(startAfter.getTime());
    } finally {
      await boss?.stop({ graceful: false });
      await app.end();
    }
  }, 120_000);
});

async function waitForState(app: pg.Pool, state: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const { rows } = await app.query(`SELECT state::text FROM pgboss.job WHERE name = $1`, [QUEUES.issueRelease.name]);
    if (rows[0]?.state === state) return state;
    await new Promise((r) => setTimeout(r, 250));
  }
  return "not " + state;
}
