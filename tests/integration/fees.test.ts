import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { addManualFeeLine, closedFeeMonthForExport, closeFeeMonth, feeMonth, feesOf } from "@/lib/fees/ledger";
import { rateStory } from "@/lib/fees/ratings";
import { feeMonthCsv, feeMonthXlsx } from "@/lib/fees/export";
import { makeUser } from "../support/factories";

// 稿酬 months on print records written here, with amounts worked out by hand from the default table
// (≤200 字 ¥6, 201–300 ¥10, then ¥5 per started 100; photo ¥30; 一版 ¥20; 头条 ¥15; A 1.5, B 1.2).
// This file's own months are in 2019 (fees close only months that are over).
//
//   2019-03-04 第1版 头条  通讯 1,260 字   冯晓岚 (通讯员, 城关宣传办) + 本报记者 柯海平 (staff)
//              → (60 + 20 + 15) = 95; graded A: 142.50; split in two: 71.25 each, the staff half unpaid
//   2019-03-04 第2版       图片新闻 2 幅    摄影 任德远 (no account)           → 60
//   2019-03-20 第3版       消息 180 字      冯晓岚 (reprint: 转载)              → 0
//   2019-04-02 第2版       消息 250 字      冯晓岚                             → 10

let finance: SessionUser, finance2: SessionUser, editor: SessionUser, correspondent: SessionUser, other: SessionUser;
let fengId: string, keId: string, renId: string;
const stories = new Map<string, string>();
let issueNumber = 919_000;

type Piece = { headline: string; page: number; lead?: boolean; kind: "FEATURE" | "NEWS_BRIEF" | "PHOTO_NEWS"; characters: number; photos?: number; credits: [string, "CORRESPONDENT" | "REPORTER" | "PHOTOGRAPHER"][] };

async function released(date: string, pieces: Piece[]) {
  const issue = await db().issue.create({ data: { date: new Date(date), number: ++issueNumber, status: "PUBLISHED", publishedAt: new Date() }, select: { id: true } });
  for (const p of pieces) {
    const story = await db().story.create({ data: { kind: p.kind, status: "PUBLISHED", publishedAt: new Date(), headline: p.headline, body: [], authorId: editor.id }, select: { id: true } });
    stories.set(p.headline, story.id);
    const record = await db().printRecord.create({
      data: {
        event: "RELEASED", issueId: issue.id, issueDate: new Date(date), issueNumber, pageNumber: p.page, pageName: `第${p.page}版`, storyId: story.id,
        position: p.lead ? 0 : 1, isLead: !!p.lead, size: "SINGLE", kind: p.kind, kicker: "", headline: p.headline, byline: "", characters: p.characters,
      },
      select: { id: true },
    });
    for (const [position, [contributorId, role]] of p.credits.entries()) {
      const c = await db().contributor.findUniqueOrThrow({ where: { id: contributorId }, select: { name: true } });
      await db().printCredit.create({ data: { recordId: record.id, contributorId, name: c.name, role, position } });
    }
    for (let i = 0; i < (p.photos ?? 0); i++) {
      const photo = await db().photo.create({ data: { storageKey: `fees-test/${story.id}-${i}`, mimeType: "image/jpeg", width: 10, height: 10, bytes: 10, uploaderId: editor.id }, select: { id: true } });
      await db().printPhoto.create({ data: { recordId: record.id, photoId: photo.id, position: i, caption: "", credit: "" } });
    }
  }
}

beforeAll(async () => {
  finance = await makeUser("FINANCE", "钱会计");
  finance2 = await makeUser("FINANCE", "孙出纳");
  editor = await makeUser("EDITOR", "白编辑");
  correspondent = await makeUser("CORRESPONDENT", "冯晓岚");
  other = await makeUser("CORRESPONDENT", "葛通讯");
  const office = await db().unit.create({ data: { name: "城关镇宣传办（测试）", kind: "PROPAGANDA", region: "测试县" }, select: { id: true } });
  const paper = await db().unit.create({ data: { name: "本报（测试）", kind: "OWN" }, select: { id: true } });
  fengId = (await db().contributor.create({ data: { name: "冯晓岚", slug: `feng-${Date.now()}`, userId: correspondent.id, unitId: office.id }, select: { id: true } })).id;
  keId = (await db().contributor.create({ data: { name: "柯海平", slug: `ke-${Date.now()}`, unitId: paper.id }, select: { id: true } })).id;
  renId = (await db().contributor.create({ data: { name: "任德远", slug: `ren-${Date.now()}`, affiliation: "自由摄影师" }, select: { id: true } })).id;
  await released("2019-03-04", [
    { headline: "三月头条通讯", page: 1, lead: true, kind: "FEATURE", characters: 1260, credits: [[fengId, "CORRESPONDENT"], [keId, "REPORTER"]] },
    { headline: "三月图片新闻", page: 2, kind: "PHOTO_NEWS", characters: 60, photos: 2, credits: [[renId, "PHOTOGRAPHER"]] },
  ]);
  await released("2019-03-20", [{ headline: "转载的消息", page: 3, kind: "NEWS_BRIEF", characters: 180, credits: [[fengId, "CORRESPONDENT"]] }]);
  await released("2019-04-02", [{ headline: "四月消息", page: 2, kind: "NEWS_BRIEF", characters: 250, credits: [[fengId, "CORRESPONDENT"]] }]);
  await rateStory(editor, stories.get("三月头条通讯")!, { grade: "A", keyPiece: true, reprint: false });
  await rateStory(editor, stories.get("转载的消息")!, { grade: null, keyPiece: false, reprint: true });
});

const amounts = (lines: { payeeName: string; kind: string; amountFen: number }[]) => lines.map((l) => [l.payeeName, l.kind, l.amountFen]);

describe("a month of 稿酬", () => {
  it("works out an open month from what ran, with the sum in words", async () => {
    const march = await feeMonth(finance, "2019-03");
    expect(march.closed).toBeNull();
    expect(amounts(march.lines)).toEqual([
      ["冯晓岚", "PIECE", 7125],
      ["冯晓岚", "PIECE", 0],
      ["柯海平", "PIECE", 0],
      ["任德远", "PIECE", 6000],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]), "zh-CN")));
    expect(march.lines.find((l) => l.headline === "三月头条通讯" && l.payeeName === "冯晓岚")?.formula).toBe("1,260 字 ¥60 + 一版 ¥20 + 头条 ¥15 = ¥95，× A 1.5 = ¥142.50，2 人平分 ¥71.25");
    expect(march.lines.find((l) => l.payeeName === "柯海平")?.formula).toContain("本报人员不付稿酬");
    expect(march.lines.find((l) => l.headline === "转载的消息")?.formula).toContain("转载稿不付稿酬");
    expect(march.payees.map((p) => [p.payeeName, p.unitName, p.pieces, p.amountFen])).toEqual([
      ["冯晓岚", "城关镇宣传办（测试）", 2, 7125],
      ["任德远", "自由摄影师", 1, 6000],
      ["柯海平", "本报（测试）", 1, 0],
    ]);
    expect(march.totalFen).toBe(13125);
  });

  it("shows finance everything and a correspondent only their own", async () => {
    await expect(feeMonth(editor, "2019-03")).rejects.toThrow("只有财务和管理员可以查看和结算全部稿酬");
    await expect(feeMonth(correspondent, "2019-03")).rejects.toThrow("只有财务和管理员");
    const own = await feesOf(correspondent, fengId, "2019-03");
    expect(own.totalFen).toBe(7125);
    await expect(feesOf(other, fengId, "2019-03")).rejects.toThrow("只能查看自己的稿酬");
  });

  it("refuses a grade on copy that never ran, and a month still being published", async () => {
    const draft = await db().story.create({ data: { kind: "NEWS_BRIEF", headline: "草稿", body: [], authorId: correspondent.id }, select: { id: true } });
    await expect(rateStory(editor, draft.id, { grade: "A", keyPiece: false, reprint: false })).rejects.toThrow("这篇稿件没有采用见报，不能评级");
    await expect(rateStory(correspondent, stories.get("四月消息")!, { grade: "A", keyPiece: false, reprint: false })).rejects.toThrow("只有编辑可以给稿件评级");
    const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    await expect(closeFeeMonth(finance, thisMonth)).rejects.toThrow("还在出版");
    await expect(closeFeeMonth(finance, "2019-13")).rejects.toThrow("月份写法");
    await expect(closeFeeMonth(editor, "2019-03")).rejects.toThrow("只有财务和管理员");
    expect(await db().feeMonth.count()).toBe(0);
  });

  it("closes a month once when two close it at the same moment, and keeps its lines as written", async () => {
    const results = await Promise.allSettled([closeFeeMonth(finance, "2019-03"), closeFeeMonth(finance2, "2019-03")]);
    const done = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(String(refused[0].reason.message)).toMatch(/^2019-03 已由(钱会计|孙出纳)结算，不能重复结算$/);
    expect(await db().feeLine.count({ where: { month: "2019-03" } })).toBe(4);
    await expect(closeFeeMonth(finance, "2019-03")).rejects.toThrow("不能重复结算");
    await expect(db().$executeRaw`UPDATE "FeeLine" SET "amountFen" = 1 WHERE month = '2019-03'`).rejects.toThrow("稿酬明细不能修改或删除");
    await expect(db().$executeRaw`DELETE FROM "FeeMonth" WHERE month = '2019-03'`).rejects.toThrow("已结算的月份不能修改或撤销");
    await expect(addManualFeeLine(finance, { month: "2019-03", contributorId: fengId, amountFen: 500, reason: "补发" })).rejects.toThrow("2019-03 已结算，不能再改");
    await expect(closeFeeMonth(finance, "2019-02")).rejects.toThrow("2019-03 已经结算，更早的 2019-02 不能再结算");
    await expect(closeFeeMonth(finance, "2019-05")).rejects.toThrow("请先结算 2019-04");
    const march = await feeMonth(finance, "2019-03");
    expect(march.closed?.by).toMatch(/钱会计|孙出纳/);
    expect(march.totalFen).toBe(13125);
  });

  it("exports a closed month, the same bytes twice, and the workbook reads back to the screen's totals", async () => {
    const march = await feeMonth(finance, "2019-03");
    const csv = feeMonthCsv(march);
    expect(csv).toContain('"冯晓岚","城关镇宣传办（测试）","2","71.25"');
    expect(csv).toContain('"合计","","4","131.25"');
    const first = await feeMonthXlsx(march, "测试日报");
    const second = await feeMonthXlsx(await feeMonth(finance, "2019-03"), "测试日报");
    expect(first.equals(second)).toBe(true);
    // The command line (npm run fees:export) writes the same file.
    expect((await feeMonthXlsx(await closedFeeMonthForExport("2019-03"), "测试日报")).equals(first)).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(first as unknown as ArrayBuffer);
    const payees = book.getWorksheet("收款人汇总")!;
    const rows = payees.getSheetValues().slice(3).map((r) => (r as unknown[]).slice(1, 5));
    expect(rows).toEqual([
      ["冯晓岚", "城关镇宣传办（测试）", 2, 71.25],
      ["任德远", "自由摄影师", 1, 60],
      ["柯海平", "本报（测试）", 1, 0],
      ["合计", "", 4, 131.25],
    ]);
    expect(book.getWorksheet("稿酬明细")!.rowCount).toBe(1 + march.lines.length);
    await expect(feeMonthXlsx(await feeMonth(finance, "2019-04"), "测试日报")).rejects.toThrow("还没有结算");
  });

  it("puts a grade changed after the close into the next open month, naming the line it corrects", async () => {
    await rateStory(editor, stories.get("三月头条通讯")!, { grade: "B", keyPiece: true, reprint: false });
    await expect(addManualFeeLine(finance, { month: "2019-04", contributorId: fengId, amountFen: 800, reason: " " })).rejects.toThrow("请写明调整原因");
    await addManualFeeLine(finance, { month: "2019-04", contributorId: renId, amountFen: 800, reason: "三月图片漏计一幅" });
    const april = await feeMonth(finance, "2019-04");
    // (60 + 20 + 15) × 1.2 = 114, half is 57: 71.25 was paid, so -14.25.
    const original = await db().feeLine.findFirstOrThrow({ where: { month: "2019-03", kind: "PIECE", contributorId: fengId, amountFen: 7125 }, select: { id: true } });
    // The adjustment stands in the piece's date order: the March piece it corrects comes first.
    expect(april.lines.map((l) => [l.payeeName, l.kind, l.amountFen, l.correctsId])).toEqual([
      ["冯晓岚", "ADJUSTMENT", -1425, original.id],
      ["冯晓岚", "PIECE", 1000, null],
      ["任德远", "MANUAL", 800, null],
    ]);
    expect(april.lines[0].formula).toBe("2019-03 已结 ¥71.25，按现评级应为 ¥57（1,260 字 ¥60 + 一版 ¥20 + 头条 ¥15 = ¥95，× B 1.2 = ¥114，2 人平分 ¥57）");
    await closeFeeMonth(finance, "2019-04");
    // Closed: the adjustment is paid once; the month after has nothing left to correct.
    expect(amounts((await feeMonth(finance, "2019-04")).lines)).toEqual(amounts(april.lines));
    expect((await feeMonth(finance, "2019-05")).lines).toEqual([]);
    const audit = await db().auditEvent.findMany({ where: { action: { in: ["fees.close", "fees.adjust", "story.rate"] } }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["fees.adjust", "fees.close", "fees.close", "story.rate", "story.rate", "story.rate"]);
  });
});
