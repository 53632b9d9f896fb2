import "server-only";
import { z } from "zod";
import { db, type Db, type Tx } from "@/lib/platform/db";
import { sendJob, type JobHandler } from "@/lib/platform/jobs";
import { QUEUES } from "@/lib/jobs/queues";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { recordAudit, recordAudits } from "@/lib/core/audit";
import { conflict, DomainError, forbidden, invalid, notFound } from "@/lib/core/errors";
import { lockIssue, mayAssemble } from "@/lib/issues/desk-rules";
import { isRecordId, RECORD_ID } from "@/lib/core/ids";
import { recordWhatRan } from "@/lib/print-record/records";
import { freezeReleasedPages } from "@/lib/issues/released-page";
import { beijingDateTimeToDate, dateToBeijingDateTime, formatMomentExact, issueDateToString } from "@/lib/core/dates";
import { decide } from "@/lib/stories/workflow";
import { recordRevisions } from "@/lib/stories/revisions";
import { draftOfStored, storyContentSelect } from "@/lib/stories/content";
import { refreshPhotosRun } from "@/lib/photos/links";
import { chiefEditorIds, notify, notifyEach } from "@/lib/inbox/notify";
import { paperProfile } from "@/lib/issues/paper-profile";
import { issueReleasePurge, purgeNow, sendReaderPurge, type ReaderPurge } from "@/lib/reader/purge";
import { appPort } from "@/lib/platform/env";
import { earlyReleaseWarning } from "@/lib/issues/release-timing";
import type { IssueStatus } from "@/lib/generated/prisma/enums";
import { pageLabel } from "@/lib/format";

// 见报: an issue goes out now, or at a set Beijing time (定时见报) through a job on the Postgres
// queue. Either way one transaction publishes the issue and every story on it, or nothing, and it
// starts with a conditional update of the issue row: whatever runs it twice (two chief editors, two
// app instances, a job retried after a crash), the second finds nothing to claim.

/** A release job's time may pass by this much before the chief editors are told it ran late. */
const LATE_AFTER_MS = 60_000;

const releaseSelect = { id: true, number: true, date: true, status: true, publishAt: true } as const;

function assertChief(actor: SessionUser, doing: "签发见报" | "定时见报" | "暂缓见报") {
  if (!can(actor.role, "issue:publish")) throw forbidden(`只有值班总编可以${doing}`);
}

const pageName = (p: { number: number; name: string }) => `${pageLabel(p.number)}（${p.name}）`;

/** Why the issue cannot go out yet, in the desk's words; empty once every page is signed and carries copy. */
async function releaseProblems(client: Tx | Db, issueId: string): Promise<string[]> {
  const pages = await client.page.findMany({
    where: { issueId },
    orderBy: { number: "asc" },
    // Copy is a story of the page's own or the rest of one from another page (as pageCarriesCopy).
    select: { number: true, name: true, status: true, _count: { select: { placements: { where: { storyId: { not: null } } }, arriving: { where: { storyId: { not: null } } } } } },
  });
  if (pages.length === 0) return ["本期还没有版面"];
  const unsigned = pages.filter((p) => p.status !== "SIGNED");
  const empty = pages.filter((p) => p._count.placements + p._count.arriving === 0);
  return [
    ...(unsigned.length ? [`${unsigned.map(pageName).join("、")}还没有签版`] : []),
    ...(empty.length ? [`${empty.map(pageName).join("、")}没有稿件`] : []),
  ];
}

type Released = { storyIds: string[]; date: Date; number: number; lateMinutes: number; purge: ReaderPurge };

/**
 * Claims the issue (only if it is still what the caller saw: not yet out, or scheduled for exactly
 * `scheduledFor`), then publishes every story on it. Null when there was nothing to claim.
 */
async function releaseInTransaction(tx: Tx, issueId: string, actor: SessionUser, scheduledFor?: Date): Promise<Released | null> {
  const now = new Date();
  const claimed = await tx.issue.updateMany({
    where: scheduledFor ? { id: issueId, status: "SCHEDULED", publishAt: scheduledFor } : { id: issueId, status: { not: "PUBLISHED" } },
    data: { status: "PUBLISHED", publishedAt: now },
  });
  if (claimed.count !== 1) return null;
  const issue = await tx.issue.findUniqueOrThrow({ where: { id: issueId }, select: releaseSelect });
  const problems = await releaseProblems(tx, issueId);
  if (problems.length) throw invalid(`还不能见报：${problems.join("；")}`);

  const stories = await tx.story.findMany({
    where: { placement: { page: { issueId } } },
    select: { id: true, status: true, authorId: true, version: true, ...storyContentSelect },
  });
  for (const story of stories) {
    const decision = decide("publish", story, actor);
    if (!decision.allowed) throw forbidden(decision.reason);
  }
  const ids = stories.map((s) => s.id);
  const published = await tx.story.updateMany({
    where: { id: { in: ids }, status: "PLACED" },
    data: { status: "PUBLISHED", publishedAt: now, version: { increment: 1 } },
  });
  if (published.count !== ids.length) throw conflict("有稿件在签发时被改动，请刷新后重试");
  await refreshPhotosRun(tx, ids);
  await recordWhatRan(tx, issueId, now);
  // The pages as they ran, and the job that renders their PDFs and pictures from that: committed with
  // the release, so every released issue gets its printed record, and the release never waits for it.
  await freezeReleasedPages(tx, issueId, now);
  await sendJob(tx, QUEUES.pageRender, { issueId });
  // One statement each for all the stories' revisions, audit events and authors' inbox entries.
  await recordRevisions(tx, stories.map((story) => ({ storyId: story.id, version: story.version + 1, status: "PUBLISHED" as const, action: "publish", actorId: actor.id, draft: draftOfStored(story) })));
  await recordAudits(tx, stories.map((story) => ({ actorId: actor.id, action: "story.publish", targetType: "story" as const, targetId: story.id, summary: { from: "PLACED", to: "PUBLISHED", issueId } })));
  await notifyEach(tx, stories.map((story) => ({ recipientIds: [story.authorId], actorId: actor.id, storyId: story.id, kind: "PUBLISHED" as const, message: `《${story.headline || "图片新闻"}》已随总第${issue.number}期见报` })));

  const lateMs = scheduledFor ? now.getTime() - scheduledFor.getTime() : 0;
  const lateMinutes = lateMs > LATE_AFTER_MS ? Math.max(1, Math.round(lateMs / 60_000)) : 0;
  if (scheduledFor && lateMinutes) {
    // Nobody pressed a button, so nobody is left out: the one who scheduled it hears it too.
    await notify(tx, {
      recipientIds: await chiefEditorIds(tx),
      actorId: null,
      issueId,
      kind: "RELEASED_LATE",
      message: `总第${issue.number}期定时见报晚了 ${lateMinutes} 分钟（原定北京时间 ${formatMomentExact(scheduledFor)}）`,
    });
  }
  await recordAudit(tx, {
    actorId: actor.id,
    action: "issue.release",
    targetType: "issue",
    targetId: issueId,
    summary: { number: issue.number, stories: ids.length, ...(scheduledFor ? { publishAt: scheduledFor.toISOString() } : {}), ...(lateMinutes ? { lateMinutes } : {}) },
  });
  // Readers' pages of what changed are purged by a job committed with the release (lib/reader/purge.ts).
  const purge = await sendReaderPurge(tx, await issueReleasePurge(tx, issueId));
  return { storyIds: ids, date: issue.date, number: issue.number, lateMinutes, purge };
}

/** 立即见报: the chief editor releases the issue now (a scheduled one too, ahead of its time). */
export async function releaseNow(actor: SessionUser, issueId: string): Promise<Released> {
  assertChief(actor, "签发见报");
  if (!isRecordId(issueId)) throw notFound("找不到这一期");
  const released = await db().$transaction(async (tx) => {
    const done = await releaseInTransaction(tx, issueId, actor);
    if (done) return done;
    throw (await tx.issue.count({ where: { id: issueId } })) ? conflict("本期已经见报") : notFound("找不到这一期");
  });
  await purgeNow(released.purge);
  return released;
}

/** Locks the issue row for the rest of the transaction and reads it; a released issue is closed. */
async function openForRelease(tx: Tx, issueId: string) {
  const locked = await lockIssue(tx, issueId, { open: false });
  if (locked.status === "PUBLISHED") throw conflict("本期已经见报");
  return tx.issue.findUniqueOrThrow({ where: { id: issueId }, select: releaseSelect });
}

/** The paper's usual release time (paper profile, Beijing time) on the issue's own date. */
async function defaultPublishAt(date: Date): Promise<Date> {
  const { releaseTime } = await paperProfile();
  return beijingDateTimeToDate(`${issueDateToString(date)}T${releaseTime}`) ?? date;
}

/**
 * 定时见报 (or 改期 when already scheduled): the issue goes out at `beijingDateTime`
 * ("2026-11-28T06:30", Beijing time; empty: the paper's usual release time on the issue's date).
 * Its job is added in the same transaction; a job for an earlier time finds it changed and does nothing.
 */
export async function scheduleRelease(actor: SessionUser, issueId: string, beijingDateTime = ""): Promise<{ publishAt: Date; early: string | null }> {
  assertChief(actor, "定时见报");
  if (!isRecordId(issueId)) throw notFound("找不到这一期");
  const given = beijingDateTime.trim();
  const chosen = given ? beijingDateTimeToDate(given) : null;
  if (given && !chosen) throw invalid("请按北京时间填写见报时间，例如 2026-11-28 06:30", { publishAt: ["时间格式不正确"] });
  return db().$transaction(async (tx) => {
    const issue = await openForRelease(tx, issueId);
    const publishAt = chosen ?? (await defaultPublishAt(issue.date));
    if (publishAt.getTime() <= Date.now()) {
      throw invalid(`北京时间 ${formatMomentExact(publishAt)} 已经过去，请选择以后的时间，或立即见报`, { publishAt: ["见报时间已过"] });
    }
    const problems = await releaseProblems(tx, issueId);
    if (problems.length) throw invalid(`还不能定时见报：${problems.join("；")}`);
    await tx.issue.update({ where: { id: issueId }, data: { status: "SCHEDULED", publishAt, scheduledById: actor.id } });
    await sendJob(tx, QUEUES.issueRelease, { issueId, publishAt: publishAt.toISOString() }, { startAfter: publishAt });
    const previous = issue.status === "SCHEDULED" && issue.publishAt ? { previousPublishAt: issue.publishAt.toISOString() } : {};
    await recordAudit(tx, { actorId: actor.id, action: "issue.schedule", targetType: "issue", targetId: issueId, summary: { number: issue.number, publishAt: publishAt.toISOString(), ...previous } });
    return { publishAt, early: earlyReleaseWarning(issueDateToString(issue.date), dateToBeijingDateTime(publishAt)) };
  });
}

/** 暂缓: a scheduled issue goes back to the desk; its job, when it comes, finds nothing to do. */
export async function holdRelease(actor: SessionUser, issueId: string): Promise<void> {
  assertChief(actor, "暂缓见报");
  if (!isRecordId(issueId)) throw notFound("找不到这一期");
  await db().$transaction(async (tx) => {
    const issue = await openForRelease(tx, issueId);
    if (issue.status !== "SCHEDULED" || !issue.publishAt) throw conflict("本期没有定时见报，无需暂缓");
    await tx.issue.update({ where: { id: issueId }, data: { status: "PLANNING", publishAt: null, scheduledById: null } });
    await recordAudit(tx, { actorId: actor.id, action: "issue.hold", targetType: "issue", targetId: issueId, summary: { number: issue.number, publishAt: issue.publishAt.toISOString() } });
  });
}

const releaseJobData = z.object({ issueId: z.string().regex(RECORD_ID), publishAt: z.iso.datetime() });

export type ScheduledReleaseResult = { released: false; reason: "not_due" | "held" } | { released: true; stories: number; lateMinutes: number };

/**
 * The release job. It releases the issue only if it is still scheduled for exactly the job's
 * `publishAt`, in the name of the chief editor who scheduled it; a rescheduled, held or already
 * released issue makes it do nothing. An issue not ready at its time (changed since it was
 * scheduled) is held and the chief editors told; anything else that fails throws, so the queue
 * retries it later and, out of retries, lists it for administrators.
 */
export async function runScheduledRelease(data: unknown): Promise<ScheduledReleaseResult> {
  const job = releaseJobData.parse(data);
  const publishAt = new Date(job.publishAt);
  const issue = await db().issue.findUnique({
    where: { id: job.issueId },
    select: { status: true, publishAt: true, scheduledBy: { select: { id: true, username: true, name: true, role: true, affiliation: true, bylineTitle: true } } },
  });
  if (!issue || issue.status !== "SCHEDULED" || issue.publishAt?.getTime() !== publishAt.getTime()) return { released: false, reason: "not_due" };
  const scheduler = issue.scheduledBy;
  if (!scheduler) throw new Error(`issue ${job.issueId} is scheduled but names nobody who scheduled it`);
  try {
    const released = await db().$transaction((tx) => releaseInTransaction(tx, job.issueId, scheduler, publishAt));
    if (!released) return { released: false, reason: "not_due" };
    await purgeNow(released.purge);
    return { released: true, stories: released.storyIds.length, lateMinutes: released.lateMinutes };
  } catch (e) {
    // Not ready at its time (a page added, unsigned or emptied since): the issue is held and the
    // chief editors are told why, rather than the job failing where only administrators look.
    if (!(e instanceof DomainError) || e.code !== "invalid") throw e;
    await holdUnready(job.issueId, publishAt, e.message);
    return { released: false, reason: "held" };
  }
}

async function holdUnready(issueId: string, publishAt: Date, why: string) {
  await db().$transaction(async (tx) => {
    const held = await tx.issue.updateMany({ where: { id: issueId, status: "SCHEDULED", publishAt }, data: { status: "PLANNING", publishAt: null } });
    if (held.count !== 1) return;
    const issue = await tx.issue.findUniqueOrThrow({ where: { id: issueId }, select: { number: true } });
    await recordAudit(tx, { actorId: null, action: "issue.hold", targetType: "issue", targetId: issueId, summary: { number: issue.number, reason: why } });
    await notify(tx, { recipientIds: await chiefEditorIds(tx), actorId: null, issueId, kind: "RELEASED_LATE", message: `总第${issue.number}期没能按时见报，已暂缓：${why}。请处理后重新安排见报。` });
  });
}

/** What the worker runs (the port says which instance ran it); the purge of reader pages is a job of its own. */
export const releaseJob: JobHandler = async (data) => ({ ...(await runScheduledRelease(data)), instancePort: appPort() });

export type ReleaseView = {
  issueId: string;
  status: IssueStatus;
  /** Beijing wall-clock times ("2026-11-28T06:30") for the form, and as printed for reading. */
  publishAt: { value: string; text: string; past: boolean } | null;
  publishedAt: string | null;
  defaultPublishAt: { value: string; text: string; past: boolean };
  /** The issue's own date ("2026-12-08"), and the Beijing wall-clock time now, for the early-release warnings. */
  issueDate: string;
  now: string;
  problems: string[];
  mayRelease: boolean;
};

/** What the release panel shows: state, times in Beijing time, and why it cannot go out yet. */
export async function releaseView(actor: SessionUser, issueId: string): Promise<ReleaseView> {
  mayAssemble(actor);
  if (!isRecordId(issueId)) throw notFound("找不到这一期");
  const issue = await db().issue.findUnique({ where: { id: issueId }, select: { ...releaseSelect, publishedAt: true } });
  if (!issue) throw notFound("找不到这一期");
  const problems = issue.status === "PUBLISHED" ? [] : await releaseProblems(db(), issueId);
  const fallback = await defaultPublishAt(issue.date);
  const moment = (at: Date) => ({ value: dateToBeijingDateTime(at), text: formatMomentExact(at), past: at.getTime() <= Date.now() });
  return {
    issueId,
    status: issue.status,
    publishAt: issue.status === "SCHEDULED" && issue.publishAt ? moment(issue.publishAt) : null,
    publishedAt: issue.publishedAt ? formatMomentExact(issue.publishedAt) : null,
    defaultPublishAt: moment(fallback),
    issueDate: issueDateToString(issue.date),
    now: dateToBeijingDateTime(new Date()),
    problems,
    mayRelease: can(actor.role, "issue:publish"),
  };
}
