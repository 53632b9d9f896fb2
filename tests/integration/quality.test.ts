import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { recordPrintedError, storiesPrintedOnPage, voidPrintedError } from "@/lib/quality/errors";
import { errorReport } from "@/lib/quality/report";
import { updateErrorRateLimit } from "@/lib/issues/paper-profile";
import { makeUser } from "../support/factories";

// 差错 and 差错率, on issues whose print records are written here with known characters, so every
// expected number below is worked out by hand from the table in the comment, not by the code.
// Issue days of this file's own: 2044 (a leap year: 2044-02-29 is a day of February).
//
//   issue        page  责任编辑  characters (records)   errors recorded (counted)
//   2044-02-29    1    周编      8,000                  2  (February: not in March's report)
//   2044-03-01    1    周编      6,000 + 4,000          1 + 2 = 3   (+1 voided)
//   2044-03-01    2    吴编      5,000                  1
//   2044-03-31    1    吴编      2,000                  1
//   2044-03-31    2    吴编      3,000 (continued on 3) 0
//   2044-03-31    3    （none）  0 (only the rest of that story)   1 found here, in the continued story:
//                                                                   counted with the story, on page 2
//   2044-04-01    1    周编      9,000                  0  (April)
//   2044-04-01    2    吴编      3,332                  1  (recorded in the test: 3.0012)
//
// March: 20,000 characters, 6 errors → 3.00 per 10,000 (the limit 3 is not exceeded: over means more,
// at the two places the report shows, so 1 error in 3,332 characters, 3.0012, is not over either).
// By page: 第1版 12,000 / 4 → 3.33 (over); 第2版 8,000 / 2 → 2.50; page 3 carried no story of its own
// and no error of its own: no row. By 责任编辑: 周编 10,000 / 3 → 3.00; 吴编 10,000 / 3 → 3.00.

type Released = { issueId: string; stories: Map<string, string> };
let desk: SessionUser, chief: SessionUser, otherEditor: SessionUser, correspondent: SessionUser;
const released = new Map<string, Released>();
let issueNumber = 944_000;

async function releasedIssue(date: string, pages: { number: number; editor: string; stories: { name: string; characters: number; continuedOn?: number }[] }[]) {
  const issue = await db().issue.create({ data: { date: new Date(date), number: ++issueNumber, status: "PUBLISHED", publishedAt: new Date() }, select: { id: true } });
  const stories = new Map<string, string>();
  for (const p of pages) await db().page.create({ data: { issueId: issue.id, number: p.number, name: `第${p.number}版`, editorCredit: p.editor } });
  for (const p of pages) {
    for (const [position, s] of p.stories.entries()) {
      const story = await db().story.create({
        data: { kind: "NEWS_BRIEF", status: "PUBLISHED", publishedAt: new Date(), headline: s.name, body: [], authorId: desk.id },
        select: { id: true },
      });
      stories.set(s.name, story.id);
      await db().printRecord.create({
        data: {
          event: "RELEASED",
          issueId: issue.id,
          issueDate: new Date(date),
          issueNumber,
          pageNumber: p.number,
          pageName: `第${p.number}版`,
          storyId: story.id,
          position,
          isLead: position === 0,
          size: "SINGLE",
          continuedOnPage: s.continuedOn ?? null,
          kind: "NEWS_BRIEF",
          kicker: "",
          headline: s.name,
          byline: "",
          characters: s.characters,
        },
      });
    }
  }
  released.set(date, { issueId: issue.id, stories });
}

const entry = (date: string, pageNumber: number, extra: Record<string, unknown> = {}) => ({
  issueDate: date,
  pageNumber: String(pageNumber),
  storyId: "",
  kind: "TEXT",
  source: "DESK",
  count: "1",
  printed: "经济社会发展",
  correct: "经济社会发展",
  note: "",
  ...extra,
});

beforeAll(async () => {
  desk = await makeUser("EDITOR", "周校核");
  otherEditor = await makeUser("EDITOR", "吴审读");
  chief = await makeUser("CHIEF_EDITOR", "郑总编");
  correspondent = await makeUser("CORRESPONDENT", "冯通讯");
  await releasedIssue("2044-02-29", [{ number: 1, editor: "周编", stories: [{ name: "二月头条", characters: 8000 }] }]);
  await releasedIssue("2044-03-01", [
    { number: 1, editor: "周编", stories: [{ name: "三月一日头条", characters: 6000 }, { name: "三月一日二条", characters: 4000 }] },
    { number: 2, editor: "吴编", stories: [{ name: "三月一日二版", characters: 5000 }] },
  ]);
  await releasedIssue("2044-03-31", [
    { number: 1, editor: "吴编", stories: [{ name: "月末头条", characters: 2000 }] },
    { number: 2, editor: "吴编", stories: [{ name: "转版长稿", characters: 3000, continuedOn: 3 }] },
    { number: 3, editor: "", stories: [] },
  ]);
  await releasedIssue("2044-04-01", [
    { number: 1, editor: "周编", stories: [{ name: "四月头条", characters: 9000 }] },
    { number: 2, editor: "吴编", stories: [{ name: "四月二版", characters: 3332 }] },
  ]);
  // An issue of that month not yet released: nothing can be recorded against it.
  await db().issue.create({ data: { date: new Date("2044-03-15"), number: ++issueNumber } });
});

describe("recording 差错", () => {
  it("counts what was recorded against March's pages, by issue, page, 责任编辑, kind and source", async () => {
    const march1 = released.get("2044-03-01")!;
    const march31 = released.get("2044-03-31")!;
    await recordPrintedError(desk, entry("2044-02-29", 1, { count: "2" }));
    await recordPrintedError(desk, entry("2044年3月1日", 1, { storyId: march1.stories.get("三月一日头条"), source: "READER" }));
    await recordPrintedError(otherEditor, entry("2044-3-1", 1, { storyId: march1.stories.get("三月一日二条"), kind: "PUNCTUATION", count: "2" }));
    const mistaken = await recordPrintedError(desk, entry("2044-03-01", 1, { kind: "FACT" }));
    await voidPrintedError(desk, mistaken.id, "登记重复");
    await recordPrintedError(desk, entry("2044-03-01", 2, { kind: "PHOTO", source: "QUALITY_CHECK" }));
    await recordPrintedError(chief, entry("2044-03-31", 1));
    // The rest of a story that jumped (转版) is on page 3: an error found there is recorded there.
    await recordPrintedError(desk, entry("2044-03-31", 3, { storyId: march31.stories.get("转版长稿"), kind: "POLITICAL" }));

    const report = await errorReport(desk, "2044-03");
    expect(report.limit).toBe(3);
    expect(report.total).toMatchObject({ characters: 20000, errors: 6, over: false });
    expect(report.total.rate).toBeCloseTo(3.0, 5);
    expect(report.byIssue.map((r) => [r.date, r.characters, r.errors])).toEqual([
      ["2044-03-01", 15000, 4],
      ["2044-03-31", 5000, 2],
    ]);
    expect(report.byPage.map((r) => [r.label, r.characters, r.errors, r.rate === null ? null : Number(r.rate.toFixed(2)), r.over])).toEqual([
      ["第1版", 12000, 4, 3.33, true],
      ["第2版", 8000, 2, 2.5, false],
    ]);
    expect(report.byEditor.map((r) => [r.label, r.characters, r.errors]).sort()).toEqual([
      ["吴编", 10000, 3],
      ["周编", 10000, 3],
    ].sort());
    // The log keeps the page where it was found.
    expect(report.entries.find((e) => e.headline === "转版长稿")?.page).toBe(3);
    expect(report.byKind.filter((k) => k.errors > 0).map((k) => [k.label, k.errors])).toEqual([
      ["文字", 2],
      ["标点", 2],
      ["政治性", 1],
      ["图片", 1],
    ]);
    expect(report.bySource.map((s) => [s.label, s.errors])).toEqual([
      ["编辑部自查", 4],
      ["读者来信", 1],
      ["质检", 1],
    ]);
    // The voided entry stays in the log, struck out; the headline is the one that ran.
    expect(report.entries).toHaveLength(6);
    expect(report.entries.find((e) => e.id === mistaken.id)?.voided?.reason).toBe("登记重复");
    expect(report.entries.filter((e) => e.headline).map((e) => e.headline).sort()).toEqual(["三月一日二条", "三月一日头条", "转版长稿"].sort());

    // February has its own issue; April has none with errors.
    expect((await errorReport(desk, "2044-02")).total).toMatchObject({ characters: 8000, errors: 2 });
    expect((await errorReport(desk, "2044-04")).total).toMatchObject({ characters: 12332, errors: 0, rate: 0 });
    // 1 error in 3,332 characters is 3.0012: shown as 3.00, and not over a limit of 3.
    await recordPrintedError(desk, entry("2044-04-01", 2));
    const april = await errorReport(desk, "2044-04");
    expect(april.byPage.map((r) => [r.label, r.rate?.toFixed(2), r.over])).toEqual([
      ["第1版", "0.00", false],
      ["第2版", "3.00", false],
    ]);
  });

  it("a lower limit set by an administrator marks the month over it", async () => {
    const admin = await makeUser("ADMIN", "钱管理");
    await db().paperProfile.upsert({ where: { id: "paper" }, create: { name: "测试日报" }, update: {} });
    await expect(updateErrorRateLimit(desk, "2")).rejects.toThrow("只有管理员");
    await expect(updateErrorRateLimit(admin, "万分之二")).rejects.toThrow("差错率上限应为数字");
    await updateErrorRateLimit(admin, "2.5");
    try {
      const report = await errorReport(chief, "2044-03");
      expect(report.limit).toBe(2.5);
      expect(report.total.over).toBe(true);
    } finally {
      await updateErrorRateLimit(admin, "3");
    }
  });

  it("refuses, in Chinese and changing nothing, what cannot be a 差错 of a released page", async () => {
    const march1 = released.get("2044-03-01")!;
    const before = await db().printedError.count();
    const refused = async (who: SessionUser, input: Record<string, unknown>, message: string) =>
      expect(recordPrintedError(who, input)).rejects.toThrow(message);
    await refused(correspondent, entry("2044-03-01", 1), "只有编辑可以登记差错");
    await refused(desk, entry("2044-03-15", 1), "这一天没有已见报的一期");
    await refused(desk, entry("2044-03-02", 1), "这一天没有已见报的一期");
    await refused(desk, entry("03/01/2044", 1), "请检查差错登记");
    await refused(desk, entry("2044-03-01", 9), "本期没有第9版");
    await refused(desk, entry("2044-03-01", 2, { storyId: march1.stories.get("三月一日头条") }), "这篇稿件没有印在这一版");
    await refused(desk, entry("2044-03-01", 1, { printed: "  " }), "请检查差错登记");
    await refused(desk, entry("2044-03-01", 1, { count: "0" }), "请检查差错登记");
    await refused(desk, entry("2044-03-01", 1, { kind: "TYPO" }), "请检查差错登记");
    await expect(recordPrintedError(desk, entry("2044-03-01", 1, { printed: "" }))).rejects.toMatchObject({ fieldErrors: { printed: ["请填写见报原文（错在哪里）"] } });
    expect(await db().printedError.count()).toBe(before);
    await expect(errorReport(correspondent, "2044-03")).rejects.toThrow("只有编辑可以查看差错统计");
    await expect(errorReport(desk, "2044-13")).rejects.toThrow("月份写法");
  });

  it("an entry is voided once, by the one who recorded it or the chief editor, and the database keeps it as written", async () => {
    const { id } = await recordPrintedError(desk, entry("2044-03-31", 1, { note: "待核" }));
    await expect(voidPrintedError(otherEditor, id, "不是差错")).rejects.toThrow("只有登记人或值班总编");
    await expect(voidPrintedError(desk, id, " ")).rejects.toThrow("请写明作废原因");
    await voidPrintedError(chief, id, "核实后原文无误");
    await expect(voidPrintedError(desk, id, "再作废一次")).rejects.toThrow("这条差错已经作废");
    await expect(db().printedError.update({ where: { id }, data: { count: 5 } })).rejects.toThrow();
    await expect(db().printedError.delete({ where: { id } })).rejects.toThrow();
    await expect(db().$executeRawUnsafe('TRUNCATE "PrintedError"')).rejects.toThrow();
    const kept = await db().printedError.findUniqueOrThrow({ where: { id }, select: { count: true, voidReason: true, voidedById: true } });
    expect(kept).toEqual({ count: 1, voidReason: "核实后原文无误", voidedById: chief.id });
    const audit = await db().auditEvent.findMany({ where: { targetType: "error", targetId: id }, orderBy: { at: "asc" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["error.record", "error.void"]);
  });

  it("offers the stories that ran on a page, the rest of a jumping story on the page it continued on", async () => {
    const page3 = await storiesPrintedOnPage(desk, "2044-03-31", 3);
    expect(page3?.stories.map((s) => s.headline)).toEqual(["转版长稿"]);
    expect(page3?.pageExists).toBe(true);
    expect((await storiesPrintedOnPage(desk, "2044-03-31", 7))?.pageExists).toBe(false);
    expect(await storiesPrintedOnPage(desk, "2044-03-15", 1)).toBeNull();
    await expect(storiesPrintedOnPage(correspondent, "2044-03-31", 1)).rejects.toThrow("只有编辑");
  });
});
