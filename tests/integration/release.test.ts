import { afterAll, beforeAll, describe, expect, it } from "vitest";
import PgBoss from "pg-boss";
import { db } from "@/lib/platform/db";
import { installJobQueues, startJobWorkers } from "@/lib/platform/jobs";
import { ALL_QUEUES, QUEUES } from "@/lib/jobs/queues";
import { listFailedJobs } from "@/lib/jobs/failed";
import { holdRelease, releaseJob, releaseNow, runScheduledRelease, scheduleRelease } from "@/lib/issues/release";
import { createIssue } from "@/lib/issues/mutations";
import { addPageTo } from "@/lib/issues/commands";
import { changeStory, createStory } from "@/lib/desk/story-commands";
import { dateToBeijingDateTime, formatMomentExact } from "@/lib/core/dates";
import { listInbox } from "@/lib/inbox/queries";
import { completeDraft, makeUser, placeAtEnd, releasableIssue } from "../support/factories";
import { refusal } from "../support/refusal";

// Release of an issue, now or at a set time through the job queue, against a real Postgres and a
// real pg-boss. Page sign-off is the page desk's own command; here pages are signed directly.

let day = 0;
const nextDate = () => new Date(Date.UTC(2040, 0, 1) + ++day * 86400_000).toISOString().slice(0, 10);
const issueRow = (id: string) => db().issue.findUniqueOrThrow({ where: { id } });
const releaseAudits = (id: string) => db().auditEvent.count({ where: { action: "issue.release", targetId: id } });
const inSeconds = (s: number) => dateToBeijingDateTime(new Date(Math.ceil((Date.now() + s * 1000) / 1000) * 1000));

async function until<T>(what: () => Promise<T>, done: (value: T) => boolean, seconds = 45): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await what();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** pg-boss's row for the release job of this issue at this time. */
async function jobRows(issueId: string) {
  return db().$queryRaw<{ state: string; start_after: Date; retry_count: number; retry_delay: number; retry_backoff: boolean; output: Record<string, unknown> | null; data: { publishAt: string } }[]>`
    SELECT state::text, start_after, retry_count, retry_delay, retry_backoff, output, data FROM pgboss.job
    WHERE name = ${QUEUES.issueRelease.name} AND data->>'issueId' = ${issueId} ORDER BY created_on`;
}

let editor: Awaited<ReturnType<typeof makeUser>>;
let chief: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  await installJobQueues(ALL_QUEUES);
  editor = await makeUser("EDITOR");
  chief = await makeUser("CHIEF_EDITOR", "孙正");
});

describe("release now", () => {
  it("is refused while a page is unsigned or empty, and changes nothing", async () => {
    const issue = await createIssue(editor, { date: nextDate() });
    const pages = await db().page.findMany({ where: { issueId: issue.id }, orderBy: { number: "asc" } });
    const author = await makeUser("CORRESPONDENT");
    const filed = await createStory(author, completeDraft(), { submit: true });
    await changeStory(editor, { action: "approve", storyId: filed.id, baseVersion: filed.version });
    await placeAtEnd(editor, filed.id, pages[0].id);
    await db().page.update({ where: { id: pages[0].id }, data: { status: "SIGNED" } });
    await db().page.update({ where: { id: pages[1].id }, data: { status: "AWAITING" } });

    const both = await refusal(releaseNow(chief, issue.id));
    expect(both.code).toBe("invalid");
    expect(both.message).toBe("还不能见报：第2版（综合）、第3版（县区新闻）、第4版（副刊）还没有签版；第2版（综合）、第3版（县区新闻）、第4版（副刊）没有稿件");
    expect((await refusal(scheduleRelease(chief, issue.id, inSeconds(3600)))).message).toMatch(/^还不能定时见报：.*还没有签版/);

    await db().page.updateMany({ where: { issueId: issue.id }, data: { status: "SIGNED" } });
    expect((await refusal(releaseNow(chief, issue.id))).message).toBe("还不能见报：第2版（综合）、第3版（县区新闻）、第4版（副刊）没有稿件");

    await db().page.deleteMany({ where: { issueId: issue.id, number: { gt: 1 } } });
    await db().page.update({ where: { id: pages[0].id }, data: { status: "AWAITING" } });
    expect((await refusal(releaseNow(chief, issue.id))).message).toBe("还不能见报：第1版（要闻）还没有签版");

    expect(await issueRow(issue.id)).toMatchObject({ status: "PLANNING", publishedAt: null, publishAt: null });
    expect((await db().story.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("PLACED");
    expect(await releaseAudits(issue.id)).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "issue.schedule", targetId: issue.id } })).toBe(0);
    expect(await jobRows(issue.id)).toEqual([]);
  });

  it("is the chief editor's alone: release, schedule and hold refuse everyone else", async () => {
    const { issueId } = await releasableIssue(editor, { date: nextDate(), stories: 4 });
    await scheduleRelease(chief, issueId, inSeconds(3600));
    for (const role of ["EDITOR", "CORRESPONDENT", "ADMIN"] as const) {
      const someone = await makeUser(role);
      expect(await refusal(releaseNow(someone, issueId))).toMatchObject({ code: "forbidden", message: "只有值班总编可以签发见报" });
      expect(await refusal(scheduleRelease(someone, issueId, inSeconds(7200)))).toMatchObject({ code: "forbidden", message: "只有值班总编可以定时见报" });
      expect(await refusal(holdRelease(someone, issueId))).toMatchObject({ code: "forbidden", message: "只有值班总编可以暂缓见报" });
    }
    expect(await issueRow(issueId)).toMatchObject({ status: "SCHEDULED", scheduledById: chief.id });
    expect(await db().auditEvent.count({ where: { targetId: issueId, action: { in: ["issue.schedule", "issue.hold", "issue.release"] } } })).toBe(1);
  });

  it("publishes every story on every page, or none", async () => {
    const { issueId, storyIds, authorId } = await releasableIssue(editor, { date: nextDate(), pages: 3, stories: 5 });
    // A story knocked out of 上版 behind the desk's back stops the whole issue.
    await db().story.update({ where: { id: storyIds[4] }, data: { status: "APPROVED" } });
    await refusal(releaseNow(chief, issueId));
    expect((await issueRow(issueId)).status).toBe("PLANNING");
    expect(await db().story.count({ where: { id: { in: storyIds }, status: "PUBLISHED" } })).toBe(0);
    expect(await db().storyRevision.count({ where: { storyId: { in: storyIds }, action: "publish" } })).toBe(0);
    expect(await db().notification.count({ where: { recipientId: authorId, kind: "PUBLISHED" } })).toBe(0);

    await db().story.update({ where: { id: storyIds[4] }, data: { status: "PLACED" } });
    const released = await releaseNow(chief, issueId);
    expect(released.storyIds.sort()).toEqual([...storyIds].sort());
    expect(await db().story.count({ where: { id: { in: storyIds }, status: "PUBLISHED", publishedAt: { not: null } } })).toBe(5);
    expect(await db().storyRevision.count({ where: { storyId: { in: storyIds }, action: "publish" } })).toBe(5);
    expect(await db().notification.count({ where: { recipientId: authorId, kind: "PUBLISHED" } })).toBe(5);
    expect(await issueRow(issueId)).toMatchObject({ status: "PUBLISHED" });
    expect(await releaseAudits(issueId)).toBe(1);
    expect((await refusal(releaseNow(chief, issueId))).code).toBe("conflict");
  });
});

describe("release at a set time", () => {
  it("schedules with a job at that moment, by default the paper's release time, and the job releases once", async () => {
    await db().paperProfile.upsert({ where: { id: "paper" }, create: { name: "吉平日报", releaseTime: "05:45" }, update: { releaseTime: "05:45" } });
    const date = nextDate();
    const { issueId, storyIds } = await releasableIssue(editor, { date, stories: 4 });
    const { publishAt } = await scheduleRelease(chief, issueId);
    expect(publishAt.toISOString()).toBe(new Date(`${date}T05:45:00+08:00`).toISOString());
    expect(await issueRow(issueId)).toMatchObject({ status: "SCHEDULED", publishAt, scheduledById: chief.id });
    const [job] = await jobRows(issueId);
    expect(job).toMatchObject({ state: "created", start_after: publishAt, data: { publishAt: publishAt.toISOString() } });
    expect((await db().auditEvent.findFirstOrThrow({ where: { action: "issue.schedule", targetId: issueId } })).summary).toMatchObject({ publishAt: publishAt.toISOString() });

    // Until the job runs readers see nothing of it: the stories are not published.
    expect(await db().story.count({ where: { id: { in: storyIds }, status: "PUBLISHED" } })).toBe(0);
    expect(await runScheduledRelease({ issueId, publishAt: publishAt.toISOString() })).toEqual({ released: true, stories: 4, lateMinutes: 0 });
    expect(await runScheduledRelease({ issueId, publishAt: publishAt.toISOString() })).toEqual({ released: false, reason: "not_due" });
    expect(await db().story.count({ where: { id: { in: storyIds }, status: "PUBLISHED" } })).toBe(4);
    expect(await releaseAudits(issueId)).toBe(1);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "issue.release", targetId: issueId } });
    expect(audit).toMatchObject({ actorId: chief.id, summary: { stories: 4, publishAt: publishAt.toISOString() } });
    expect(await db().notification.count({ where: { issueId, kind: "RELEASED_LATE" } })).toBe(0);
  });

  it("refuses a time that has passed or is not a time, and changes nothing", async () => {
    const { issueId } = await releasableIssue(editor, { date: nextDate(), stories: 4 });
    expect(await refusal(scheduleRelease(chief, issueId, "2020-01-01T06:30"))).toMatchObject({ code: "invalid", fieldErrors: { publishAt: ["见报时间已过"] } });
    expect(await refusal(scheduleRelease(chief, issueId, "明早六点"))).toMatchObject({ code: "invalid", fieldErrors: { publishAt: ["时间格式不正确"] } });
    expect(await refusal(scheduleRelease(chief, issueId, "2040-02-30T06:30"))).toMatchObject({ code: "invalid" });
    expect(await refusal(scheduleRelease(chief, "no-such-issue", inSeconds(60)))).toMatchObject({ code: "not_found" });
    expect(await issueRow(issueId)).toMatchObject({ status: "PLANNING", publishAt: null });
    expect(await jobRows(issueId)).toEqual([]);
  });

  it("a job for a time since changed or held does nothing", async () => {
    const { issueId } = await releasableIssue(editor, { date: nextDate(), stories: 4 });
    const first = await scheduleRelease(chief, issueId, inSeconds(3600));
    const second = await scheduleRelease(chief, issueId, inSeconds(7200));
    expect((await jobRows(issueId)).map((j) => j.data.publishAt)).toEqual([first.publishAt.toISOString(), second.publishAt.toISOString()]);
    expect(await runScheduledRelease({ issueId, publishAt: first.publishAt.toISOString() })).toEqual({ released: false, reason: "not_due" });
    expect(await issueRow(issueId)).toMatchObject({ status: "SCHEDULED", publishAt: second.publishAt });

    await holdRelease(chief, issueId);
    expect(await issueRow(issueId)).toMatchObject({ status: "PLANNING", publishAt: null, scheduledById: null });
    expect(await runScheduledRelease({ issueId, publishAt: second.publishAt.toISOString() })).toEqual({ released: false, reason: "not_due" });
    expect((await issueRow(issueId)).status).toBe("PLANNING");
    expect(await refusal(holdRelease(chief, issueId))).toMatchObject({ code: "conflict" });
    expect(await releaseAudits(issueId)).toBe(0);
    const actions = await db().auditEvent.findMany({ where: { targetId: issueId }, orderBy: { id: "asc" }, select: { action: true, summary: true } });
    expect(actions.map((a) => a.action)).toEqual(["issue.create", "issue.schedule", "issue.schedule", "issue.hold"]);
    expect(actions[2].summary).toMatchObject({ previousPublishAt: first.publishAt.toISOString() });
  });

  it("the same job run twice at once, and a release by hand at the same moment, release once", async () => {
    const { issueId, storyIds } = await releasableIssue(editor, { date: nextDate(), stories: 6 });
    const { publishAt } = await scheduleRelease(chief, issueId, inSeconds(3600));
    const job = { issueId, publishAt: publishAt.toISOString() };
    const results = await Promise.all([runScheduledRelease(job), runScheduledRelease(job), releaseNow(chief, issueId).catch((e) => e), runScheduledRelease(job)]);
    const winners = results.filter((r) => ("released" in r ? r.released : "storyIds" in r));
    expect(winners).toHaveLength(1);
    expect(await releaseAudits(issueId)).toBe(1);
    expect(await db().storyRevision.count({ where: { storyId: { in: storyIds }, action: "publish" } })).toBe(6);
    expect(await db().auditEvent.count({ where: { action: "story.publish", targetId: { in: storyIds } } })).toBe(6);
  });

  it("a release run late tells every chief editor, the one who scheduled it too", async () => {
    const otherChief = await makeUser("CHIEF_EDITOR", "另一位总编");
    const { issueId } = await releasableIssue(editor, { date: nextDate(), stories: 4 });
    await scheduleRelease(chief, issueId, inSeconds(3600));
    // As if the time had passed seven minutes ago while no worker ran.
    const due = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 7 * 60_000);
    await db().issue.update({ where: { id: issueId }, data: { publishAt: due } });
    const { number } = await issueRow(issueId);

    expect(await runScheduledRelease({ issueId, publishAt: due.toISOString() })).toMatchObject({ released: true, lateMinutes: expect.any(Number) });
    const told = await db().notification.findMany({ where: { issueId, kind: "RELEASED_LATE" }, select: { recipientId: true, message: true, storyId: true, pageId: true, actorId: true } });
    expect(told.map((n) => n.recipientId)).toEqual(expect.arrayContaining([chief.id, otherChief.id]));
    expect(told.some((n) => n.recipientId === editor.id)).toBe(false);
    const late = (await db().auditEvent.findFirstOrThrow({ where: { action: "issue.release", targetId: issueId } })).summary as { lateMinutes: number };
    expect(late.lateMinutes).toBeGreaterThanOrEqual(7);
    expect(told[0]).toMatchObject({
      storyId: null,
      pageId: null,
      actorId: null,
      message: `总第${number}期定时见报晚了 ${late.lateMinutes} 分钟（原定北京时间 ${formatMomentExact(due)}）`,
    });
    // In the inbox it leads to the issue's board, there being no story to open.
    expect((await listInbox(otherChief)).find((n) => n.kind === "RELEASED_LATE")).toMatchObject({ href: `/desk/issues/${issueId}` });
  });
});

/** The purge jobs committed for reader pages, oldest first. */
async function purgeJobs(why: string) {
  return db().$queryRaw<{ data: { keys: string[]; warm: string[] } }[]>`
    SELECT data FROM pgboss.job WHERE name = ${QUEUES.readerPurge.name} AND data->>'why' = ${why} ORDER BY created_on`;
}

describe("the job queue (pg-boss on the test database)", () => {
  let boss: PgBoss | undefined;
  afterAll(async () => {
    await boss?.stop({ graceful: false });
  });

  it("sends the job with its start time, and a worker started after that time releases it with the purge of its reader pages", async () => {
    const { issueId, storyIds } = await releasableIssue(editor, { date: nextDate(), stories: 4 });
    const { publishAt } = await scheduleRelease(chief, issueId, inSeconds(2));
    expect((await jobRows(issueId))[0]).toMatchObject({ state: "created", start_after: publishAt, retry_delay: 30, retry_backoff: true });
    // No worker runs while the time passes (the app is down); one that starts later picks it up.
    await new Promise((r) => setTimeout(r, Math.max(0, publishAt.getTime() - Date.now()) + 1500));
    expect((await issueRow(issueId)).status).toBe("SCHEDULED");
    boss = await startJobWorkers([{ queue: QUEUES.issueRelease, handler: releaseJob }], { pollingIntervalSeconds: 0.5 });

    const done = await until(() => jobRows(issueId), (rows) => rows[0]?.state === "completed");
    expect(done[0]).toMatchObject({ state: "completed", output: { released: true, stories: 4 } });
    const issue = await issueRow(issueId);
    expect(issue.status).toBe("PUBLISHED");
    expect(await db().story.count({ where: { id: { in: storyIds }, status: "PUBLISHED" } })).toBe(4);
    const [purge] = await purgeJobs(`总第${issue.number}期见报`);
    expect(purge.data.keys).toEqual(expect.arrayContaining(storyIds.map((id) => `story:${id}`)));
  });

  it("an issue changed after it was scheduled is held at once, and the chief editors hear why", async () => {
    const { issueId } = await releasableIssue(editor, { date: nextDate(), stories: 2 });
    await scheduleRelease(chief, issueId, inSeconds(60));
    await addPageTo(editor, issueId, { number: "9", name: "新版" });
    expect(await issueRow(issueId)).toMatchObject({ status: "PLANNING", publishAt: null });
    expect((await listInbox(chief))[0].message).toContain("定时见报已暂停：加了第9版");
  });

  it("an issue found not ready at its time is held and the chief editors told, instead of a job failing unseen", async () => {
    const { issueId, pageIds } = await releasableIssue(editor, { date: nextDate(), stories: 4 });
    await scheduleRelease(chief, issueId, inSeconds(1));
    // Changed outside the app's commands (they would have held it already): the job still must not release it.
    await db().page.update({ where: { id: pageIds[1] }, data: { status: "AWAITING" } });
    const [done] = await until(() => jobRows(issueId), (rows) => rows[0]?.state === "completed");
    expect(done.output).toMatchObject({ released: false, reason: "held" });
    expect(await issueRow(issueId)).toMatchObject({ status: "PLANNING", publishAt: null });
    expect((await listInbox(chief))[0].message).toContain("没能按时见报，已暂缓：还不能见报：第2版（综合）还没有签版");
  });

  it("a job that fails is retried with a growing delay, and one out of retries is listed for administrators", async () => {
    const { issueId } = await releasableIssue(editor, { date: nextDate(), stories: 2 });
    const scheduler = await makeUser("CHIEF_EDITOR", "值班总编乙");
    await scheduleRelease(scheduler, issueId, inSeconds(1));
    // The release goes out in the scheduler's name; no longer chief editor, it is refused and retried.
    await db().user.update({ where: { id: scheduler.id }, data: { role: "EDITOR" } });
    const [retrying] = await until(() => jobRows(issueId), (rows) => rows[0]?.state === "retry");
    // pg-boss waits retryDelay·2^n/2 plus up to as much again: 30–60 s after the first failure.
    expect(retrying.start_after.getTime() - Date.now()).toBeGreaterThan(20_000);
    expect(await issueRow(issueId)).toMatchObject({ status: "SCHEDULED" });

    // A job that can never succeed, with no retries left, is what administrators see.
    await boss!.send(QUEUES.issueRelease.name, { issueId: "broken", publishAt: "not a time" }, { retryLimit: 0 });
    const admin = await makeUser("ADMIN");
    // Other tests' jobs may have failed for good too (the alarm tests make some): this one is found by its error.
    const broken = (jobs: Awaited<ReturnType<typeof listFailedJobs>>) => jobs.find((j) => j.queue === "issue-release" && j.error.includes("publishAt"));
    const failed = await until(() => listFailedJobs(admin), (jobs) => broken(jobs) !== undefined);
    expect(broken(failed)).toMatchObject({ queue: "issue-release", label: "定时见报", attempts: 1, error: expect.stringContaining("publishAt") });
    expect((await refusal(listFailedJobs(editor))).code).toBe("forbidden");
  });
});
