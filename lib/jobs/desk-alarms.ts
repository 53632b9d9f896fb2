import "server-only";
import { db } from "@/lib/platform/db";
import { jobsWithData, type JobRow } from "@/lib/platform/jobs";
import { ALL_QUEUES, QUEUES } from "@/lib/jobs/queues";
import { alarmAudience, failureInWords, hearsAlarms, OVERDUE_AFTER_MS } from "@/lib/jobs/alarm-rules";
import { alarmAction } from "@/lib/inbox/alarm-action";
import { databaseNow } from "@/lib/jobs/alarms";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { formatIssueDate, formatMoment, formatMomentExact, issueDateToString } from "@/lib/core/dates";

// What the red banner on every back-office page says, for a chief editor or an administrator.
// A late release is read from the issue itself on every drawing and poll, not from the watch's
// alarm rows: it shows two minutes after the time whatever the job queue is doing, and leaves the
// moment the issue is released, held or given another time, on every instance. A failed job is
// the watch's alarm, shown until an administrator acknowledges it.

export type DeskAlarm = {
  /** Stable while the same thing is wrong (React's key; tests find it by it). */
  key: string;
  heading: string;
  /** Since when, in Beijing time. */
  since: string;
  /** What the system knows, in words. */
  state: string;
  action: { href: string; label: string } | null;
  note: string;
};

const minutesBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));

/** The alarms this person's desk shows now; none for those who do not hear of alarms. */
export async function deskAlarms(actor: SessionUser): Promise<DeskAlarm[]> {
  if (!hearsAlarms(actor.role)) return [];
  const now = await databaseNow();
  const late = await db().issue.findMany({
    where: { status: "SCHEDULED", publishAt: { lte: new Date(now.getTime() - OVERDUE_AFTER_MS) } },
    orderBy: { publishAt: "asc" },
    select: { id: true, number: true, date: true, publishAt: true },
  });
  const releases = await Promise.all(
    late.map(async (issue): Promise<DeskAlarm> => {
      const publishAt = issue.publishAt!;
      const [job] = await jobsWithData(QUEUES.issueRelease, { issueId: issue.id, publishAt: publishAt.toISOString() });
      return {
        key: `release:${issue.id}:${publishAt.toISOString()}`,
        heading: `总第${issue.number}期（${formatIssueDate(issueDateToString(issue.date))}）定时见报超时，仍未见报`,
        since: `原定北京时间 ${formatMomentExact(publishAt)} 见报，已晚 ${minutesBetween(publishAt, now)} 分钟`,
        state: releaseJobInWords(job, now),
        action: alarmAction(actor.role, "RELEASE_OVERDUE", issue.id),
        note: can(actor.role, "issue:publish") ? "" : "见报须由值班总编操作。",
      };
    }),
  );

  const lateIssues = new Set(late.map((i) => i.id));
  const failed = await db().alarm.findMany({
    where: { kind: "JOB_FAILED", endedAt: null },
    orderBy: { raisedAt: "asc" },
    select: { id: true, queue: true, issueId: true, raisedAt: true, lastFailedAt: true, error: true, issue: { select: { number: true } } },
  });
  const jobs = failed
    // A release job that failed while its issue is still late is already told in that issue's alarm.
    .filter((a) => alarmAudience("JOB_FAILED", a.queue).includes(actor.role) && !(a.issueId && lateIssues.has(a.issueId)))
    .map((a): DeskAlarm => {
      const label = ALL_QUEUES.find((q) => q.name === a.queue)?.label ?? a.queue ?? "";
      const failedAt = a.lastFailedAt ?? a.raisedAt;
      return {
        key: `job:${a.id}`,
        heading: `后台任务“${label}${a.issue ? `（总第${a.issue.number}期）` : ""}”用完重试仍然失败`,
        // Later failures fold into an open alarm: then both times are worth saying.
        since: a.raisedAt.getTime() < failedAt.getTime() ? `北京时间 ${formatMoment(a.raisedAt)} 发出警报，最近一次失败于 ${formatMoment(failedAt)}` : `北京时间 ${formatMoment(failedAt)} 失败`,
        state: `原因：${failureInWords(a.error)}`,
        action: alarmAction(actor.role, "JOB_FAILED", a.issueId),
        note: can(actor.role, "account:manage") ? "" : "管理员确认后，这条警报才会消失。",
      };
    });
  return [...releases, ...jobs];
}

/** Where the release job of a late issue stands, from pg-boss's own row. */
export function releaseJobInWords(job: JobRow | undefined, now: Date): string {
  if (!job) return "没有找到这一时间的见报任务，系统不会自动见报。";
  switch (job.state) {
    case "created":
      return job.startAfter <= now
        ? `见报任务从北京时间 ${formatMoment(job.startAfter)} 起一直在排队，没有后台程序接手（各实例的后台任务可能都没有运行）。`
        : `见报任务排在北京时间 ${formatMoment(job.startAfter)} 执行。`;
    case "active":
      return `见报任务从北京时间 ${formatMoment(job.startedOn ?? job.startAfter)} 起正在执行，已 ${minutesBetween(job.startedOn ?? job.startAfter, now)} 分钟没有结束（超过 5 分钟算作中断，会自动重试）。`;
    case "retry":
      return `见报任务出错，已试 ${job.retryCount + 1} 次，北京时间 ${formatMoment(job.startAfter)} 再试（最多再试 ${Math.max(0, job.retryLimit - job.retryCount)} 次）。出错原因：${failureInWords(job.error)}`;
    case "failed":
      return `见报任务试了 ${job.retryCount + 1} 次，已经放弃，不会再自动见报。原因：${failureInWords(job.error)}`;
    case "completed":
      return "见报任务已经结束，但本期仍未见报。";
    case "cancelled":
      return "见报任务已被取消，系统不会自动见报。";
  }
}
