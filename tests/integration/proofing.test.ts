import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { changeStory, createStory } from "@/lib/desk/story-commands";
import { createIssue } from "@/lib/issues/mutations";
import { pageAtNow, signPage } from "@/lib/issues/commands";
import { closeRound, keepMark, markText, marksByProofreader, openRound, proofingOf, signingProblems } from "@/lib/proofing/rounds";
import { paperDay, paperMonthRange } from "@/lib/core/dates";
import { applyProofMark } from "@/lib/desk/proof-commands";
import { updateProofRounds } from "@/lib/issues/paper-profile";
import { fieldText } from "@/lib/proofing/marks";
import { completeDraft, makeUser, pagesOf, placeAtEnd, throughReview } from "../support/factories";
import { refusal } from "../support/refusal";
import { releaseLock } from "@/lib/stories/locks";

// 三校 on the server: rounds opened and closed by a 校对, marks anchored to the copy, answered by the
// desk (改 through the story's own save, 不改 with a reason), 核红 on every earlier mark, and 签版
// refused until all of it is done. Issue days of this file's own: 2041.

let author: SessionUser, editor: SessionUser, chief: SessionUser, proofreader: SessionUser, proofreader2: SessionUser, admin: SessionUser;
let day = 0;

beforeAll(async () => {
  author = await makeUser("CORRESPONDENT", "蒋通讯");
  editor = await makeUser("EDITOR", "邹编辑");
  chief = await makeUser("CHIEF_EDITOR", "范总编");
  proofreader = await makeUser("PROOFREADER", "韦校对");
  proofreader2 = await makeUser("PROOFREADER", "卜校对");
  admin = await makeUser("ADMIN", "景管理");
  await db().paperProfile.upsert({ where: { id: "paper" }, create: { name: "测试日报" }, update: {} });
});

const BODY = "今冬全市新建公共充电桩三百个，覆盖全部街道。充电桩由供电公司负责运营维护。";

/** A page carrying one story through 终审, ready to be proofread. */
async function pageWithStory() {
  day += 1;
  const issue = await createIssue(editor, { date: `2041-02-${String(day).padStart(2, "0")}` });
  const [page] = await pagesOf(issue.id);
  const filed = await createStory(author, completeDraft({ headline: "全市新建公共充电桩", body: [{ type: "paragraph", text: BODY }] }), { submit: true });
  await changeStory(editor, { action: "approve", storyId: filed.id, baseVersion: filed.version });
  await throughReview(filed.id);
  await placeAtEnd(editor, filed.id, page.id);
  return { pageId: page.id, storyId: filed.id };
}

const storyNow = (id: string) => db().story.findUniqueOrThrow({ where: { id }, select: { version: true, body: true, headline: true } });

/** Marks `quote` in the story's body as the proof shows it now. */
async function mark(by: SessionUser, roundId: string, storyId: string, quote: string, kind: string, suggestion = "", note = "") {
  const story = await db().story.findUniqueOrThrow({ where: { id: storyId }, select: { version: true, kicker: true, headline: true, subheadline: true, dateline: true, body: true } });
  const text = fieldText({ ...story, body: story.body as never }, "body");
  const start = text.indexOf(quote);
  return markText(by, { roundId, storyId, field: "body", start, end: start + quote.length, quote, version: story.version, kind, suggestion, note });
}

async function unchanged<T>(read: () => Promise<T>, work: () => Promise<unknown>) {
  const before = await read();
  const e = await refusal(work);
  expect(await read()).toEqual(before);
  return e;
}

describe("三校", () => {
  it("three rounds on one page: 改 and 不改, 核红 finds a 漏改, 签版 refused until it is put right", async () => {
    const { pageId, storyId } = await pageWithStory();
    const one = await openRound(proofreader, pageId);
    expect(one.number).toBe(1);
    const wrong = await mark(proofreader, one.roundId, storyId, "三百", "WRONG_CHAR", "300");
    const query = await mark(proofreader, one.roundId, storyId, "供电公司", "QUERY", "", "是否应为“国网某市供电公司”？");
    const missed = await mark(proofreader, one.roundId, storyId, "全部", "EXTRA");
    await closeRound(proofreader, one.roundId);

    // The desk answers two of three: 改 through the story's save (its revision and audit), 不改 with the answer.
    const before = await storyNow(storyId);
    await applyProofMark(editor, wrong.markId, before.version);
    const after = await storyNow(storyId);
    expect(after.version).toBe(before.version + 1);
    expect(JSON.stringify(after.body)).toContain("新建公共充电桩300个");
    expect(await db().storyRevision.findFirst({ where: { storyId, version: after.version }, select: { action: true } })).toEqual({ action: "proofFix" });
    await keepMark(editor, query.markId, "原文无误，运营方即市供电公司");

    // 二校 opens on the new proof: 核红 for every earlier mark.
    const two = await openRound(proofreader2, pageId);
    const view = await proofingOf(db(), pageId);
    const checks = Object.fromEntries(view.marks.map((m) => [m.quote, [m.resolution, m.check]]));
    expect(checks).toEqual({ 三百: ["APPLIED", "FIXED"], 供电公司: ["KEPT", null], 全部: [null, "MISSED"] });
    await closeRound(proofreader2, two.roundId);
    const three = await openRound(proofreader, pageId);
    await closeRound(proofreader, three.roundId);

    expect(await db().$transaction((tx) => signingProblems(tx, pageId))).toEqual(["有 1 处校对标记还没有处理", "核红发现 1 处漏改"]);
    const refused = await refusal(async () => signPage(chief, await pageAtNow(pageId)));
    expect(refused.message).toBe("有 1 处校对标记还没有处理；核红发现 1 处漏改，不能签版");
    await applyProofMark(editor, missed.markId, (await storyNow(storyId)).version);
    expect((await proofingOf(db(), pageId)).marks.find((m) => m.id === missed.markId)?.check).toBe("FIXED");
    await signPage(chief, await pageAtNow(pageId));
    expect((await db().page.findUniqueOrThrow({ where: { id: pageId } })).status).toBe("SIGNED");
    // Every step is in the audit log.
    const actions = await db().auditEvent.findMany({ where: { targetType: "proof", actorId: { in: [proofreader.id, editor.id] } }, select: { action: true } });
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(["proof.open", "proof.close", "proof.mark", "proof.apply", "proof.keep"]));
  });

  it("refuses in Chinese, changing nothing: a round while one is open, one too many, a mark by the desk or on a closed round or on text gone, answers on a signed page", async () => {
    const { pageId, storyId } = await pageWithStory();
    const rounds = () => db().proofRound.findMany({ where: { pageId }, orderBy: { number: "asc" }, select: { number: true, closedAt: true } });
    const marks = () => db().proofMark.findMany({ where: { round: { pageId } }, orderBy: { markedAt: "asc" }, select: { id: true, resolution: true, reason: true } });
    expect((await unchanged(rounds, () => openRound(editor, pageId))).message).toBe("只有校对可以校对版面");
    const one = await openRound(proofreader, pageId);
    expect((await unchanged(rounds, () => openRound(proofreader2, pageId))).message).toBe("一校还没有结束，不能开始下一轮");
    expect((await unchanged(marks, () => mark(editor, one.roundId, storyId, "三百", "WRONG_CHAR", "300"))).message).toBe("只有校对可以校对版面");
    expect((await unchanged(marks, () => mark(proofreader, one.roundId, storyId, "三百", "WRONG_CHAR", ""))).message).toBe("请写明正确的文字");
    // The proof read before an edit: the selected text is no longer where it was.
    const story = await storyNow(storyId);
    const text = BODY;
    const start = text.indexOf("街道");
    await changeStory(editor, { action: "edit", storyId, baseVersion: story.version, content: completeDraft({ headline: "全市新建公共充电桩", body: [{ type: "paragraph", text: BODY.replace("覆盖全部街道", "覆盖各城区") }] }) });
    const gone = await unchanged(marks, () => markText(proofreader, { roundId: one.roundId, storyId, field: "body", start, end: start + 2, quote: "街道", version: story.version, kind: "WRONG_CHAR", suggestion: "社区" }));
    expect(gone.message).toBe("标记的文字已经改动，不在原处了：请刷新大样后再标");
    // Copy changed after 终审 is read by 终审 again before the page can be signed.
    await releaseLock(editor, storyId);
    await changeStory(chief, { action: "finalReview", storyId, baseVersion: (await storyNow(storyId)).version });
    const m = await mark(proofreader, one.roundId, storyId, "三百", "WRONG_CHAR", "300");
    expect((await unchanged(marks, () => keepMark(editor, m.markId, ""))).message).toBe("不改时请写明理由");
    expect((await unchanged(marks, () => keepMark(proofreader, m.markId, "原文无误"))).message).toBe("只有编辑可以处理校对标记");
    await closeRound(proofreader, one.roundId);
    expect((await unchanged(marks, () => mark(proofreader, one.roundId, storyId, "公共", "WRONG_CHAR", "共用"))).message).toBe("一校已经结束，不能再标记");

    // The rounds the paper sets, and no more.
    await updateProofRounds(admin, "1");
    try {
      expect((await unchanged(rounds, () => openRound(proofreader, pageId))).message).toBe("这一版已完成一校（本报每版校对 1 轮）");
      await keepMark(editor, m.markId, "数字用汉字，按本报体例");
      await signPage(chief, await pageAtNow(pageId));
    } finally {
      await updateProofRounds(admin, "3");
    }
    const m2 = await db().proofMark.create({ data: { roundId: one.roundId, storyId, field: "body", start: 0, end: 2, quote: "今冬", before: "", after: "全市新建", kind: "WRONG_CHAR", suggestion: "今年冬季", version: 1, markedById: proofreader.id } });
    expect((await unchanged(marks, () => keepMark(editor, m2.id, "不改"))).message).toBe("这一版已经签版，不能再处理校对标记");
    expect((await unchanged(marks, async () => applyProofMark(editor, m2.id, (await storyNow(storyId)).version))).message).toBe("这一版已经签版，不能再处理校对标记");
    expect((await unchanged(rounds, () => openRound(proofreader, pageId))).message).toBe("这一版已经签版，不能再开始校对");
  });

  it("改 is refused once the marked text has changed, and when the story moved on since the editor looked", async () => {
    const { pageId, storyId } = await pageWithStory();
    const one = await openRound(proofreader, pageId);
    const m = await mark(proofreader, one.roundId, storyId, "运营维护", "WRONG_CHAR", "运行维护");
    const story = await storyNow(storyId);
    await changeStory(editor, { action: "edit", storyId, baseVersion: story.version, content: completeDraft({ headline: "全市新建公共充电桩", body: [{ type: "paragraph", text: BODY.replace("负责运营维护", "负责日常管理") }] }) });
    expect((await refusal(applyProofMark(editor, m.markId, story.version))).message).toBe("这篇稿件在你打开大样后又有修改：请刷新后再处理这处标记");
    expect((await refusal(async () => applyProofMark(editor, m.markId, (await storyNow(storyId)).version))).message).toBe("标记处的文字已经改动，无法一键改正：请在稿件里手工修改后标为不改，或请校对重新标记");
    expect((await db().proofMark.findUniqueOrThrow({ where: { id: m.markId } })).resolution).toBeNull();
    // The text changed, not as marked: 错改 once a later round looks.
    expect((await proofingOf(db(), pageId)).marks[0].check).toBe("WRONG");
  });

  it("two proofreaders opening a round at once: one opens it, the other is told", async () => {
    const { pageId } = await pageWithStory();
    const results = await Promise.allSettled([openRound(proofreader, pageId), openRound(proofreader2, pageId)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(String(lost.reason.message)).toMatch(/一校还没有结束|刚刚开始了一轮校对/);
    expect(await db().proofRound.count({ where: { pageId } })).toBe(1);
  });

  it("the rounds per page are the administrator's to set, at least one, audited", async () => {
    expect((await refusal(updateProofRounds(editor, "2"))).message).toMatch(/管理员/);
    expect((await refusal(updateProofRounds(admin, "0"))).message).toBe("每版至少校对一轮");
    await updateProofRounds(admin, "2");
    try {
      const audit = await db().auditEvent.findFirst({ where: { action: "proof.rounds", actorId: admin.id }, orderBy: { at: "desc" }, select: { summary: true } });
      expect(audit?.summary).toEqual({ from: 3, to: 2 });
    } finally {
      await updateProofRounds(admin, "3");
    }
  });

  it("the quality report counts what each 校对 caught, round by round, in the month", async () => {
    const { pageId, storyId } = await pageWithStory();
    const one = await openRound(proofreader2, pageId);
    await mark(proofreader2, one.roundId, storyId, "三百", "WRONG_CHAR", "300");
    await mark(proofreader2, one.roundId, storyId, "全部", "EXTRA");
    await closeRound(proofreader2, one.roundId);
    const two = await openRound(proofreader2, pageId);
    await mark(proofreader2, two.roundId, storyId, "运营", "WRONG_CHAR", "运行");
    const month = paperDay().slice(0, 7);
    const tally = (await marksByProofreader(editor, paperMonthRange(month))).find((t) => t.name === proofreader2.name);
    // 卜校对 also marked nothing elsewhere in this file: two in 一校, one in 二校.
    expect(tally).toEqual({ name: "卜校对", byRound: [2, 1], total: 3 });
    await expect(marksByProofreader(proofreader, paperMonthRange(month))).rejects.toThrow("只有编辑可以查看差错统计");
  });
});
