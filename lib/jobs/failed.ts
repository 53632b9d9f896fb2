import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/platform/db";
import { failureText, queueInstalled } from "@/lib/platform/jobs";
import { ALL_QUEUES } from "@/lib/jobs/queues";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { forbidden } from "@/lib/core/errors";

export type FailedJob = { id: string; queue: string; label: string; failedAt: Date | null; error: string; attempts: number };

/** Jobs that failed for good (every retry used), newest first: for administrators only. */
export async function listFailedJobs(actor: SessionUser, take = 20): Promise<FailedJob[]> {
  if (!can(actor.role, "account:manage")) throw forbidden();
  const labels = new Map(ALL_QUEUES.map((q) => [q.name, q.label]));
  return (await jobsFailedForGood(take)).map((job) => ({ ...job, label: labels.get(job.queue) ?? job.queue }));
}

type FailedJobRow = { id: string; queue: string; failedAt: Date | null; error: string; attempts: number };

/** The rows behind listFailedJobs, from pg-boss's tables. */
async function jobsFailedForGood(take = 20): Promise<FailedJobRow[]> {
  if (!(await queueInstalled())) return [];
  const rows = await db().$queryRaw<{ id: string; name: string; failedAt: Date | null; output: unknown; attempts: number }[]>(Prisma.sql`
    SELECT id::text, name, completed_on AS "failedAt", output, retry_count + 1 AS attempts FROM pgboss.job WHERE state = 'failed'
    UNION ALL
    SELECT id::text, name, completed_on, output, retry_count + 1 FROM pgboss.archive WHERE state = 'failed'
    ORDER BY "failedAt" DESC NULLS LAST LIMIT ${take}`);
  return rows.map((r) => ({ id: r.id, queue: r.name, failedAt: r.failedAt, error: failureText(r.output), attempts: Number(r.attempts) }));
}
