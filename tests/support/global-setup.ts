import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { installJobQueues } from "@/lib/platform/jobs";
import { ALL_QUEUES } from "@/lib/jobs/queues";

// A fresh database per run on the machine's Postgres (TEST_PG_URL), migrated like production,
// dropped at the end. Integration tests never touch a database they did not create.
export default async function setup(project: TestProject) {
  const server = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432";
  const name = `newsroom_vitest_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = `${server}/${name}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  // The job queue, as an app instance installs it at start: changes send their jobs into it.
  await installJobQueues(ALL_QUEUES, url);
  const photoDir = mkdtempSync(path.join(os.tmpdir(), "newsroom-photos-"));
  project.provide("databaseUrl", url);
  project.provide("photoDir", photoDir);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(photoDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    photoDir: string;
  }
}
