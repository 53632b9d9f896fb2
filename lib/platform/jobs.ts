import "server-only";
import PgBoss from "pg-boss";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";

// Work that must happen later or outside a request (a release at 06:30) is a job in Postgres, kept
// by pg-boss in its own schema `pgboss`. Every app instance runs the workers (instrumentation.ts);
// a job is handed to one of them (SKIP LOCKED), survives restarts, is retried with growing delays,
// and a job that failed for good stays listed for administrators (账号管理 → 后台任务).
// This file is the machinery only: the app's queues and their handlers are in lib/jobs/.
// A job may still run twice (a worker dies after the work, before pg-boss hears of it), so every
// handler must be safe to run again: it checks in the database whether its work is still due.

export type JobQueue = {
  name: string;
  /** How administrators see it in the list of failed jobs. */
  label: string;
  retryLimit: number;
  /** The first retry waits about this long; each next one about twice as long (with jitter). */
  retryDelaySeconds: number;
  /** A job still running after this long is taken as lost with its worker, and retried. */
  expireInSeconds: number;
  /** A job on this schedule (cron, UTC), sent once per time by whichever instance's pg-boss is first. */
  cron?: string;
};

export type JobHandler = (data: unknown) => Promise<object | void>;

function newBoss(connectionString = env().DATABASE_URL, { schedule = false } = {}): PgBoss {
  const boss = new PgBoss({
    connectionString,
    // Its own small pool: the workers poll every two seconds and must not wait behind page requests.
    // The embedded database runs one statement at a time whatever the number of connections.
    max: 2,
    application_name: "newsroom-jobs",
    // Releases are sent with a start time. Cron schedules are kept only by a boss that works a queue
    // with one: every 30 s it checks what is due, and one instance (the first to stamp the time in
    // pgboss.version) sends it, with a 60 s singleton besides; the job arrives within 30 s.
    schedule,
    cronWorkerIntervalSeconds: 30,
    // Failed jobs stay listed for a month.
    deleteAfterDays: 30,
  });
  // pg-boss reports lost connections and failed polls as events; unheard, an 'error' event ends the
  // process. One line each: the error objects carry the whole pg client.
  boss.on("error", (e: { message?: string; queue?: string }) => console.error(`[jobs] ${e.queue ? `${e.queue}: ` : ""}${e.message ?? String(e)}`));
  return boss;
}

/** A queue and the function that works its jobs. */
export type JobWorker = { queue: JobQueue; handler: JobHandler };

/** Creates pg-boss's schema if needed and these queues, with their current retry settings. */
async function installQueues(boss: PgBoss, queues: readonly JobQueue[]): Promise<void> {
  for (const q of queues) {
    const options = { name: q.name, policy: "standard" as const, retryLimit: q.retryLimit, retryDelay: q.retryDelaySeconds, retryBackoff: true, expireInSeconds: q.expireInSeconds };
    await boss.createQueue(q.name, options);
    await boss.updateQueue(q.name, options);
  }
}

/** Installs the queue without working it (tests, scripts): jobs can then be sent in any transaction. */
export async function installJobQueues(queues: readonly JobQueue[], connectionString?: string): Promise<void> {
  const boss = newBoss(connectionString);
  await boss.start();
  try {
    await installQueues(boss, queues);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/**
 * Starts pg-boss with a worker for each queue given; returns it so it can be stopped.
 * One job at a time per queue and instance: releases are few and each is one transaction. Queues with
 * a cron schedule get it here, from the instances that work them.
 */
export async function startJobWorkers(
  workers: readonly JobWorker[],
  options: { pollingIntervalSeconds?: number; /** another database than the app's (tests) */ connectionString?: string } = {},
): Promise<PgBoss> {
  const scheduled = workers.map((w) => w.queue).filter((q) => q.cron);
  const boss = newBoss(options.connectionString, { schedule: scheduled.length > 0 });
  await boss.start();
  try {
    await installQueues(boss, workers.map((w) => w.queue));
    for (const { queue, handler } of workers) {
      await boss.work(queue.name, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([job]) => handler(job.data));
    }
    // Every instance says the same, so the schedule follows the code of the newest one started.
    for (const q of scheduled) await boss.schedule(q.name, q.cron!);
  } catch (e) {
    // A half-started boss would keep its pool and timers: the caller starts a whole new one.
    await boss.stop({ graceful: false }).catch(() => {});
    throw e;
  }
  return boss;
}

// Builds pg-boss's INSERT for a job; never started, so it opens no connection of its own.
let sender: PgBoss | undefined;

/**
 * Adds a job inside the caller's transaction: it exists exactly when the change that asked for it
 * is committed (a rescheduled release never leaves a job without its schedule, or the reverse).
 */
export async function sendJob(tx: Tx, queue: JobQueue, data: Record<string, unknown>, options: { startAfter?: Date } = {}): Promise<string> {
  sender ??= newBoss();
  const id = await sender.send(queue.name, data, { ...options, db: inTransaction(tx) });
  if (!id) throw new Error(`the job queue "${queue.name}" is not installed (pg-boss starts with the app; tests call installJobQueues)`);
  return id;
}

/** pg-boss's SQL run through a Prisma transaction. It passes the job's data as an object; Postgres reads it as JSON text. */
function inTransaction(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text, values = []) {
      const args = values.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v));
      return { rows: await tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...args) };
    },
  };
}

/** What a failed job's output says, as one line. */
export function failureText(output: unknown): string {
  if (output && typeof output === "object" && "message" in output && typeof output.message === "string") return output.message;
  // A job that ran past its time is failed by pg-boss itself with { value: { message } }.
  if (output && typeof output === "object" && "value" in output) return output.value && typeof output.value === "object" ? failureText(output.value) : String(output.value);
  return output === null || output === undefined ? "（没有记录原因）" : JSON.stringify(output);
}

export type JobRow = {
  id: string;
  queue: string;
  state: "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
  data: Record<string, unknown>;
  /** Retries already made, and how many the job may make. */
  retryCount: number;
  retryLimit: number;
  startAfter: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  /** What the last failure said (a retrying or failed job), as one line. */
  error: string | null;
};

type RawJobRow = { id: string; name: string; state: JobRow["state"]; data: Record<string, unknown> | null; retry_count: number; retry_limit: number; start_after: Date; started_on: Date | null; completed_on: Date | null; output: unknown };

const jobColumns = Prisma.sql`id::text, name, state::text AS state, data, retry_count, retry_limit, start_after, started_on, completed_on, output`;

function jobRow(r: RawJobRow): JobRow {
  const failing = r.state === "retry" || r.state === "failed";
  return {
    id: r.id, queue: r.name, state: r.state, data: r.data ?? {}, retryCount: Number(r.retry_count), retryLimit: Number(r.retry_limit),
    startAfter: r.start_after, startedOn: r.started_on, completedOn: r.completed_on, error: failing ? failureText(r.output) : null,
  };
}

/** Whether pg-boss has made its tables yet (a fresh database before the first worker started has none). */
export async function queueInstalled(): Promise<boolean> {
  const installed = await db().$queryRaw<{ job: string | null }[]>`SELECT to_regclass('pgboss.archive')::text AS job`;
  return Boolean(installed[0]?.job);
}

/** The jobs of a queue whose data holds these values (a release's issue and time), newest first, archived ones too. */
export async function jobsWithData(queue: JobQueue, match: Record<string, string>): Promise<JobRow[]> {
  if (!(await queueInstalled())) return [];
  const rows = await db().$queryRaw<RawJobRow[]>(Prisma.sql`
    SELECT ${jobColumns} FROM pgboss.job WHERE name = ${queue.name} AND data @> ${JSON.stringify(match)}::jsonb
    UNION ALL
    SELECT ${jobColumns} FROM pgboss.archive WHERE name = ${queue.name} AND data @> ${JSON.stringify(match)}::jsonb
    ORDER BY start_after DESC`);
  return rows.map(jobRow);
}

/**
 * Jobs of any queue that failed for good after the moment given for their queue (`otherwise` for
 * queues not named), oldest first: what an alarm watch has not yet seen.
 */
export async function jobsFailedForGoodAfter(after: Record<string, Date>, otherwise: Date): Promise<JobRow[]> {
  if (!(await queueInstalled())) return [];
  const since = JSON.stringify(Object.fromEntries(Object.entries(after).map(([queue, at]) => [queue, at.toISOString()])));
  const rows = await db().$queryRaw<RawJobRow[]>(Prisma.sql`
    SELECT * FROM (
      SELECT ${jobColumns} FROM pgboss.job WHERE state = 'failed'
      UNION ALL
      SELECT ${jobColumns} FROM pgboss.archive WHERE state = 'failed'
    ) failed
    -- Milliseconds, as JavaScript and the app's tables keep times: a failure seen is never seen again as later.
    WHERE date_trunc('milliseconds', completed_on) > COALESCE((${since}::jsonb ->> name)::timestamptz, ${otherwise.toISOString()}::timestamptz)
    ORDER BY completed_on, id`);
  return rows.map(jobRow);
}
