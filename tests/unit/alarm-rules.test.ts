import { describe, expect, it } from "vitest";
import { alarmAudience, failureInWords, hearsAlarms } from "@/lib/jobs/alarm-rules";
import { alarmAction } from "@/lib/inbox/alarm-action";
import { ROLES } from "@/lib/core/roles";

// Who hears of which alarm and where it leads them, written out by hand for every role.

describe("who hears of an alarm", () => {
  it.each([
    ["RELEASE_OVERDUE", null, ["CHIEF_EDITOR", "ADMIN"]],
    ["JOB_FAILED", "issue-release", ["CHIEF_EDITOR", "ADMIN"]],
    ["JOB_FAILED", "photo-sweep", ["ADMIN"]],
    ["JOB_FAILED", "a-queue-added-later", ["ADMIN"]],
  ] as const)("%s of %s: %j", (kind, queue, roles) => {
    expect(alarmAudience(kind, queue)).toEqual(roles);
  });

  it("the banner asks about alarms only for chief editors and administrators", () => {
    expect(ROLES.filter(hearsAlarms)).toEqual(["CHIEF_EDITOR", "ADMIN"]);
  });
});

describe("where an alarm leads", () => {
  it.each([
    ["CHIEF_EDITOR", "RELEASE_OVERDUE", "i1", { href: "/desk/issues/i1#release-title", label: "打开见报面板：立即见报或暂缓" }],
    ["ADMIN", "RELEASE_OVERDUE", "i1", { href: "/desk/admin#failed-jobs", label: "查看后台任务" }],
    ["CHIEF_EDITOR", "JOB_FAILED", "i1", { href: "/desk/issues/i1#release-title", label: "打开见报面板" }],
    ["CHIEF_EDITOR", "JOB_FAILED", null, null],
    ["ADMIN", "JOB_FAILED", null, { href: "/desk/admin#failed-jobs", label: "查看并确认" }],
    ["EDITOR", "RELEASE_OVERDUE", "i1", null],
    ["CORRESPONDENT", "JOB_FAILED", null, null],
  ] as const)("%s, %s about %s", (role, kind, issueId, action) => {
    expect(alarmAction(role, kind, issueId)).toEqual(action);
  });
});

describe("a job's error in words", () => {
  it.each([
    ["Connection terminated unexpectedly", "连不上数据库（Connection terminated unexpectedly）"],
    ["connect ECONNREFUSED 127.0.0.1:5432", "连不上数据库（connect ECONNREFUSED 127.0.0.1:5432）"],
    ["job failed by timeout in active state", "执行超时，处理它的后台程序可能中断了（job failed by timeout in active state）"],
    ["ENOSPC: no space left on device", "磁盘已满（ENOSPC: no space left on device）"],
    ["只有值班总编可以签发见报", "只有值班总编可以签发见报"],
    ["  two\n lines ", "two lines"],
    ["", "（没有记录原因）"],
    [null, "（没有记录原因）"],
  ])("%j", (error, words) => {
    expect(failureInWords(error)).toBe(words);
  });

  it("keeps to a line: a long error is cut at 160 characters", () => {
    expect(failureInWords("错".repeat(400))).toBe(`${"错".repeat(160)}…`);
  });
});
