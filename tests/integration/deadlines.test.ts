import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { createIssue } from "@/lib/issues/mutations";
import { issueBoard } from "@/lib/issues/board";
import { deadlineTimes, updateDeadlines } from "@/lib/issues/paper-profile";
import { makeUser } from "../support/factories";

// The paper's 截稿 and 签版 times: set by an administrator (checked, audited), and each board given
// the moments they fall at for its issue. Issue days of this file's own: 2043.

let admin: SessionUser, editor: SessionUser;

beforeAll(async () => {
  admin = await makeUser("ADMIN", "陶管理");
  editor = await makeUser("EDITOR", "严编辑");
  await db().paperProfile.upsert({ where: { id: "paper" }, create: { name: "测试日报" }, update: {} });
});

describe("截稿 and 签版 times", () => {
  it("an administrator sets them; anything else is refused in Chinese and changes nothing", async () => {
    const before = await deadlineTimes();
    await expect(updateDeadlines(editor, { copyDeadline: "19:00", signDeadline: "22:00", deadlineWarnMinutes: "20" })).rejects.toThrow("只有管理员");
    await expect(updateDeadlines(admin, { copyDeadline: "7点", signDeadline: "22:00", deadlineWarnMinutes: "20" })).rejects.toMatchObject({
      fieldErrors: { copyDeadline: ["截稿时间应写成 00:00 到 23:59"] },
    });
    await expect(updateDeadlines(admin, { copyDeadline: "19:00", signDeadline: "24:00", deadlineWarnMinutes: "20" })).rejects.toThrow("请检查截稿与签版时间");
    await expect(updateDeadlines(admin, { copyDeadline: "19:00", signDeadline: "22:00", deadlineWarnMinutes: "-5" })).rejects.toMatchObject({
      fieldErrors: { deadlineWarnMinutes: ["提前提醒不能为负数"] },
    });
    expect(await deadlineTimes()).toEqual(before);

    await updateDeadlines(admin, { copyDeadline: "19:00", signDeadline: "22:15", deadlineWarnMinutes: "45" });
    try {
      expect(await deadlineTimes()).toMatchObject({ copy: "19:00", sign: "22:15", warnMinutes: 45 });
      const audit = await db().auditEvent.findFirst({ where: { action: "paper.deadlines", actorId: admin.id }, select: { summary: true } });
      expect(audit?.summary).toMatchObject({ copyDeadline: "19:00", signDeadline: "22:15", deadlineWarnMinutes: 45 });

      // The board of the issue dated 2043-06-02 warns for the evening of 1 June, Beijing time.
      const { id } = await createIssue(editor, { date: "2043-06-02" });
      const board = await issueBoard(editor, id);
      expect(board.deadlines).toEqual({ copy: "2043-06-01T11:00:00.000Z", sign: "2043-06-01T14:15:00.000Z", warnMinutes: 45 });
      // Once out, an issue has no deadlines left to show.
      await db().issue.update({ where: { id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
      expect((await issueBoard(editor, id)).deadlines).toBeNull();
    } finally {
      await updateDeadlines(admin, { copyDeadline: before.copy, signDeadline: before.sign, deadlineWarnMinutes: String(before.warnMinutes) });
    }
  });

  it("pages past their 截稿 or 签版 tell the 值班总编 and the page's 责任编辑, once", async () => {
    const { tellOverduePages } = await import("@/lib/issues/deadline-watch");
    const { changeStory, createStory } = await import("@/lib/desk/story-commands");
    const { pageAtNow, updatePagePlan } = await import("@/lib/issues/commands");
    const { completeDraft, pagesOf, placeAtEnd } = await import("../support/factories");
    const chief = await makeUser("CHIEF_EDITOR", "栾总编");
    const pageEditor = await makeUser("EDITOR", "岑编辑");
    const bystander = await makeUser("EDITOR", "宓编辑");
    const { copy, sign } = await deadlineTimes();
    const { id } = await createIssue(editor, { date: "2043-07-02" });
    await db().page.deleteMany({ where: { issueId: id, number: { gt: 2 } } });
    const [one, two] = await pagesOf(id);
    for (const page of [one, two]) await updatePagePlan(editor, { at: await pageAtNow(page.id), plan: { editorCredit: "岑编辑", designerCredit: "", proofreaderCredit: "" } });
    const author = await makeUser("CORRESPONDENT", "鲍通讯");
    const filed = await createStory(author, completeDraft(), { submit: true });
    await changeStory(editor, { action: "approve", storyId: filed.id, baseVersion: filed.version });
    await placeAtEnd(editor, filed.id, one.id);
    const notices = (userId: string) => db().notification.findMany({ where: { recipientId: userId, kind: "PAGE_OVERDUE", page: { issueId: id } }, orderBy: { message: "asc" }, select: { message: true } });

    // Before 截稿 on the eve (1 July, Beijing time) nothing is said.
    await tellOverduePages(new Date(`2043-07-01T${copy}:00+08:00`));
    expect(await notices(chief.id)).toEqual([]);
    // Past 截稿: page 2 has no copy; page 1 has its copy in.
    await tellOverduePages(new Date(Date.parse(`2043-07-01T${copy}:00+08:00`) + 60_000));
    expect((await notices(chief.id)).map((n) => n.message)).toEqual([expect.stringMatching(/^总第\d+期第2版截稿超时：还有稿件未到/)]);
    // Past 签版: neither is signed; each is told once however often the watch runs.
    const late = new Date(Date.parse(`2043-07-01T${sign}:00+08:00`) + 60_000);
    await tellOverduePages(late);
    await tellOverduePages(late);
    for (const who of [chief, pageEditor]) {
      const told = (await notices(who.id)).map((n) => n.message.replace(/^总第\d+期/, ""));
      expect(told, who.name).toHaveLength(3);
      expect(told, who.name).toEqual(expect.arrayContaining([
        expect.stringMatching(/^第1版签版超时：还没有签版/),
        expect.stringMatching(/^第2版签版超时：还没有签版/),
        expect.stringMatching(/^第2版截稿超时/),
      ]));
    }
    expect(await notices(bystander.id)).toEqual([]);
  });
});
