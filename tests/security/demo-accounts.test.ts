import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
// @ts-expect-error: a plain ES module of the start script, without types
import { startPlan } from "@/scripts/lib.mjs";

const run = promisify(execFile);

// Demo accounts share a password printed in the README: they must never appear on a real
// database by themselves, and the embedded demo must not listen beyond this machine.
describe("demo content and where npm start listens", () => {
  it.each([
    [{}, { embedded: true, seedDemo: true, host: "127.0.0.1" }],
    [{ HOST: "0.0.0.0" }, { embedded: true, seedDemo: true, host: "0.0.0.0" }],
    [{ DATABASE_URL: "postgresql://db/news" }, { embedded: false, seedDemo: false, host: undefined }],
    [{ DATABASE_URL: "postgresql://db/news", SEED_DEMO: "1" }, { embedded: false, seedDemo: true, host: undefined }],
    [{ DATABASE_URL: "postgresql://db/news", SEED_DEMO: "yes" }, { embedded: false, seedDemo: false, host: undefined }],
  ])("environment %j → %j", (environment, plan) => {
    expect(startPlan(environment)).toEqual(plan);
  });

  it("the seed refuses a database nobody marked as a demo, and adds no account", async () => {
    const before = await db().user.count();
    const { SEED_DEMO: _unset, ...environment } = process.env;
    const outcome = await run("npx", ["tsx", "--conditions=react-server", "prisma/seed/index.ts"], { env: environment }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("SEED_DEMO=1");
    expect(await db().user.count()).toBe(before);
    expect(await db().user.count({ where: { username: "zongbian" } })).toBe(0);
  }, 60_000);

  it("npm start on a real database without accounts names the command that makes the first administrator", async () => {
    // A database of its own whose account table is empty (the check only counts accounts).
    const server = process.env.DATABASE_URL!.replace(/\/[^/]*$/, "");
    const name = `newsroom_empty_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = `${server}/${name}`;
    try {
      const empty = new pg.Client({ connectionString: url });
      await empty.connect();
      await empty.query(`CREATE TABLE "User" (id text PRIMARY KEY)`);
      const check = () => run("npx", ["tsx", "--conditions=react-server", "scripts/check-accounts.ts"], { env: { ...process.env, DATABASE_URL: url } });
      expect((await check()).stderr).toContain("npm run user:create");
      await empty.query(`INSERT INTO "User" (id) VALUES ('someone')`);
      expect((await check()).stderr).toBe("");
      await empty.end();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);
});
