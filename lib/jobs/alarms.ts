import "server-only";
import { db } from "@/lib/platform/db";
import { jobsFailedForGoodAfter, type JobHandler, type JobRow } from "@/lib/platform/jobs";
import { ALL_QUEUES, QUEUES } from "@/lib/jobs/queues";
import { alarmAudience, failureInWords, OVERDUE_AFTER_MS } from "@/lib/jobs/alarm-rules";
import { notifyEach, roleMemberIds } from "@/lib/inbox/notify";
import { recordAudit, recordAudits } from "@/lib/core/audit";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { conflict, forbidden, notFound } from "@/lib/core/errors";
import { isRecordId } from "@/lib/core/ids";
import { formatIssueDate, formatMoment, formatMomentExact, issueDateToString } from "@/lib/core/dates";
import type { AlarmEnd, IssueStatus } from "@/lib/generated/prisma/client";

// 警报. The alarm watch is a job on the queue every minute (cron on pg-boss), worked by whichever
// instance is up: a release job that hangs or an instance that died with it cannot stop it. Each
// alarm is a row whose `subject` is unique, written in one transaction with its inbox entries, so
// two watches at once (two instances, a retried run) raise it once; a run is safe to repeat.
// The banner does not wait for the watch: it reads late issues itself (lib/jobs/desk-alarms.ts).

/** The database's clock: every instance judges lateness by the same one, as pg-boss runs jobs by it. */
export async function databaseNow(): Promise<Date> {
  const [{ now }] = await db().$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  return now;
}

const releaseSubject = (issueId: string, publishAt: Date) => `release:${issueId}:${publishAt.toISOString()}`;
const queueLabel = (name: string) => ALL_QUEUES.find((q) => q.name === name)?.label ?? name;

export type WatchResult = { raised: number; ended: number; folded: number };

/** One run of the watch: raises what is newly wrong, ends release alarms whose issue went out or was held. */
export async function watchAlarms(): Promise<WatchResult> {
  const now = await databaseNow();
  const raised = await raiseOverdueReleases(now);
  const ended = await endSettledReleases(now);
  const failed = await raiseFailedJobs();
  return { raised: raised + failed.raised, ended, folded: failed.folded };
}

/** What the queue's worker runs every minute. */
export const alarmWatchJob: JobHandler = () => watchAlarms();

async function raiseOverdueReleases(now: Date): Promise<number> {
  const late = await db().issue.findMany({
    where: { status: "SCHEDULED", publishAt: { lte: new Date(now.getTime() - OVERDUE_AFTER_MS) } },
    select: { id: true, number: true, date: true, publishAt: true },
  });
  const known = new Set((await db().alarm.findMany({ where: { subject: { in: late.map((i) => releaseSubject(i.id, i.publishAt!)) } }, select: { subject: true } })).map((a) => a.subject));
  const fresh = late.filter((i) => !known.has(releaseSubject(i.id, i.publishAt!)));
  if (fresh.length === 0) return 0;
  return db().$transaction(async (tx) => {
    // Only the rows this run inserted come back: a watch running alongside gets none of them.
    const alarms = await tx.alarm.createManyAndReturn({
      data: fresh.map((i) => ({ kind: "RELEASE_OVERDUE" as const, subject: releaseSubject(i.id, i.publishAt!), issueId: i.id, publishAt: i.publishAt })),
      skipDuplicates: true,
      select: { id: true, issueId: true },
    });
    if (alarms.length === 0) return 0;
    const recipientIds = await roleMemberIds(tx, alarmAudience("RELEASE_OVERDUE"));
    const issueOf = (id: string | null) => fresh.find((i) => i.id === id)!;
    await notifyEach(tx, alarms.map((a) => ({ recipientIds, actorId: null, alarmId: a.id, issueId: a.issueId, kind: "RELEASE_OVERDUE" as const, message: overdueMessage(issueOf(a.issueId)) })));
    await recordAudits(tx, alarms.map((a) => ({ actorId: null, action: "alarm.raise", targetType: "issue" as const, targetId: a.issueId!, summary: { number: issueOf(a.issueId).number, publishAt: issueOf(a.issueId).publishAt!.toISOString() } })));
    return alarms.length;
  });
}

function overdueMessage(issue: { number: number; date: Date; publishAt: Date | null }): string {
  return `总第${issue.number}期（${formatIssueDate(issueDateToString(issue.date))}）定时见报超时：原定北京时间 ${formatMomentExact(issue.publishAt!)}，过了两分钟仍未见报。值班总编可在见报面板立即见报或暂缓。`;
}

/** How a release alarm ends, from its issue as it is now; null while the issue is still late for that time. */
function releaseEnd(alarm: { publishAt: Date | null }, issue: { status: IssueStatus; publishAt: Date | null }): AlarmEnd | null {
  if (issue.status === "PUBLISHED") return "RELEASED";
  if (issue.status !== "SCHEDULED") return "HELD";
  return issue.publishAt?.getTime() === alarm.publishAt?.getTime() ? null : "RESCHEDULED";
}

async function endSettledReleases(now: Date): Promise<number> {
  const open = await db().alarm.findMany({
    where: { kind: "RELEASE_OVERDUE", endedAt: null },
    select: { id: true, publishAt: true, issueId: true, issue: { select: { status: true, publishAt: true, number: true } } },
  });
  let ended = 0;
  for (const alarm of open) {
    const end = alarm.issue && releaseEnd(alarm, alarm.issue);
    if (!end) continue;
    ended += await db().$transaction(async (tx) => {
      const closed = await tx.alarm.updateMany({ where: { id: alarm.id, endedAt: null }, data: { endedAt: now, endedBy: end } });
      if (closed.count === 1) await recordAudit(tx, { actorId: null, action: "alarm.end", targetType: "issue", targetId: alarm.issueId!, summary: { number: alarm.issue!.number, ended: end } });
      return closed.count;
    });
  }
  return ended;
}

/**
 * Failed jobs not yet seen (after the latest failure any alarm of their queue covers) raise one
 * alarm per queue; while it is open, later failures of that queue are folded into it (its latest
 * failure and reason change, nobody is told again), so a queue failing every minute is one alarm.
 */
async function raiseFailedJobs(): Promise<{ raised: number; folded: number }> {
  const seen = await db().alarm.groupBy({ by: ["queue"], where: { kind: "JOB_FAILED" }, _max: { lastFailedAt: true } });
  const after = Object.fromEntries(seen.flatMap((s) => (s.queue && s._max.lastFailedAt ? [[s.queue, s._max.lastFailedAt]] : [])));
  const failures = await jobsFailedForGoodAfter(after, new Date(0));
  const byQueue = new Map<string, JobRow[]>();
  for (const job of failures) byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), job]);
  let raised = 0;
  let folded = 0;
  for (const [queue, jobs] of byQueue) {
    const latest = jobs.at(-1)!;
    const issueId = await issueOfJob(latest);
    const open = await db().alarm.findFirst({ where: { kind: "JOB_FAILED", queue, endedAt: null }, select: { id: true } });
    if (open) folded += await foldFailure(open.id, latest, issueId);
    else raised += await raiseFailure(queue, jobs[0], latest, issueId);
  }
  return { raised, folded };
}

/** The issue a release job was for, when it still exists. */
async function issueOfJob(job: JobRow): Promise<string | null> {
  const id = job.queue === QUEUES.issueRelease.name ? job.data.issueId : undefined;
  if (!isRecordId(id)) return null;
  return (await db().issue.findUnique({ where: { id }, select: { id: true } }))?.id ?? null;
}

const lastFailure = (job: JobRow, issueId: string | null) => ({ lastJobId: job.id, lastFailedAt: job.completedOn, error: job.error, issueId });

async function raiseFailure(queue: string, first: JobRow, latest: JobRow, issueId: string | null): Promise<number> {
  return db().$transaction(async (tx) => {
    const alarms = await tx.alarm.createManyAndReturn({
      data: [{ kind: "JOB_FAILED" as const, subject: `job:${queue}:${first.id}`, queue, ...lastFailure(latest, issueId) }],
      skipDuplicates: true,
      select: { id: true },
    });
    if (alarms.length === 0) return 0;
    const issue = issueId ? await tx.issue.findUnique({ where: { id: issueId }, select: { number: true } }) : null;
    const what = `${queueLabel(queue)}${issue ? `（总第${issue.number}期）` : ""}`;
    await notifyEach(tx, [{
      recipientIds: await roleMemberIds(tx, alarmAudience("JOB_FAILED", queue)),
      actorId: null,
      alarmId: alarms[0].id,
      issueId,
      kind: "JOB_FAILED",
      message: `后台任务“${what}”用完重试仍然失败（北京时间 ${formatMoment(latest.completedOn ?? new Date())}）：${failureInWords(latest.error)}。请管理员在账号管理的后台任务中查看并确认。`,
    }]);
    await recordAudit(tx, { actorId: null, action: "alarm.raise", targetType: "alarm", targetId: alarms[0].id, summary: { queue: queueLabel(queue), error: latest.error ?? "" } });
    return 1;
  });
}

async function foldFailure(alarmId: string, latest: JobRow, issueId: string | null): Promise<number> {
  return db().$transaction(async (tx) => {
    const folded = await tx.alarm.updateMany({
      where: { id: alarmId, endedAt: null, lastFailedAt: { lt: latest.completedOn ?? new Date() } },
      data: lastFailure(latest, issueId),
    });
    if (folded.count === 1) await recordAudit(tx, { actorId: null, action: "alarm.repeat", targetType: "alarm", targetId: alarmId, summary: { queue: queueLabel(latest.queue), error: latest.error ?? "" } });
    return folded.count;
  });
}

export type OpenJobAlarm = { id: string; label: string; raisedAt: Date; lastFailedAt: Date | null; lastJobId: string; error: string };

/** Failed-job alarms not yet acknowledged, for the administrators' list of background jobs. */
export async function openJobAlarms(actor: SessionUser): Promise<OpenJobAlarm[]> {
  if (!can(actor.role, "account:manage")) throw forbidden();
  const rows = await db().alarm.findMany({
    where: { kind: "JOB_FAILED", endedAt: null },
    orderBy: { raisedAt: "desc" },
    select: { id: true, queue: true, raisedAt: true, lastFailedAt: true, lastJobId: true, error: true },
  });
  return rows.map((a) => ({ id: a.id, label: queueLabel(a.queue ?? ""), raisedAt: a.raisedAt, lastFailedAt: a.lastFailedAt, lastJobId: a.lastJobId ?? "", error: failureInWords(a.error) }));
}

/**
 * 确认: an administrator has seen a failed job's alarm; it leaves every desk. `seenJobId` is the
 * latest failure the administrator was shown: a failure folded in since is refused, to be read first.
 */
export async function acknowledgeJobAlarm(actor: SessionUser, alarmId: string, seenJobId: string): Promise<void> {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以确认后台任务警报");
  if (!isRecordId(alarmId)) throw notFound("找不到这条警报");
  await db().$transaction(async (tx) => {
    const alarm = await tx.alarm.findUnique({ where: { id: alarmId }, select: { kind: true, queue: true, endedAt: true, lastJobId: true, lastFailedAt: true, error: true } });
    if (!alarm || alarm.kind !== "JOB_FAILED") throw notFound("找不到这条警报");
    const acknowledged = await tx.alarm.updateMany({
      where: { id: alarmId, endedAt: null, lastJobId: seenJobId },
      data: { endedAt: new Date(), endedBy: "ACKNOWLEDGED", acknowledgedById: actor.id },
    });
    if (acknowledged.count !== 1) {
      throw alarm.endedAt ? conflict("这条警报已经有人确认过了") : conflict("这条警报之后又有任务失败，请看过最新的原因后再确认");
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "alarm.acknowledge",
      targetType: "alarm",
      targetId: alarmId,
      summary: { queue: queueLabel(alarm.queue ?? ""), error: alarm.error ?? "", ...(alarm.lastFailedAt ? { lastFailedAt: alarm.lastFailedAt.toISOString() } : {}) },
    });
  });
}
