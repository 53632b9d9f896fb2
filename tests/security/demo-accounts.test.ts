import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD } from "@/prisma/seed/accounts";
// @ts-expect-error: a plain ES module of the start script, without types
import { keyFingerprint, startPlan } from "@/scripts/lib.mjs";

const run = promisify(execFile);

// Demo accounts share a password printed in the README: they must never appear on a real
// database by themselves, and the embedded demo must not listen beyond this machine.
describe("demo content and where npm start listens", () => {
  const one = { shared: false, autoBuild: true, problems: [] };
  it.each([
    [{}, { embedded: true, seedDemo: true, host: "127.0.0.1", ...one }],
    [{ HOST: "0.0.0.0" }, { embedded: true, seedDemo: true, host: "0.0.0.0", ...one }],
    [{ DATABASE_URL: "postgresql://db/news" }, { embedded: false, seedDemo: false, host: "127.0.0.1", ...one }],
    [{ DATABASE_URL: "postgresql://db/news", HOST: "0.0.0.0" }, { embedded: false, seedDemo: false, host: "0.0.0.0", ...one }],
    [{ DATABASE_URL: "postgresql://db/news", SEED_DEMO: "1" }, { embedded: false, seedDemo: true, host: "127.0.0.1", ...one }],
    [{ DATABASE_URL: "postgresql://db/news", SEED_DEMO: "yes" }, { embedded: false, seedDemo: false, host: "127.0.0.1", ...one }],
  ])("environment %j → %j", (environment, plan) => {
    expect(startPlan(environment)).toEqual(plan);
  });

  // Several instances (REDIS_URL) serve one build and share their secrets, or refuse to start.
  const KEY = "q1bQ3mVtT5xW0e2Zr7YkP9sLhN4cUjFaGdBiOoMvXyE=";
  const many = { DATABASE_URL: "postgresql://db/news", REDIS_URL: "redis://cache:6379", NEXTAUTH_SECRET: "s".repeat(32), NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: KEY };
  const builtWithKey = { exists: true, actionsKey: keyFingerprint(KEY) };
  it.each([
    ["everything shared and built with the key", many, builtWithKey, []],
    ["no database of its own to share", { ...many, DATABASE_URL: undefined }, builtWithKey, ["DATABASE_URL"]],
    ["no shared session secret", { ...many, NEXTAUTH_SECRET: undefined }, builtWithKey, ["NEXTAUTH_SECRET"]],
    ["no Server Actions key", { ...many, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: undefined }, builtWithKey, ["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"]],
    ["no build", many, { exists: false, actionsKey: null }, ["npm run build"]],
    ["a build made with another key", many, { exists: true, actionsKey: keyFingerprint("another") }, ["重新 npm run build"]],
    ["a build made without a key", many, { exists: true, actionsKey: null }, ["重新 npm run build"]],
  ])("several instances: %s", (_case, environment, build, problems) => {
    const plan = startPlan(Object.fromEntries(Object.entries(environment).filter(([, v]) => v !== undefined)), build);
    expect(plan.shared).toBe(true);
    expect(plan.autoBuild).toBe(false);
    expect(plan.problems).toHaveLength(problems.length);
    problems.forEach((words: string, i: number) => expect(plan.problems[i]).toContain(words));
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

  it("npm start on a real database says how to make the first administrator, and refuses demo accounts that still open with the published password", async () => {
    // A database of its own, with just the account table the check reads.
    const server = process.env.DATABASE_URL!.replace(/\/[^/]*$/, "");
    const name = `newsroom_accounts_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = `${server}/${name}`;
    const check = () =>
      run("npx", ["tsx", "--conditions=react-server", "scripts/check-accounts.ts"], { env: { ...process.env, DATABASE_URL: url } }).then(
        ({ stderr }) => ({ code: 0, stderr }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
    const accounts = new pg.Client({ connectionString: url });
    try {
      await accounts.connect();
      await accounts.query(`CREATE TABLE "User" (id text PRIMARY KEY, username text UNIQUE, "passwordHash" text, active boolean DEFAULT true)`);
      const empty = await check();
      expect(empty.code).toBe(0);
      expect(empty.stderr).toContain("npm run user:create");
      // What an older version seeded on a real database's first start.
      await accounts.query(`INSERT INTO "User" VALUES ('u1', 'zongbian', $1, true), ('u2', 'someone', $2, true)`, [await hashPassword(DEMO_PASSWORD), await hashPassword("a private one")]);
      const demo = await check();
      expect(demo.code).toBe(3);
      expect(demo.stderr).toContain("zongbian");
      expect(demo.stderr).not.toContain("someone");
      await accounts.query(`UPDATE "User" SET "passwordHash" = $1 WHERE username = 'zongbian'`, [await hashPassword("changed by the admin")]);
      expect(await check()).toEqual({ code: 0, stderr: "" });
    } finally {
      await accounts.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 120_000);
});
