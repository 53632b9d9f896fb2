import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { changeStory, createStory } from "@/lib/desk/story-commands";
import { createIssue } from "@/lib/issues/mutations";
import { pageAtNow, signPage } from "@/lib/issues/commands";
import { updateReviewChain } from "@/lib/issues/paper-profile";
import { paperChain } from "@/lib/stories/reviews";
import { releaseLock } from "@/lib/stories/locks";
import { reviewQueue, reviewQueueCounts } from "@/lib/stories/review-queues";
import { completeDraft, makeUser, pagesOf, placeAtEnd, proofread } from "../support/factories";
import { refusal } from "../support/refusal";

// 三审 on the server: each step in order, by those who may take it, three different people, none
// credited on the piece, on the version they read; every refusal in Chinese and changing nothing.
// Issue days of this file's own: 2042.

let author: SessionUser, editor: SessionUser, editor2: SessionUser, head: SessionUser, head2: SessionUser, chief: SessionUser, chief2: SessionUser, admin: SessionUser;

beforeAll(async () => {
  author = await makeUser("CORRESPONDENT", "章通讯");
  editor = await makeUser("EDITOR", "初编辑");
  editor2 = await makeUser("EDITOR", "闵编辑");
  head = await makeUser("DESK_HEAD", "复主任");
  head2 = await makeUser("DESK_HEAD", "段主任");
  chief = await makeUser("CHIEF_EDITOR", "终总编");
  chief2 = await makeUser("CHIEF_EDITOR", "柏总编");
  admin = await makeUser("ADMIN", "祁管理");
  await db().paperProfile.upsert({ where: { id: "paper" }, create: { name: "测试日报" }, update: {} });
});

async function filed(headline = `三审稿件 ${randomUUID().slice(0, 6)}`) {
  const story = await createStory(author, completeDraft({ headline }), { submit: true });
  return { id: story.id, headline };
}

const now = (id: string) => db().story.findUniqueOrThrow({ where: { id }, select: { version: true, status: true, reviewedTo: true } });
const sheets = (id: string) => db().reviewRecord.findMany({ where: { storyId: id }, orderBy: { createdAt: "asc" }, select: { step: true, decision: true, backTo: true, opinion: true, version: true, reviewerId: true } });

/** Takes `action` on the story as it stands now. */
async function step(actor: SessionUser, id: string, action: "approve" | "secondReview" | "finalReview" | "sendBack" | "return" | "spike", extra: { note?: string; backTo?: "FIRST" | "SECOND" } = {}) {
  return changeStory(actor, { action, storyId: id, baseVersion: (await now(id)).version, ...extra });
}

/** A refusal that leaves the story and its sheets exactly as they were. */
async function refusedUnchanged(id: string, work: () => Promise<unknown>) {
  const [before, sheetsBefore] = [await now(id), await sheets(id)];
  const e = await refusal(work);
  expect(await now(id)).toEqual(before);
  expect(await sheets(id)).toEqual(sheetsBefore);
  return e;
}

describe("the review chain (三审)", () => {
  it("walks one story through 初审, 复审 and 终审 by three people, each with its 审稿单 on the version read", async () => {
    const { id } = await filed();
    await step(editor, id, "approve", { note: "导语精炼，可用" });
    expect(await now(id)).toMatchObject({ status: "APPROVED", reviewedTo: "FIRST" });
    await step(head, id, "secondReview");
    const before = await now(id);
    await step(chief, id, "finalReview", { note: "同意刊发" });
    expect(await now(id)).toMatchObject({ status: "APPROVED", reviewedTo: "FINAL", version: before.version + 1 });
    expect(await sheets(id)).toEqual([
      { step: "FIRST", decision: "PASS", backTo: null, opinion: "导语精炼，可用", version: 2, reviewerId: editor.id },
      { step: "SECOND", decision: "PASS", backTo: null, opinion: "", version: 3, reviewerId: head.id },
      { step: "FINAL", decision: "PASS", backTo: null, opinion: "同意刊发", version: 4, reviewerId: chief.id },
    ]);
    // Each sheet's version is a revision the history keeps, named by its step.
    const revisions = await db().storyRevision.findMany({ where: { storyId: id, version: { in: [2, 3, 4] } }, orderBy: { version: "asc" }, select: { action: true } });
    expect(revisions.map((r) => r.action)).toEqual(["approve", "secondReview", "finalReview"]);
    const audit = await db().auditEvent.findMany({ where: { targetId: id, action: { in: ["story.approve", "story.secondReview", "story.finalReview"] } }, select: { action: true, actorId: true } });
    expect(audit).toHaveLength(3);
    // The opinions stay on the sheets: the author's thread does not get the desk's review notes.
    expect(await db().storyNote.count({ where: { storyId: id } })).toBe(0);
  });

  it("refuses each wrong step in Chinese and changes nothing", async () => {
    const { id } = await filed();
    // Out of order: 终审 before 初审, 复审 before 初审.
    expect((await refusedUnchanged(id, () => step(chief, id, "finalReview"))).message).toBe("稿件状态为“已提交”，不能终审");
    await step(editor, id, "approve");
    expect((await refusedUnchanged(id, () => step(chief, id, "finalReview"))).message).toBe("这篇稿件正待复审，还不能终审");
    // Taken twice: 初审 again, by anyone.
    expect((await refusedUnchanged(id, () => step(editor2, id, "approve"))).message).toBe("这篇稿件的初审已由初编辑通过");
    // Not theirs to take: an editor's 复审.
    expect((await refusedUnchanged(id, () => step(editor2, id, "secondReview"))).message).toBe("你没有权限复审这篇“已通过”的稿件");
    // The same person on two steps: the chief editor who took 复审 may not take 终审.
    await step(chief, id, "secondReview");
    expect((await refusedUnchanged(id, () => step(chief, id, "finalReview"))).message).toBe("你已承担这篇稿件的复审，三审须由不同的人承担");
    // A pass on a version older than the one there now.
    const { version } = await now(id);
    await changeStory(editor2, { action: "edit", storyId: id, baseVersion: version, content: completeDraft({ headline: "改过的标题" }) });
    await releaseLock(editor2, id);
    const stale = await refusedUnchanged(id, () => changeStory(chief2, { action: "finalReview", storyId: id, baseVersion: version }));
    expect(stale.message).toBe(`你打开的是第 ${version} 版，稿件已更新到第 ${version + 1} 版（内容或版面有变动）：请刷新后再审。`);
    await step(chief2, id, "finalReview");
    expect((await now(id)).reviewedTo).toBe("FINAL");
    expect((await refusedUnchanged(id, () => step(chief, id, "finalReview"))).message).toBe("这篇稿件的终审已由柏总编通过");
  });

  it("never lets the writer or anyone credited on the piece review it", async () => {
    const { id } = await filed();
    const credit = await db().contributor.create({ data: { name: chief2.name, slug: `c-${randomUUID().slice(0, 8)}`, userId: chief2.id } });
    await db().storyContributor.create({ data: { storyId: id, contributorId: credit.id, role: "PHOTOGRAPHER", position: 1 } });
    await step(editor, id, "approve");
    await step(head, id, "secondReview");
    expect((await refusedUnchanged(id, () => step(chief2, id, "finalReview"))).message).toBe("你是这篇稿件的作者或署名者，不能审读自己的稿件");
    // An editor's own copy, filed by them, is not theirs to 初审 either.
    const own = await createStory(editor, completeDraft(), { submit: true });
    expect((await refusedUnchanged(own.id, () => step(editor, own.id, "approve"))).message).toBe("你是这篇稿件的作者或署名者，不能审读自己的稿件");
  });

  it("退改 to a named earlier step reopens it; to the author or 退稿 starts the chain over; each needs an opinion", async () => {
    const { id } = await filed();
    await step(editor, id, "approve");
    await step(head, id, "secondReview");
    expect((await refusedUnchanged(id, () => step(chief, id, "sendBack", { backTo: "SECOND" }))).message).toBe("退改时请写明审稿意见");
    const missing = await refusedUnchanged(id, () => step(chief, id, "sendBack", { note: "请核实数字" }));
    expect(missing.message).toBe("请选择退回到哪一审");
    await step(chief, id, "sendBack", { note: "第二段数字请复核", backTo: "SECOND" });
    expect(await now(id)).toMatchObject({ status: "APPROVED", reviewedTo: "FIRST" });
    expect((await sheets(id)).at(-1)).toMatchObject({ step: "FINAL", decision: "SEND_BACK", backTo: "SECOND", opinion: "第二段数字请复核" });
    // 复审 is due again; whoever takes it now is still not the 初审's editor.
    await step(head2, id, "secondReview");
    expect((await now(id)).reviewedTo).toBe("SECOND");

    // 退改 to the author: back with them, the chain to start over on resubmission.
    await step(chief, id, "return", { note: "请补充采访对象" });
    expect(await now(id)).toMatchObject({ status: "RETURNED", reviewedTo: null });
    expect((await sheets(id)).at(-1)).toMatchObject({ step: "FINAL", decision: "SEND_BACK", backTo: null });
    expect(await db().storyNote.findFirst({ where: { storyId: id }, select: { kind: true, body: true } })).toEqual({ kind: "RETURN", body: "请补充采访对象" });

    // 退稿 needs its reason too.
    const again = await filed();
    expect((await refusedUnchanged(again.id, () => step(editor, again.id, "spike"))).message).toBe("退稿时请写明审稿意见");
    await step(editor, again.id, "spike", { note: "与昨日稿件重复" });
    expect((await sheets(again.id)).at(-1)).toMatchObject({ step: "FIRST", decision: "REJECT", opinion: "与昨日稿件重复" });
  });

  it("two reviewers taking the same step at once: one wins, the other is told who", async () => {
    const { id } = await filed();
    await step(editor, id, "approve");
    const { version } = await now(id);
    const results = await Promise.allSettled([head, head2].map((h) => changeStory(h, { action: "secondReview", storyId: id, baseVersion: version })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    const winner = (await sheets(id)).at(-1)!.reviewerId === head.id ? head : head2;
    // Told either way round: the step already passed by the winner, or the winner's decision just made.
    expect(String(lost.reason.message)).toContain(winner.name);
    expect(String(lost.reason.message)).toContain("复审");
    expect((await sheets(id)).filter((s) => s.step === "SECOND")).toHaveLength(1);
  });

  it("a page is signed only once every story on it has passed 终审; sending one back un-signs it", async () => {
    const issue = await createIssue(editor, { date: "2042-03-04" });
    const [page] = await pagesOf(issue.id);
    const { id, headline } = await filed();
    await step(editor, id, "approve");
    // Pages are planned early: copy goes on a page after 初审.
    await placeAtEnd(editor, id, page.id);
    const e = await refusal(async () => signPage(chief, await pageAtNow(page.id)));
    expect(e.message).toBe(`《${headline}》还没有终审通过，不能签版`);
    await step(head, id, "secondReview");
    await step(chief2, id, "finalReview");
    expect((await now(id)).status).toBe("PLACED");
    await proofread(page.id);
    const proof = await pageAtNow(page.id);
    await signPage(chief, proof);
    expect((await db().page.findUniqueOrThrow({ where: { id: page.id } })).status).toBe("SIGNED");
    const signature = await db().auditEvent.findFirst({ where: { action: "page.sign", targetId: page.id }, select: { summary: true } });
    expect(signature?.summary).toEqual({ number: page.number, proofVersion: Number(proof.version) });
    await step(chief2, id, "sendBack", { note: "标题再斟酌", backTo: "SECOND" });
    expect((await db().page.findUniqueOrThrow({ where: { id: page.id } })).status).toBe("AWAITING");
  });

  it("each step's queue holds what waits for it, oldest first, with the page it is planned for", async () => {
    const issue = await createIssue(editor, { date: "2042-03-05" });
    const [page] = await pagesOf(issue.id);
    const a = await filed(`队列甲 ${randomUUID().slice(0, 4)}`);
    const b = await filed(`队列乙 ${randomUUID().slice(0, 4)}`);
    await step(editor, a.id, "approve");
    await placeAtEnd(editor, a.id, page.id);
    const countsBefore = (await reviewQueueCounts(head)).counts;
    await step(editor, b.id, "approve");
    const second = await reviewQueue(head, "SECOND", 10_000);
    const mine = second.filter((s) => s.id === a.id || s.id === b.id);
    expect(mine.map((s) => s.headline)).toEqual([a.headline, b.headline]);
    expect(mine[0].page).toMatchObject({ number: page.number, name: page.name });
    expect(mine[1].page).toBeNull();
    expect((await reviewQueueCounts(head)).counts.SECOND).toBe((countsBefore.SECOND ?? 0) + 1);
    expect((await reviewQueue(head, "FIRST", 10_000)).some((s) => s.id === a.id)).toBe(false);
    await expect(reviewQueue(author, "FIRST")).rejects.toThrow();
  });

  it("a paper may run 初审 and 终审 (never fewer); the change is the administrator's and audited", async () => {
    expect((await refusal(() => updateReviewChain(chief, "two"))).message).toMatch(/管理员/);
    expect((await refusal(() => updateReviewChain(admin, "one"))).message).toBe("审稿流程只能是三审或两审（至少两道）");
    expect(await paperChain()).toEqual(["FIRST", "SECOND", "FINAL"]);
    await updateReviewChain(admin, "two");
    try {
      expect(await paperChain()).toEqual(["FIRST", "FINAL"]);
      const audit = await db().auditEvent.findFirst({ where: { action: "review.chain", actorId: admin.id }, orderBy: { at: "desc" }, select: { summary: true } });
      expect(audit?.summary).toEqual({ from: "三审（初审、复审、终审）", to: "两审（初审、终审）" });
      const { id } = await filed();
      await step(editor, id, "approve");
      expect((await refusedUnchanged(id, () => step(head, id, "secondReview"))).message).toBe("本报审稿流程没有复审");
      await step(chief, id, "finalReview");
      expect((await now(id)).reviewedTo).toBe("FINAL");
    } finally {
      await updateReviewChain(admin, "three");
    }
  });

  it("a 审稿单 is kept as written: the database refuses to change or delete one", async () => {
    const { id } = await filed();
    await step(editor, id, "approve", { note: "可用" });
    const sheet = await db().reviewRecord.findFirstOrThrow({ where: { storyId: id } });
    await expect(db().reviewRecord.update({ where: { id: sheet.id }, data: { opinion: "改过" } })).rejects.toThrow(/审稿单不能修改或删除/);
    await expect(db().reviewRecord.delete({ where: { id: sheet.id } })).rejects.toThrow(/审稿单不能修改或删除/);
    expect((await db().reviewRecord.findUniqueOrThrow({ where: { id: sheet.id } })).opinion).toBe("可用");
  });

  it("copy changed after 终审 goes back to 终审; a pass with the text as it was does not", async () => {
    const { id } = await filed();
    await step(editor, id, "approve");
    await step(head, id, "secondReview");
    await step(chief, id, "finalReview");
    // The same text saved again changes nothing of the chain.
    const same = await db().story.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const { getStoryForEdit } = await import("@/lib/stories/queries");
    const { contentOf } = await import("@/lib/stories/schema");
    await changeStory(editor, { action: "edit", storyId: id, baseVersion: same.version, content: contentOf(await getStoryForEdit(editor, id)) });
    expect((await now(id)).reviewedTo).toBe("FINAL");
    // An autosave of changed text is a change all the same.
    const { version } = await now(id);
    await changeStory(editor, { action: "edit", storyId: id, baseVersion: version, content: completeDraft({ headline: "终审后改过的标题" }), autosave: true });
    expect((await now(id)).reviewedTo).toBe("SECOND");
    expect((await sheets(id)).at(-1)).toMatchObject({ step: "FINAL", decision: "SEND_BACK", backTo: "FINAL", opinion: "终审后稿件有改动，须重新终审", reviewerId: editor.id });
    await releaseLock(editor, id);
    await step(chief, id, "finalReview");
    expect((await now(id)).reviewedTo).toBe("FINAL");
  });

  it("taking one's name off the piece does not make it someone else's to review, nor does adding it in the pass", async () => {
    const { id } = await filed();
    const credit = await db().contributor.create({ data: { name: head2.name, slug: `c-${randomUUID().slice(0, 8)}`, userId: head2.id } });
    await step(editor, id, "approve");
    const withCredit = completeDraft({ contributors: [{ contributorId: credit.id, name: head2.name, role: "REPORTER" }] });
    let { version } = await now(id);
    await changeStory(editor2, { action: "edit", storyId: id, baseVersion: version, content: withCredit });
    ({ version } = await now(id));
    await changeStory(editor2, { action: "edit", storyId: id, baseVersion: version, content: completeDraft() });
    await releaseLock(editor2, id);
    expect((await refusedUnchanged(id, () => step(head2, id, "secondReview"))).message).toBe("你是这篇稿件的作者或署名者，不能审读自己的稿件");
    // A reviewer who puts their own name on in the request that passes is refused, and nothing is kept.
    const credit2 = await db().contributor.create({ data: { name: head.name, slug: `c-${randomUUID().slice(0, 8)}`, userId: head.id } });
    ({ version } = await now(id));
    const selfCredited = completeDraft({ contributors: [{ contributorId: credit2.id, name: head.name, role: "REPORTER" }] });
    const e = await refusedUnchanged(id, () => changeStory(head, { action: "secondReview", storyId: id, baseVersion: version, content: selfCredited }));
    expect(e.message).toBe("你是这篇稿件的作者或署名者，不能审读自己的稿件");
  });

  it("退改 to an earlier step needs one passed; 退稿 tells the author why; a resubmission waits from its resubmission", async () => {
    const { id } = await filed();
    expect((await refusedUnchanged(id, () => step(editor, id, "sendBack", { note: "再看看", backTo: "FIRST" }))).message).toBe("稿件状态为“已提交”，不能退改");
    await step(editor, id, "approve");
    await step(chief, id, "sendBack", { note: "请初审再核对数字", backTo: "FIRST" });
    // At 初审 again there is nothing earlier to send it to.
    expect((await refusedUnchanged(id, () => step(editor2, id, "sendBack", { note: "再看看", backTo: "FIRST" }))).message).toBe("没有已通过的前一审可以退回");

    const rejected = await filed();
    await step(editor, rejected.id, "spike", { note: "与昨日见报稿重复" });
    expect(await db().storyNote.findFirst({ where: { storyId: rejected.id }, select: { body: true } })).toEqual({ body: "退稿：与昨日见报稿重复" });
    const told = await db().notification.findFirst({ where: { storyId: rejected.id, recipientId: author.id }, select: { message: true } });
    expect(told?.message).toContain("与昨日见报稿重复");

    const again = await filed();
    await step(editor, again.id, "return", { note: "请补充数据" });
    const returnedAt = (await db().story.findUniqueOrThrow({ where: { id: again.id }, select: { reviewMovedAt: true } })).reviewMovedAt!;
    await new Promise((r) => setTimeout(r, 20));
    await changeStory(author, { action: "submit", storyId: again.id, baseVersion: (await now(again.id)).version });
    const queued = (await reviewQueue(editor, "FIRST", 10_000)).find((s) => s.id === again.id)!;
    expect(queued.waitingSince!.getTime()).toBeGreaterThan(returnedAt.getTime());
  });
});
