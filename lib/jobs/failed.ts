import "server-only";
import { jobsFailedForGood } from "@/lib/platform/jobs";
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
