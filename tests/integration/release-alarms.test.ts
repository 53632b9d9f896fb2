import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { db } from "@/lib/platform/db";
import { installJobQueues, startJobWorkers, type JobQueue } from "@/lib/platform/jobs";
import { ALL_QUEUES, QUEUES } from "@/lib/jobs/queues";
import { acknowledgeJobAlarm, alarmWatchJob, openJobAlarms, watchAlarms } from "@/lib/jobs/alarms";
import { deskAlarms } from "@/lib/jobs/desk-alarms";
import { holdRelease, releaseJob, releaseNow, scheduleRelease } from "@/lib/issues/release";
import { listInbox } from "@/lib/inbox/queries";
import type { SessionUser } from "@/lib/core/session";
import { dateToBeijingDateTime, formatIssueDate, formatMomentExact } from "@/lib/core/dates";
import { makeUser, releasableIssue } from "../support/factories";
import { refusal } from "../support/refusal";
import { until } from "../support/until";

// 警报 on a real Postgres and a real pg-boss: a release late by more than two minutes, and a job
// that failed for good, each raise one alarm with one inbox entry per chief editor and
// administrator, however many watches run at once; a late release leaves the banner the moment it
// is released or held, a failed job when an administrator acknowledges it. "Late" is made by
// setting times in the database, never by waiting minutes.

let day = 0;
const nextDate = () => new Date(Date.UTC(2042, 0, 1) + ++day * 86400_000).toISOString().slice(0, 10);
const inSeconds = (s: number) => dateToBeijingDateTime(new Date(Math.ceil((Date.now() + s * 1000) / 1000) * 1000));

/** As if the issue's time (and its release job's, and a job still waiting its start) had been `minutes` ago: no waiting for the clock. */
async function makeLate(issueId: string, minutes: number): Promise<Date> {
  const due = new Date(Math.floor(Date.now() / 1000) * 1000 - minutes * 60_000);
  const { publishAt } = await db().issue.findUniqueOrThrow({ where: { id: issueId }, select: { publishAt: true } });
  await db().issue.update({ where: { id: issueId }, data: { publishAt: due } });
  await db().$executeRaw`
    UPDATE pgboss.job SET data = jsonb_set(data, '{publishAt}', to_jsonb(${due.toISOString()}::text)), start_after = CASE WHEN state = 'created' THEN ${due.toISOString()}::timestamptz ELSE start_after END
    WHERE name = ${QUEUES.issueRelease.name} AND data->>'issueId' = ${issueId} AND data->>'publishAt' = ${publishAt!.toISOString()}`;
  return due;
}

const releaseKey = (issueId: string, due: Date) => `release:${issueId}:${due.toISOString()}`;
const alarmOf = (issueId: string, due: Date) => db().alarm.findUnique({ where: { subject: releaseKey(issueId, due) } });
const entriesOf = (alarmId: string) => db().notification.findMany({ where: { alarmId }, select: { recipientId: true, kind: true, message: true, issueId: true } });
/** Everyone who should hear of a late release: every active chief editor and administrator. */
const chiefsAndAdmins = async () => (await db().user.findMany({ where: { active: true, role: { in: ["CHIEF_EDITOR", "ADMIN"] } }, select: { id: true } })).map((u) => u.id).sort();
const admins = async () => (await db().user.findMany({ where: { active: true, role: "ADMIN" }, select: { id: true } })).map((u) => u.id).sort();

let editor: SessionUser, chief: SessionUser, otherChief: SessionUser, admin: SessionUser, correspondent: SessionUser;

beforeAll(async () => {
  await installJobQueues(ALL_QUEUES);
  editor = await makeUser("EDITOR");
  chief = await makeUser("CHIEF_EDITOR", "孙值班");
  otherChief = await makeUser("CHIEF_EDITOR", "另一位总编");
  admin = await makeUser("ADMIN", "周管理");
  correspondent = await makeUser("CORRESPONDENT");
  // A chief editor whose account is disabled hears nothing.
  const away = await makeUser("CHIEF_EDITOR", "停用的总编");
  await db().user.update({ where: { id: away.id }, data: { active: false } });
});

const bosses: PgBoss[] = [];
afterEach(async () => {
  for (const boss of bosses.splice(0)) await boss.stop({ graceful: false, wait: true });
});

describe("a release still not out two minutes after its time", () => {
  it("raises one alarm, one inbox entry per chief editor and administrator, and the banner names the issue, the time and the job", async () => {
    const date = nextDate();
    const { issueId } = await releasableIssue(editor, { date, stories: 2 });
    await scheduleRelease(chief, issueId, inSeconds(3600));
    const { number } = await db().issue.findUniqueOrThrow({ where: { id: issueId } });

    // A minute late is not yet an alarm.
    const aMinute = await makeLate(issueId, 1);
    await watchAlarms();
    expect(await alarmOf(issueId, aMinute)).toBeNull();
    expect((await deskAlarms(chief)).map((a) => a.key)).not.toContain(releaseKey(issueId, aMinute));

    const due = await makeLate(issueId, 3);
    // The banner reads the issue itself: it shows before any watch has run.
    const shown = (await deskAlarms(chief)).find((a) => a.key === releaseKey(issueId, due));
    expect(shown).toMatchObject({
      heading: `总第${number}期（${formatIssueDate(date)}）定时见报超时，仍未见报`,
      since: expect.stringMatching(new RegExp(`^原定北京时间 ${formatMomentExact(due)} 见报，已晚 3 分钟`)),
      // No worker runs in this test: the job waits with nobody to take it.
      state: expect.stringContaining("没有后台程序接手"),
      action: { href: `/desk/issues/${issueId}#release-title`, label: "打开见报面板：立即见报或暂缓" },
    });
    // An administrator cannot release: the banner sends them to the background jobs, and says who can.
    expect((await deskAlarms(admin)).find((a) => a.key === releaseKey(issueId, due))).toMatchObject({ action: { href: "/desk/admin#failed-jobs" }, note: "见报须由值班总编操作。" });
    for (const someone of [editor, correspondent]) expect(await deskAlarms(someone)).toEqual([]);

    await watchAlarms();
    const alarm = await alarmOf(issueId, due);
    expect(alarm).toMatchObject({ kind: "RELEASE_OVERDUE", issueId, publishAt: due, endedAt: null });
    const entries = await entriesOf(alarm!.id);
    expect(entries.map((e) => e.recipientId).sort()).toEqual(await chiefsAndAdmins());
    expect(entries.every((e) => e.kind === "RELEASE_OVERDUE" && e.issueId === issueId)).toBe(true);
    expect(entries[0].message).toBe(
      `总第${number}期（${formatIssueDate(date)}）定时见报超时：原定北京时间 ${formatMomentExact(due)}，过了两分钟仍未见报。值班总编可在见报面板立即见报或暂缓。`,
    );
    // Each leads where that person can act.
    expect((await listInbox(otherChief)).find((n) => n.kind === "RELEASE_OVERDUE" && n.issueId === issueId)?.href).toBe(`/desk/issues/${issueId}#release-title`);
    expect((await listInbox(admin)).find((n) => n.kind === "RELEASE_OVERDUE" && n.issueId === issueId)?.href).toBe("/desk/admin#failed-jobs");

    // Every minute the watch runs again: still one alarm, nobody told twice.
    await watchAlarms();
    await watchAlarms();
    expect(await db().alarm.count({ where: { issueId } })).toBe(1);
    expect(await entriesOf(alarm!.id)).toHaveLength(entries.length);
    expect(await db().auditEvent.count({ where: { action: "alarm.raise", targetId: issueId } })).toBe(1);

    // 立即见报: gone from the banner at once; the next watch records how it ended.
    await releaseNow(chief, issueId);
    expect((await deskAlarms(chief)).map((a) => a.key)).not.toContain(releaseKey(issueId, due));
    await watchAlarms();
    expect(await alarmOf(issueId, due)).toMatchObject({ endedBy: "RELEASED", endedAt: expect.any(Date) });
    expect((await db().auditEvent.findFirstOrThrow({ where: { action: "alarm.end", targetId: issueId } })).summary).toMatchObject({ ended: "RELEASED" });
  });

  it("leaves when the issue is held or given another time, and the alarm ends so", async () => {
    const held = (await releasableIssue(editor, { date: nextDate(), stories: 1 })).issueId;
    const moved = (await releasableIssue(editor, { date: nextDate(), stories: 1 })).issueId;
    for (const id of [held, moved]) await scheduleRelease(chief, id, inSeconds(3600));
    const dueHeld = await makeLate(held, 5);
    const dueMoved = await makeLate(moved, 5);
    await watchAlarms();
    expect((await deskAlarms(otherChief)).map((a) => a.key)).toEqual(expect.arrayContaining([releaseKey(held, dueHeld), releaseKey(moved, dueMoved)]));

    await holdRelease(otherChief, held);
    await scheduleRelease(chief, moved, inSeconds(1800));
    const keys = (await deskAlarms(otherChief)).map((a) => a.key);
    expect(keys).not.toContain(releaseKey(held, dueHeld));
    expect(keys.some((k) => k.startsWith(`release:${moved}:`))).toBe(false);
    await watchAlarms();
    expect(await alarmOf(held, dueHeld)).toMatchObject({ endedBy: "HELD" });
    expect(await alarmOf(moved, dueMoved)).toMatchObject({ endedBy: "RESCHEDULED" });
  });

  it("two watches at once, and runs handed to two instances' workers at the same moment, raise one alarm and tell each person once", async () => {
    const first = (await releasableIssue(editor, { date: nextDate(), stories: 1 })).issueId;
    await scheduleRelease(chief, first, inSeconds(3600));
    const dueFirst = await makeLate(first, 4);
    await Promise.all([watchAlarms(), watchAlarms(), watchAlarms(), watchAlarms()]);
    expect(await db().alarm.count({ where: { issueId: first } })).toBe(1);
    const entries = await entriesOf((await alarmOf(first, dueFirst))!.id);
    expect(entries.map((e) => e.recipientId).sort()).toEqual(await chiefsAndAdmins());

    // Two app instances, each with its own pg-boss and worker on the watch queue, handed a run each at the same moment.
    const second = (await releasableIssue(editor, { date: nextDate(), stories: 1 })).issueId;
    await scheduleRelease(chief, second, inSeconds(3600));
    const dueSecond = await makeLate(second, 4);
    for (let i = 0; i < 2; i++) bosses.push(await startJobWorkers([{ queue: QUEUES.alarmWatch, handler: alarmWatchJob }], { pollingIntervalSeconds: 0.5 }));
    // Every instance registers the same schedule: one run a minute.
    expect((await bosses[0].getSchedules()).filter((s) => s.name === QUEUES.alarmWatch.name).map((s) => s.cron)).toEqual(["* * * * *"]);
    const sent = await Promise.all(bosses.map((boss) => boss.send(QUEUES.alarmWatch.name, {})));
    const runs = await until(
      () => db().$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE id::text = ANY(${sent}::text[])`,
      (rows) => rows.length === 2 && rows.every((r) => r.state === "completed"),
    );
    expect(runs.map((r) => r.state)).toEqual(["completed", "completed"]);
    expect(await db().alarm.count({ where: { issueId: second } })).toBe(1);
    const told = await entriesOf((await alarmOf(second, dueSecond))!.id);
    expect(told.map((e) => e.recipientId).sort()).toEqual(await chiefsAndAdmins());
    // Held, so that no later test's release worker takes them.
    for (const id of [first, second]) await holdRelease(chief, id);
  });

  it("says in words where the release job stands: retrying after an error, or failed for good", async () => {
    // Both go out in their scheduler's name; no longer chief editor, the release is refused.
    const retried = (await releasableIssue(editor, { date: nextDate(), stories: 1 })).issueId;
    const given = (await releasableIssue(editor, { date: nextDate(), stories: 1 })).issueId;
    const scheduler = await makeUser("CHIEF_EDITOR", "值班总编丙");
    await scheduleRelease(scheduler, retried, inSeconds(1));
    await scheduleRelease(scheduler, given, inSeconds(3600));
    // This one may not be retried: its first failure is its last.
    await db().$executeRaw`UPDATE pgboss.job SET retry_limit = 0 WHERE name = ${QUEUES.issueRelease.name} AND data->>'issueId' = ${given}`;
    const dueGiven = await makeLate(given, 3);
    await db().user.update({ where: { id: scheduler.id }, data: { role: "EDITOR" } });
    const jobOf = (issueId: string) =>
      db().$queryRaw<{ state: string; output: { message: string } }[]>`SELECT state::text, output FROM pgboss.job WHERE name = ${QUEUES.issueRelease.name} AND data->>'issueId' = ${issueId}`;
    const worker = await startJobWorkers([{ queue: QUEUES.issueRelease, handler: releaseJob }], { pollingIntervalSeconds: 0.5 });
    bosses.push(worker);
    const [retrying] = await until(() => jobOf(retried), (rows) => rows[0]?.state === "retry");
    const [failedForGood] = await until(() => jobOf(given), (rows) => rows[0]?.state === "failed");
    // No worker from here on: the retry stays where it is.
    await bosses.splice(bosses.indexOf(worker), 1)[0].stop({ graceful: false, wait: true });
    expect([retrying.state, failedForGood.state]).toEqual(["retry", "failed"]);

    const dueRetried = await makeLate(retried, 3);
    const banner = await deskAlarms(chief);
    const retryState = banner.find((a) => a.key === releaseKey(retried, dueRetried))?.state;
    expect(retryState).toMatch(/^见报任务出错，已试 1 次，北京时间 .+ 再试（最多再试 6 次）。出错原因：/);
    expect(retryState).toContain(retrying.output.message);
    expect(banner.find((a) => a.key === releaseKey(given, dueGiven))?.state).toBe(`见报任务试了 1 次，已经放弃，不会再自动见报。原因：${failedForGood.output.message}`);

    await watchAlarms();
    const failed = await db().alarm.findFirstOrThrow({ where: { kind: "JOB_FAILED", queue: QUEUES.issueRelease.name, endedAt: null } });
    expect(failed).toMatchObject({ issueId: given, error: failedForGood.output.message });
    // A release: chief editors are told as well as administrators.
    expect((await entriesOf(failed.id)).map((e) => e.recipientId).sort()).toEqual(expect.arrayContaining([chief.id, otherChief.id, admin.id]));
    // While the issue is late its own alarm tells the failure: not a second band for the same issue.
    expect((await deskAlarms(chief)).filter((a) => a.key === `job:${failed.id}`)).toEqual([]);

    // Held, the release alarm leaves; the failure stays on the chief editor's desk until an administrator acknowledges it.
    await holdRelease(chief, given);
    expect((await deskAlarms(chief)).find((a) => a.key === `job:${failed.id}`)).toMatchObject({ note: "管理员确认后，这条警报才会消失。", action: { href: `/desk/issues/${given}#release-title` } });
    expect(await refusal(acknowledgeJobAlarm(chief, failed.id, failed.lastJobId!))).toMatchObject({ code: "forbidden", message: "只有管理员可以确认后台任务警报" });
    await acknowledgeJobAlarm(admin, failed.id, failed.lastJobId!);
    expect((await deskAlarms(chief)).find((a) => a.key === `job:${failed.id}`)).toBeUndefined();
  });
});

describe("a job that failed for good, in any queue", () => {
  // A queue of its own, with no retries and no schedule, stands for any present or future one.
  const failing: JobQueue = { name: "test-alarm-failing", label: "测试任务", retryLimit: 0, retryDelaySeconds: 1, expireInSeconds: 60 };
  let reason = "";
  async function failOnce(): Promise<string> {
    const boss = bosses[0];
    const id = (await boss.send(failing.name, {}, { retryLimit: 0 }))!;
    const [row] = await until(
      () => db().$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE id::text = ${id}`,
      (rows) => rows[0]?.state === "failed",
    );
    expect(row.state).toBe("failed");
    return id;
  }

  it("raises one alarm for administrators, folds later failures in, and stays until an administrator acknowledges it (audited)", async () => {
    reason = "ENOSPC: no space left on device, write";
    bosses.push(await startJobWorkers([{ queue: failing, handler: async () => { throw new Error(reason); } }], { pollingIntervalSeconds: 0.5 }));
    const firstJob = await failOnce();

    await Promise.all([watchAlarms(), watchAlarms(), watchAlarms()]);
    const alarms = await db().alarm.findMany({ where: { kind: "JOB_FAILED", queue: failing.name } });
    expect(alarms).toHaveLength(1);
    const [alarm] = alarms;
    expect(alarm).toMatchObject({ subject: `job:${failing.name}:${firstJob}`, lastJobId: firstJob, error: reason, endedAt: null, issueId: null });
    // Not a release: administrators only.
    const entries = await entriesOf(alarm.id);
    expect(entries.map((e) => e.recipientId).sort()).toEqual(await admins());
    expect(entries[0].message).toContain(`后台任务“${failing.name}”用完重试仍然失败`);
    expect(entries[0].message).toContain("磁盘已满（ENOSPC: no space left on device, write）");
    expect((await listInbox(admin)).find((n) => n.kind === "JOB_FAILED")?.href).toBe("/desk/admin#failed-jobs");

    const banner = (await deskAlarms(admin)).find((a) => a.key === `job:${alarm.id}`);
    expect(banner).toMatchObject({ state: `原因：磁盘已满（${reason}）`, action: { href: "/desk/admin#failed-jobs", label: "查看并确认" } });
    expect((await deskAlarms(chief)).find((a) => a.key === `job:${alarm.id}`)).toBeUndefined();
    expect((await refusal(openJobAlarms(chief))).code).toBe("forbidden");

    // The same queue failing again while the alarm is open: the alarm takes the latest failure, nobody is told again.
    reason = "S3 bucket unreachable";
    const secondJob = await failOnce();
    await watchAlarms();
    expect(await db().alarm.findUniqueOrThrow({ where: { id: alarm.id } })).toMatchObject({ lastJobId: secondJob, error: reason, endedAt: null });
    expect(await entriesOf(alarm.id)).toHaveLength(entries.length);
    expect(await db().alarm.count({ where: { kind: "JOB_FAILED", queue: failing.name } })).toBe(1);

    // Acknowledging what one has not seen is refused; so is anyone but an administrator. Nothing changes.
    expect(await refusal(acknowledgeJobAlarm(admin, alarm.id, firstJob))).toMatchObject({ code: "conflict", message: "这条警报之后又有任务失败，请看过最新的原因后再确认" });
    expect((await refusal(acknowledgeJobAlarm(editor, alarm.id, secondJob))).code).toBe("forbidden");
    expect((await refusal(acknowledgeJobAlarm(admin, "no-such-alarm", secondJob))).code).toBe("not_found");
    expect(await db().alarm.findUniqueOrThrow({ where: { id: alarm.id } })).toMatchObject({ endedAt: null });
    expect(await db().auditEvent.count({ where: { action: "alarm.acknowledge", targetId: alarm.id } })).toBe(0);

    expect((await openJobAlarms(admin)).find((a) => a.id === alarm.id)).toMatchObject({ lastJobId: secondJob, label: failing.name });
    await acknowledgeJobAlarm(admin, alarm.id, secondJob);
    expect(await db().alarm.findUniqueOrThrow({ where: { id: alarm.id } })).toMatchObject({ endedBy: "ACKNOWLEDGED", acknowledgedById: admin.id, endedAt: expect.any(Date) });
    expect(await db().auditEvent.findFirstOrThrow({ where: { action: "alarm.acknowledge", targetId: alarm.id } })).toMatchObject({ actorId: admin.id, summary: { queue: failing.name, error: reason } });
    expect((await deskAlarms(admin)).find((a) => a.key === `job:${alarm.id}`)).toBeUndefined();
    expect(await refusal(acknowledgeJobAlarm(admin, alarm.id, secondJob))).toMatchObject({ code: "conflict", message: "这条警报已经有人确认过了" });

    // The failures seen are not raised again; a new one is a new alarm.
    await watchAlarms();
    expect(await db().alarm.count({ where: { kind: "JOB_FAILED", queue: failing.name } })).toBe(1);
    const thirdJob = await failOnce();
    await watchAlarms();
    const open = await db().alarm.findMany({ where: { kind: "JOB_FAILED", queue: failing.name, endedAt: null } });
    expect(open).toMatchObject([{ subject: `job:${failing.name}:${thirdJob}`, lastJobId: thirdJob }]);
    expect((await entriesOf(open[0].id)).map((e) => e.recipientId).sort()).toEqual(await admins());
  });
});
