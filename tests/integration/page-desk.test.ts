import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { changeStory, createStory } from "@/lib/desk/story-commands";
import { createIssue } from "@/lib/issues/mutations";
import { dropPage, makeLead, moveItem, pageAtNow, placeOnPage, planSlot, resizeItem, sendForSignOff, setJump, signPage, takeOffPage, updatePagePlan } from "@/lib/issues/commands";
import { boardVersion, issueBoard } from "@/lib/issues/board";
import { geometryOf } from "@/lib/issues/page-geometry";
import { refusal } from "../support/refusal";
import { completeDraft, makeUser, orderOf, pagesOf, placeAtEnd, proofread, throughReview } from "../support/factories";

let day = 0;
const nextDate = () => {
  day += 1;
  return new Date(Date.UTC(2032, 0, 1) + day * 86400_000).toISOString().slice(0, 10);
};

async function desk() {
  const editor = await makeUser("EDITOR", "刘明");
  const chief = await makeUser("CHIEF_EDITOR", "孙正");
  const issue = await createIssue(editor, { date: nextDate() });
  const pages = await pagesOf(issue.id);
  return { editor, chief, issue, pages };
}

async function approved(editor: Awaited<ReturnType<typeof makeUser>>, headline: string) {
  const author = await makeUser("CORRESPONDENT");
  const s = await createStory(author, completeDraft({ headline }), { submit: true });
  await changeStory(editor, { action: "approve", storyId: s.id, baseVersion: s.version });
  await throughReview(s.id);
  return s.id;
}
/** 签版 of a page proofread through the paper's rounds with nothing marked (三校 is proofing.test.ts's). */
async function signed(chief: Awaited<ReturnType<typeof makeUser>>, pageId: string) {
  await proofread(pageId);
  return signPage(chief, await pageAtNow(pageId));
}
const placementOf = async (storyId: string) => (await db().placement.findUniqueOrThrow({ where: { storyId } })).id;
const statusOf = async (pageId: string) => (await db().page.findUniqueOrThrow({ where: { id: pageId } })).status;

describe("page versions", () => {
  it("a move made on a page version someone else changed since is refused and changes nothing", async () => {
    const { editor, pages } = await desk();
    const other = await makeUser("EDITOR");
    const [a, b] = [await approved(editor, "甲"), await approved(editor, "乙")];
    await placeAtEnd(editor, a, pages[0].id);
    await placeAtEnd(editor, b, pages[0].id);
    const seen = await pageAtNow(pages[0].id);
    // Another editor changes the page first.
    await resizeItem(other, { placementId: await placementOf(b), at: seen, size: "DOUBLE" });
    const stale = await refusal(makeLead(editor, { placementId: await placementOf(b), at: seen }));
    expect(stale.code).toBe("conflict");
    expect(stale.message).toContain("版面刚被他人改动");
    expect(await orderOf(pages[0].id)).toEqual([["甲", true], ["乙", false]]);
    expect((await pageAtNow(pages[0].id)).version).toBe(seen.version + 1);
  });

  it("moves between pages hand the lead on and take it up where there was none", async () => {
    const { editor, pages } = await desk();
    const [a, b] = [await approved(editor, "头条"), await approved(editor, "二条")];
    await placeAtEnd(editor, a, pages[0].id);
    await placeAtEnd(editor, b, pages[0].id);
    await moveItem(editor, { placementId: await placementOf(a), from: await pageAtNow(pages[0].id), to: await pageAtNow(pages[1].id), index: 0 });
    expect(await orderOf(pages[0].id)).toEqual([["二条", true]]);
    expect(await orderOf(pages[1].id)).toEqual([["头条", true]]);
    // The story continued on page 2; moved there, it no longer jumps.
    await setJump(editor, { placementId: await placementOf(b), at: await pageAtNow(pages[0].id), continuesOn: await pageAtNow(pages[2].id) });
    expect((await db().placement.findUniqueOrThrow({ where: { storyId: b } })).continuesOnId).toBe(pages[2].id);
    await moveItem(editor, { placementId: await placementOf(b), from: await pageAtNow(pages[0].id), to: await pageAtNow(pages[2].id), index: 0 });
    expect((await db().placement.findUniqueOrThrow({ where: { storyId: b } })).continuesOnId).toBeNull();
  });

  it("only editors arrange pages, and only within one issue", async () => {
    const { editor, pages } = await desk();
    const elsewhere = await desk();
    const correspondent = await makeUser("CORRESPONDENT");
    const a = await approved(editor, "稿");
    expect((await refusal(placeOnPage(correspondent, { storyId: a, to: await pageAtNow(pages[0].id), index: 0 }))).code).toBe("forbidden");
    await placeAtEnd(editor, a, pages[0].id);
    const across = await refusal(moveItem(editor, { placementId: await placementOf(a), from: await pageAtNow(pages[0].id), to: await pageAtNow(elsewhere.pages[0].id), index: 0 }));
    expect(across.message).toBe("只能在本期的版面之间移动");
  });
});

describe("sign-off (签版)", () => {
  it("the chief editor signs a finished page; an empty page or an open slot cannot be signed", async () => {
    const { editor, chief, pages } = await desk();
    expect((await refusal(signPage(chief, await pageAtNow(pages[0].id)))).message).toBe("空版不能签版");
    const a = await approved(editor, "要闻头条");
    await placeAtEnd(editor, a, pages[0].id);
    expect((await refusal(signPage(editor, await pageAtNow(pages[0].id)))).code).toBe("forbidden");
    const reporter = await makeUser("CORRESPONDENT", "张晗");
    await planSlot(editor, { at: await pageAtNow(pages[0].id), plan: { topic: "冬季供暖", assigneeId: reporter.id, targetLength: 800, deadline: "2032-01-01T18:00", size: "DOUBLE" } });
    expect((await refusal(signPage(chief, await pageAtNow(pages[0].id)))).message).toContain("计划稿“冬季供暖”还没有到位");
    const slot = await db().placement.findFirstOrThrow({ where: { pageId: pages[0].id, storyId: null } });
    await takeOffPage(editor, { placementId: slot.id, at: await pageAtNow(pages[0].id) });
    await sendForSignOff(editor, await pageAtNow(pages[0].id));
    expect(await statusOf(pages[0].id)).toBe("AWAITING");
    expect(await db().notification.count({ where: { recipientId: chief.id, pageId: pages[0].id, kind: "PAGE_AWAITING" } })).toBe(1);
    await signed(chief, pages[0].id);
    expect(await db().page.findUniqueOrThrow({ where: { id: pages[0].id } })).toMatchObject({ status: "SIGNED", signedById: chief.id });
  });

  it("any change to a signed page sends it back to 待签, tells the chief editor and is audited", async () => {
    const { editor, chief, pages } = await desk();
    const a = await approved(editor, "签后改动");
    await placeAtEnd(editor, a, pages[1].id);
    const sign = async () => signed(chief, pages[1].id);
    const changes: [string, () => Promise<unknown>][] = [
      ["size", async () => resizeItem(editor, { placementId: await placementOf(a), at: await pageAtNow(pages[1].id), size: "BANNER" })],
      ["credits", async () => updatePagePlan(editor, { at: await pageAtNow(pages[1].id), plan: { editorCredit: "陈静", designerCredit: "周彤", proofreaderCredit: "韩冰" } })],
      [
        "an edit to the story",
        async () => {
          const story = await db().story.findUniqueOrThrow({ where: { id: a } });
          await changeStory(editor, { action: "edit", storyId: a, baseVersion: story.version, content: { ...completeDraft({ headline: "签后改动（改）" }) } });
        },
      ],
    ];
    for (const [what, change] of changes) {
      await sign();
      expect(await statusOf(pages[1].id), what).toBe("SIGNED");
      await change();
      expect(await statusOf(pages[1].id), what).toBe("AWAITING");
    }
    expect(await db().notification.count({ where: { recipientId: chief.id, pageId: pages[1].id, kind: "PAGE_REOPENED" } })).toBe(3);
    expect(await db().auditEvent.count({ where: { action: "page.reopen", targetId: pages[1].id } })).toBe(3);
  });

  it("a change to a page of an issue waiting for its release time holds the release", async () => {
    const { editor, issue, pages } = await desk();
    const a = await approved(editor, "定时见报");
    await placeAtEnd(editor, a, pages[0].id);
    await db().issue.update({ where: { id: issue.id }, data: { status: "SCHEDULED", publishAt: new Date(Date.now() + 3600_000) } });
    await resizeItem(editor, { placementId: await placementOf(a), at: await pageAtNow(pages[0].id), size: "LEAD" });
    expect(await db().issue.findUniqueOrThrow({ where: { id: issue.id } })).toMatchObject({ status: "PLANNING", publishAt: null });
  });
});

describe("planned slots (计划稿)", () => {
  it("the assignee is told, files against the slot, and the approved story takes its place", async () => {
    const { editor, pages, issue } = await desk();
    const reporter = await makeUser("CORRESPONDENT", "张晗");
    const someoneElse = await makeUser("CORRESPONDENT", "王雨");
    const { placementId } = await planSlot(editor, { at: await pageAtNow(pages[0].id), plan: { topic: "雪后清雪保通", assigneeId: reporter.id, targetLength: 800, deadline: "2032-02-01T18:00", size: "DOUBLE" } });
    const told = await db().notification.findFirstOrThrow({ where: { recipientId: reporter.id, kind: "ASSIGNED" } });
    expect(told.message).toBe(`刘明约你写稿：“雪后清雪保通”，约 800 字，见报总第${(await db().issue.findUniqueOrThrow({ where: { id: issue.id } })).number}期第1版要闻`);
    // Only the assignee may file against it.
    expect((await refusal(createStory(someoneElse, completeDraft(), { slotId: placementId }))).code).toBe("not_found");
    const filed = await createStory(reporter, completeDraft({ headline: "伊通县清雪保通" }), { submit: true, slotId: placementId });
    expect((await refusal(createStory(reporter, completeDraft(), { slotId: placementId }))).message).toBe("这条约稿已经有稿件了");
    const before = (await pageAtNow(pages[0].id)).version;
    const done = await changeStory(editor, { action: "approve", storyId: filed.id, baseVersion: filed.version });
    expect(done.status).toBe("PLACED");
    expect(await db().placement.findUniqueOrThrow({ where: { id: placementId } })).toMatchObject({ storyId: filed.id, slotTopic: "雪后清雪保通", size: "DOUBLE" });
    expect((await pageAtNow(pages[0].id)).version).toBe(before + 1);
    expect((await db().story.findUniqueOrThrow({ where: { id: filed.id } })).version).toBe(done.version);
  });

  it("a slot needs a topic, a reporter, a length and a deadline, told in Chinese", async () => {
    const { editor, pages } = await desk();
    const e = await refusal(planSlot(editor, { at: await pageAtNow(pages[0].id), plan: { topic: "", assigneeId: "", targetLength: "多少", deadline: "明天", size: "HUGE" } }));
    expect(Object.keys(e.fieldErrors).sort()).toEqual(["assigneeId", "deadline", "size", "targetLength", "topic"]);
    expect(await db().placement.count({ where: { pageId: pages[0].id } })).toBe(0);
  });
});

describe("the board", () => {
  it("shows every page drawn from the layout, with fill and flags, and the approved copy waiting", async () => {
    const { editor, issue, pages } = await desk();
    const a = await approved(editor, "上版稿");
    const waiting = await approved(editor, "待上版");
    await placeAtEnd(editor, a, pages[0].id);
    const board = await issueBoard(editor, issue.id);
    expect(board.pages.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    expect(board.pages[0].view.layout.headlines.map((h) => h.headline)).toEqual(["上版稿"]);
    expect(board.pages[0].view.layout.flags).toEqual(["UNSIGNED"]);
    expect(board.pages[1].view.layout.flags).toEqual(["EMPTY", "UNSIGNED"]);
    expect(board.pages[0].view.layout.fill.used).toBeGreaterThan(0);
    expect(board.waiting.map((w) => w.id)).toContain(waiting);
    expect(board.waiting.map((w) => w.id)).not.toContain(a);
    expect((await refusal(issueBoard(await makeUser("CORRESPONDENT"), issue.id))).code).toBe("forbidden");
  });

  it("its version stays put while nothing changes and moves with every change another board must show", async () => {
    const { editor, chief, issue, pages } = await desk();
    const other = await desk();
    const seen = new Set<string>();
    const moved = async () => {
      const version = await boardVersion(editor, issue.id);
      const fresh = !seen.has(version);
      seen.add(version);
      return fresh;
    };
    expect(await moved()).toBe(true);
    expect((await issueBoard(editor, issue.id)).version).toBe(await boardVersion(editor, issue.id));
    expect(await moved()).toBe(false);
    // Copy approved anywhere joins the waiting list every board shows.
    const a = await approved(editor, "版本稿");
    expect(await moved()).toBe(true);
    await placeAtEnd(editor, a, pages[3].id);
    expect(await moved()).toBe(true);
    await sendForSignOff(editor, await pageAtNow(pages[3].id));
    expect(await moved()).toBe(true);
    // Another issue's pages are not this board's business.
    const elsewhere = await approved(editor, "别期稿");
    await placeAtEnd(editor, elsewhere, other.pages[0].id);
    const before = await boardVersion(editor, issue.id);
    await resizeItem(editor, { placementId: await placementOf(elsewhere), at: await pageAtNow(other.pages[0].id), size: "SINGLE" });
    expect(await boardVersion(editor, issue.id)).toBe(before);
    await dropPage(editor, await pageAtNow(pages[2].id));
    expect(await moved()).toBe(true);

    expect((await refusal(boardVersion(await makeUser("CORRESPONDENT"), issue.id))).code).toBe("forbidden");
    expect((await refusal(boardVersion(chief, "nosuchissue0000000000000"))).code).toBe("not_found");
    expect((await refusal(boardVersion(chief, "../../etc"))).code).toBe("not_found");
  });
});

describe("the paper's settings (报社设置)", () => {
  it("an administrator sets the masthead and a format's geometry, its capacity worked out from it; nobody else may; bad values are refused in Chinese", async () => {
    const { updatePaperProfile, updatePageFormat, paperProfile } = await import("@/lib/issues/paper-profile");
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const profile = { name: "吉平日报", cnNumber: "CN 99-0002", postalCode: "99-02", publisher: "吉平日报社出版", releaseTime: "05:30" };
    expect((await refusal(updatePaperProfile(editor, profile))).code).toBe("forbidden");
    await updatePaperProfile(admin, profile);
    expect(await paperProfile()).toEqual(profile);
    expect(Object.keys((await refusal(updatePaperProfile(admin, { ...profile, name: "", releaseTime: "25:00" }))).fieldErrors ?? {}).sort()).toEqual(["name", "releaseTime"]);
    expect(await paperProfile()).toEqual(profile);
    const tabloid = { code: "tabloid", paperWidthMm: "270", paperHeightMm: "390", typeAreaWidthMm: "235", typeAreaHeightMm: "340", columns: "5", gutterMm: "4", bodySize: "小五", lineGap: "0.5" };
    const before = await db().pageFormat.findUniqueOrThrow({ where: { code: "tabloid" } });
    // Six columns of (235 − 5 × 4) / 6 = 35.8 mm: 11 characters of 小五 a line, 71 lines: 4,686 characters.
    await updatePageFormat(admin, { ...tabloid, columns: "6", capacity: "99999" });
    expect(await db().pageFormat.findUniqueOrThrow({ where: { code: "tabloid" } })).toMatchObject({ columns: 6, typeAreaWidthMm: 235, bodySize: "小五", capacity: 11 * 71 * 6 });
    const saved = await db().pageFormat.findUniqueOrThrow({ where: { code: "tabloid" } });
    expect((await refusal(updatePageFormat(admin, { ...tabloid, columns: "1" }))).fieldErrors.columns).toEqual(["至少 3 栏"]);
    const wide = await refusal(updatePageFormat(admin, { ...tabloid, typeAreaWidthMm: "300", bodySize: "大五" }));
    expect(wide.fieldErrors).toMatchObject({ bodySize: ["正文字号只能是小四、五号、小五或六号"] });
    expect((await refusal(updatePageFormat(admin, { ...tabloid, typeAreaWidthMm: "300" }))).fieldErrors.typeAreaWidthMm).toEqual(["版心不能比成品宽"]);
    // Nothing refused changed anything.
    expect(await db().pageFormat.findUniqueOrThrow({ where: { code: "tabloid" } })).toEqual(saved);
    expect((await refusal(updatePageFormat(editor, tabloid))).code).toBe("forbidden");
    await updatePageFormat(admin, tabloid);
    expect(await db().pageFormat.findUniqueOrThrow({ where: { code: "tabloid" } })).toEqual(before);
    expect(await db().auditEvent.count({ where: { action: { in: ["paper.update", "paper.format"] }, actorId: admin.id } })).toBe(3);
  });
});

describe("what a signature covers", () => {
  it("an edit racing a release never goes out unsigned: either the edit is refused or the release is", async () => {
    const { releaseNow } = await import("@/lib/issues/release");
    for (let trial = 0; trial < 5; trial++) {
      const { editor, chief, pages } = await desk();
      const a = await approved(editor, `赛跑${trial}`);
      await placeAtEnd(editor, a, pages[0].id);
      for (const page of pages.slice(1)) await db().page.delete({ where: { id: page.id } });
      await signed(chief, pages[0].id);
      const story = await db().story.findUniqueOrThrow({ where: { id: a } });
      const [release, editing] = await Promise.allSettled([
        releaseNow(chief, (await db().page.findUniqueOrThrow({ where: { id: pages[0].id } })).issueId),
        changeStory(editor, { action: "edit", storyId: a, baseVersion: story.version, content: completeDraft({ headline: `赛跑${trial}（改）` }) }),
      ]);
      const after = await db().story.findUniqueOrThrow({ where: { id: a } });
      if (release.status === "fulfilled") {
        expect(editing.status, `trial ${trial}`).toBe("rejected");
        expect(after).toMatchObject({ status: "PUBLISHED", headline: `赛跑${trial}` });
      } else {
        expect(editing.status, `trial ${trial}`).toBe("fulfilled");
        expect(await statusOf(pages[0].id)).toBe("AWAITING");
      }
    }
  });

  it("a jumping story's size, and its page's format, send the page it continues on back to 待签", async () => {
    const { editor, chief, pages } = await desk();
    const a = await approved(editor, "转版稿");
    const b = await approved(editor, "二版稿");
    await placeAtEnd(editor, a, pages[0].id);
    await placeAtEnd(editor, b, pages[1].id);
    await setJump(editor, { placementId: await placementOf(a), at: await pageAtNow(pages[0].id), continuesOn: await pageAtNow(pages[1].id) });
    await signed(chief, pages[1].id);
    await resizeItem(editor, { placementId: await placementOf(a), at: await pageAtNow(pages[0].id), size: "BANNER" });
    expect(await statusOf(pages[1].id)).toBe("AWAITING");
    await signed(chief, pages[1].id);
    await updatePagePlan(editor, { at: await pageAtNow(pages[0].id), plan: { editorCredit: "", designerCredit: "", proofreaderCredit: "", formatCode: "tabloid" } });
    expect(await statusOf(pages[1].id)).toBe("AWAITING");
    // A page a story continues onto cannot be deleted out from under it.
    await takeOffPage(editor, { placementId: await placementOf(b), at: await pageAtNow(pages[1].id) });
    expect((await refusal(dropPage(editor, await pageAtNow(pages[1].id)))).message).toContain("有稿件从别的版转到这一版");
  });

  it("an edit to a jumping story sends both its pages back to 待签: the one it starts on and the one it continues on", async () => {
    const { editor, chief, pages } = await desk();
    const a = await approved(editor, "转版改稿");
    await placeAtEnd(editor, a, pages[0].id);
    await setJump(editor, { placementId: await placementOf(a), at: await pageAtNow(pages[0].id), continuesOn: await pageAtNow(pages[2].id) });
    // Page 3 carries only the story's rest, and is signed for it.
    for (const page of [pages[0], pages[2]]) await signed(chief, page.id);
    const story = await db().story.findUniqueOrThrow({ where: { id: a } });
    await changeStory(editor, { action: "edit", storyId: a, baseVersion: story.version, content: completeDraft({ headline: "转版改稿（改）" }) });
    expect([await statusOf(pages[0].id), await statusOf(pages[1].id), await statusOf(pages[2].id)]).toEqual(["AWAITING", "COMPOSING", "AWAITING"]);
    for (const page of [pages[0], pages[2]]) {
      expect(await db().notification.count({ where: { recipientId: chief.id, pageId: page.id, kind: "PAGE_REOPENED" } })).toBe(1);
      expect(await db().auditEvent.count({ where: { action: "page.reopen", targetId: page.id } })).toBe(1);
    }
  });

  it("a new capacity for the format of a jumping story's page sends the page it continues on back to 待签, whatever that page's format", async () => {
    const { editor, chief, pages } = await desk();
    const admin = await makeUser("ADMIN");
    const a = await approved(editor, "跨版式转版");
    await placeAtEnd(editor, a, pages[0].id);
    await setJump(editor, { placementId: await placementOf(a), at: await pageAtNow(pages[0].id), continuesOn: await pageAtNow(pages[2].id) });
    const { formatCode } = await db().page.findUniqueOrThrow({ where: { id: pages[0].id } });
    const other = await db().pageFormat.findFirstOrThrow({ where: { code: { not: formatCode } } });
    await db().page.update({ where: { id: pages[2].id }, data: { formatCode: other.code } });
    for (const page of [pages[0], pages[2]]) await signed(chief, page.id);
    const format = await db().pageFormat.findUniqueOrThrow({ where: { code: formatCode } });
    const { updatePageFormat } = await import("@/lib/issues/paper-profile");
    try {
      // Page 1 holds less: the story breaks earlier and page 3 prints more of it.
      await updatePageFormat(admin, { ...geometryOf(format), code: formatCode, typeAreaHeightMm: format.typeAreaHeightMm - 50 });
      expect([await statusOf(pages[0].id), await statusOf(pages[2].id)]).toEqual(["AWAITING", "AWAITING"]);
    } finally {
      await updatePageFormat(admin, { ...geometryOf(format), code: formatCode });
    }
  });

  it("a story spiked or placed by hand frees the slot it was written for", async () => {
    const { editor, pages } = await desk();
    const reporter = await makeUser("CORRESPONDENT");
    const { placementId } = await planSlot(editor, { at: await pageAtNow(pages[0].id), plan: { topic: "约稿甲", assigneeId: reporter.id, targetLength: 600, deadline: "2032-03-01T18:00", size: "SINGLE" } });
    const filed = await createStory(reporter, completeDraft(), { submit: true, slotId: placementId });
    await changeStory(editor, { action: "spike", storyId: filed.id, baseVersion: filed.version, note: "另行约稿" });
    const again = await createStory(reporter, completeDraft(), { submit: true, slotId: placementId });
    await changeStory(editor, { action: "approve", storyId: again.id, baseVersion: again.version });
    // Approved, it takes the slot's place and no longer claims it.
    expect((await db().placement.findUniqueOrThrow({ where: { id: placementId } })).storyId).toBe(again.id);
    expect((await db().story.findUniqueOrThrow({ where: { id: again.id } })).filedForId).toBeNull();
  });

  it("a format's new capacity sends its signed pages of unreleased issues back to 待签, and leaves released ones alone", async () => {
    const { releaseNow } = await import("@/lib/issues/release");
    const out = await desk();
    await placeAtEnd(out.editor, await approved(out.editor, "已出版稿"), out.pages[0].id);
    for (const page of out.pages.slice(1)) await db().page.delete({ where: { id: page.id } });
    await signed(out.chief, out.pages[0].id);
    await releaseNow(out.chief, out.issue.id);
    const { editor, chief, pages } = await desk();
    const admin = await makeUser("ADMIN");
    const a = await approved(editor, "版式稿");
    await placeAtEnd(editor, a, pages[0].id);
    await signed(chief, pages[0].id);
    const { formatCode } = await db().page.findUniqueOrThrow({ where: { id: pages[0].id } });
    const format = await db().pageFormat.findUniqueOrThrow({ where: { code: formatCode } });
    const { updatePageFormat } = await import("@/lib/issues/paper-profile");
    await updatePageFormat(admin, { ...geometryOf(format), code: formatCode, typeAreaHeightMm: format.typeAreaHeightMm - 50 });
    expect(await statusOf(pages[0].id)).toBe("AWAITING");
    expect(await db().auditEvent.count({ where: { action: "page.reopen", targetId: pages[0].id, actorId: admin.id } })).toBe(1);
    expect(await statusOf(out.pages[0].id)).toBe("SIGNED");
    await updatePageFormat(admin, { ...geometryOf(format), code: formatCode });
  });
});
