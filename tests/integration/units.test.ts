import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import type { Prisma } from "@/lib/generated/prisma/client";
import { contributorsForUnits, createUnit, listUnits, setContributorUnit, updateUnit } from "@/lib/adoption/units";
import { feeTableSetting, scoreRulesSetting, updateFeeTable, updateScoreRules } from "@/lib/fees/rules-settings";
import { describeAuditSummary } from "@/lib/audit/summary";
import { makeUser } from "../support/factories";

// 通讯员单位 and the paper's fee and scoring rules, as an administrator keeps them. Names carry this
// run's own mark, so other files' units and people never collide with them.

const mark = randomUUID().slice(0, 6);
const named = (name: string) => `${name}${mark}`;
let admin: SessionUser, editor: SessionUser, finance: SessionUser;
let storedBefore: { feeTable: Prisma.JsonValue; scoreRules: Prisma.JsonValue } | null;

const auditsBy = (actor: SessionUser, action: string) =>
  db().auditEvent.findMany({ where: { actorId: actor.id, action }, orderBy: { at: "asc" }, select: { action: true, targetType: true, targetId: true, summary: true } });

async function person(name: string, affiliation = "") {
  return db().contributor.create({ data: { name, affiliation, slug: `p-${randomUUID().slice(0, 12)}` }, select: { id: true } });
}

beforeAll(async () => {
  admin = await makeUser("ADMIN", "周管理");
  editor = await makeUser("EDITOR", "刘编辑");
  finance = await makeUser("FINANCE", "钱财务");
  // The rules are saved beside the masthead; other files' rules are put back afterwards.
  await db().paperProfile.upsert({ where: { id: "paper" }, create: { name: "测试日报" }, update: {} });
  storedBefore = await db().paperProfile.findUnique({ where: { id: "paper" }, select: { feeTable: true, scoreRules: true } });
});

afterAll(async () => {
  if (storedBefore) await db().paperProfile.update({ where: { id: "paper" }, data: { feeTable: storedBefore.feeTable as Prisma.InputJsonValue, scoreRules: storedBefore.scoreRules as Prisma.InputJsonValue } });
});

describe("units", () => {
  it("are created, renamed and re-kinded by an administrator, each change audited in words", async () => {
    const name = named("测试县委宣传部");
    const { id } = await createUnit(admin, { name: `  ${name} `, kind: "PROPAGANDA", region: "测试县" });
    expect((await listUnits()).find((u) => u.id === id)).toEqual({ id, name, kind: "PROPAGANDA", region: "测试县", people: 0 });

    await updateUnit(admin, id, { name: named("测试县融媒体中心"), kind: "MEDIA_CENTER", region: "测试县" });
    expect(await db().unit.findUniqueOrThrow({ where: { id }, select: { name: true, kind: true } })).toEqual({ name: named("测试县融媒体中心"), kind: "MEDIA_CENTER" });
    // Saving what is already there changes nothing and records nothing.
    await updateUnit(admin, id, { name: named("测试县融媒体中心"), kind: "MEDIA_CENTER", region: "测试县" });

    const created = (await auditsBy(admin, "unit.create")).filter((a) => a.targetId === id);
    expect(created).toEqual([{ action: "unit.create", targetType: "unit", targetId: id, summary: { unit: name, unitKind: "PROPAGANDA", region: "测试县" } }]);
    const updated = (await auditsBy(admin, "unit.update")).filter((a) => a.targetId === id);
    expect(updated).toHaveLength(1);
    expect(describeAuditSummary(updated[0])).toEqual([`单位：${name} → ${named("测试县融媒体中心")}`, "类别：宣传部门 → 融媒体中心"]);
  });

  it("refuses a name another unit has, in Chinese naming it, and changes nothing", async () => {
    const first = named("测试一中");
    const { id: firstId } = await createUnit(admin, { name: first, kind: "SCHOOL", region: "" });
    const { id: secondId } = await createUnit(admin, { name: named("测试二中"), kind: "SCHOOL", region: "" });
    await expect(createUnit(admin, { name: first, kind: "OTHER", region: "" })).rejects.toMatchObject({ message: `已有同名单位：${first}`, fieldErrors: { name: [`已有同名单位：${first}`] } });
    await expect(updateUnit(admin, secondId, { name: ` ${first}`, kind: "SCHOOL", region: "" })).rejects.toThrow(`已有同名单位：${first}`);
    expect(await db().unit.count({ where: { name: first } })).toBe(1);
    expect(await db().unit.findUniqueOrThrow({ where: { id: secondId }, select: { name: true } })).toEqual({ name: named("测试二中") });
    // A unit keeps its own name.
    await updateUnit(admin, firstId, { name: first, kind: "SCHOOL", region: "东城区" });
    expect((await auditsBy(admin, "unit.update")).some((a) => a.targetId === secondId)).toBe(false);
  });

  it("refuses what is not a unit: no name, too long, a kind that does not exist, a unit that is not there", async () => {
    await expect(createUnit(admin, { name: " ", kind: "SCHOOL", region: "" })).rejects.toThrow("请填写单位名称");
    await expect(createUnit(admin, { name: "名".repeat(41), kind: "SCHOOL", region: "" })).rejects.toThrow("单位名称不能超过 40 个字");
    await expect(createUnit(admin, { name: named("测试单位"), kind: "CHURCH", region: "" })).rejects.toThrow("请选择单位类别");
    await expect(createUnit(admin, { name: named("测试单位"), kind: "SCHOOL", region: "区".repeat(21) })).rejects.toThrow("地区不能超过 20 个字");
    await expect(updateUnit(admin, "cnotaunit000000000000000", { name: named("测试单位"), kind: "SCHOOL", region: "" })).rejects.toThrow("找不到这个单位");
    expect(await db().unit.count({ where: { name: named("测试单位") } })).toBe(0);
  });

  it("are kept by administrators only", async () => {
    const { id } = await createUnit(admin, { name: named("测试企业"), kind: "COMPANY", region: "" });
    for (const someone of [editor, finance]) {
      await expect(createUnit(someone, { name: named("越权单位"), kind: "OTHER", region: "" })).rejects.toMatchObject({ code: "forbidden", message: "只有管理员可以管理通讯员单位" });
      await expect(updateUnit(someone, id, { name: named("越权改名"), kind: "OTHER", region: "" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(contributorsForUnits(someone, "")).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await db().unit.findUniqueOrThrow({ where: { id }, select: { name: true } })).toEqual({ name: named("测试企业") });
    expect(await db().unit.count({ where: { name: named("越权单位") } })).toBe(0);
  });
});

describe("a contributor's unit", () => {
  it("is set, changed and cleared by an administrator, audited with the unit before", async () => {
    const { id: unitId } = await createUnit(admin, { name: named("测试镇宣传办"), kind: "PROPAGANDA", region: "测试县" });
    const { id: other } = await createUnit(admin, { name: named("测试县教育局"), kind: "GOVERNMENT", region: "测试县" });
    const who = await person(named("孟通讯"), "测试镇");

    await setContributorUnit(admin, who.id, unitId);
    expect((await listUnits()).find((u) => u.id === unitId)?.people).toBe(1);
    await setContributorUnit(admin, who.id, other);
    await setContributorUnit(admin, who.id, other); // the same again: nothing to record
    await setContributorUnit(admin, who.id, null);
    expect(await db().contributor.findUniqueOrThrow({ where: { id: who.id }, select: { unitId: true } })).toEqual({ unitId: null });

    const audits = (await auditsBy(admin, "contributor.unit")).filter((a) => a.targetId === who.id);
    // (jsonb keeps keys shortest first, so the unit is named before the person)
    expect(audits.map((a) => describeAuditSummary(a))).toEqual([
      [`单位：（未设单位） → ${named("测试镇宣传办")}`, `作者：${named("孟通讯")}`],
      [`单位：${named("测试镇宣传办")} → ${named("测试县教育局")}`, `作者：${named("孟通讯")}`],
      [`单位：${named("测试县教育局")} → （未设单位）`, `作者：${named("孟通讯")}`],
    ]);
    expect(audits.every((a) => a.targetType === "contributor")).toBe(true);
  });

  it("is refused to others and to a unit that is not there, changing nothing", async () => {
    const { id: unitId } = await createUnit(admin, { name: named("测试街道办"), kind: "GOVERNMENT", region: "" });
    const who = await person(named("谷作者"));
    await expect(setContributorUnit(editor, who.id, unitId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(setContributorUnit(admin, who.id, "cnotaunit000000000000000")).rejects.toThrow("找不到这个单位");
    await expect(setContributorUnit(admin, "cnotaperson0000000000000", unitId)).rejects.toThrow("找不到这位作者");
    expect(await db().contributor.findUniqueOrThrow({ where: { id: who.id }, select: { unitId: true } })).toEqual({ unitId: null });
  });

  it("lists people by name or typed affiliation, those without a unit first, with their account", async () => {
    const { id: unitId } = await createUnit(admin, { name: named("测试乡文化站"), kind: "OTHER", region: "" });
    const placed = await person(named("甲名单"));
    await setContributorUnit(admin, placed.id, unitId);
    const unplaced = await person(named("乙名单"));
    const byAffiliation = await person("丙", named("名单乡"));
    const account = await makeUser("CORRESPONDENT", named("丁名单"));
    const withAccount = await db().contributor.create({ data: { name: named("丁名单"), slug: account.username, userId: account.id }, select: { id: true } });

    const listed = await contributorsForUnits(admin, `名单${mark}`.slice(0, 20));
    expect(listed.map((p) => p.id)).toEqual(expect.arrayContaining([placed.id, unplaced.id, withAccount.id]));
    expect(listed.at(-1)).toMatchObject({ id: placed.id, unitId, unitName: named("测试乡文化站"), username: null });
    expect(listed.find((p) => p.id === withAccount.id)).toMatchObject({ username: account.username, unitId: null });
    expect((await contributorsForUnits(admin, named("名单乡"))).map((p) => p.id)).toEqual([byAffiliation.id]);
    // What the address may carry: nothing that can search is no filter, never an error.
    for (const hostile of ["\u0000", ["a", "b"], "%", "'; DROP TABLE \"Unit\"; --", undefined]) await expect(contributorsForUnits(admin, hostile)).resolves.toBeInstanceOf(Array);
  });
});

describe("the fee table", () => {
  const form = async (changes: Record<string, string> = {}) => {
    const setting = await feeTableSetting();
    return { ...setting.values, basedOn: setting.basedOn, ...changes };
  };
  const stored = async () => (await db().paperProfile.findUniqueOrThrow({ where: { id: "paper" }, select: { feeTable: true } })).feeTable;

  it("is saved from yuan as typed, and audited with the lines that changed", async () => {
    expect(await updateFeeTable(admin, await form())).toBe(false); // the form as filled: nothing changed
    const saved = await updateFeeTable(admin, await form({ frontPageYuan: "30", gradeA: "1.8", tier1Yuan: "¥10.50", payStaff: "on" }));
    expect(saved).toBe(true);
    expect(await stored()).toMatchObject({ frontPageFen: 3000, gradePercent: { A: 180 }, textTiers: [{ fen: 600 }, { fen: 1050 }], payStaff: true });
    expect((await feeTableSetting()).lines).toContain("加发：一版 ¥30，头条 ¥15");

    const [audit] = (await auditsBy(admin, "fees.table")).slice(-1);
    expect(audit).toMatchObject({ targetType: "paper", targetId: "paper", summary: { rules: "稿酬标准" } });
    const words = describeAuditSummary(audit);
    expect(words[0]).toMatch(/^设置：.*一版 ¥20.* → .*一版 ¥30/);
    expect(words[0]).toContain("A × 1.8");
    expect(words[0]).not.toContain("图片："); // unchanged lines are left out
    expect(words).toContain("办法：稿酬标准");
  });

  it("refuses overlapping tiers, negative and unreadable amounts beside their fields, and saves nothing", async () => {
    const before = await stored();
    const audits = (await auditsBy(admin, "fees.table")).length;
    await expect(updateFeeTable(admin, await form({ tier0Chars: "300", tier1Chars: "200" }))).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { tier1Chars: ["第 2 档的字数（200 字）应大于上一档（300 字），字数档不能重叠"] },
    });
    // Everything wrong is said at once, the tiers too (the schema judges them only when the rest reads).
    await expect(updateFeeTable(admin, await form({ tier1Chars: "150", frontPageYuan: "-1" }))).rejects.toMatchObject({
      fieldErrors: { tier1Chars: [expect.stringContaining("字数档不能重叠")], frontPageYuan: ["一版加发不能为负数"] },
    });
    await expect(updateFeeTable(admin, await form({ leadYuan: "-5" }))).rejects.toMatchObject({ message: "稿酬标准未保存：头条加发不能为负数", fieldErrors: { leadYuan: ["头条加发不能为负数"] } });
    await expect(updateFeeTable(admin, await form({ tier1Yuan: "-1" }))).rejects.toMatchObject({ fieldErrors: { tier1Yuan: ["第 2 档：字数档稿酬不能为负数"] } });
    await expect(updateFeeTable(admin, await form({ frontPageYuan: "二十元", photoYuan: "" }))).rejects.toMatchObject({
      message: expect.stringContaining("（共 2 处，见各栏）"),
      fieldErrors: { frontPageYuan: ["一版加发应为金额（元），例如 6 或 6.50"], photoYuan: ["请填写每幅图片稿酬（不发填 0）"] },
    });
    await expect(updateFeeTable(admin, await form({ gradeB: "-1.2", gradeC: "一倍" }))).rejects.toMatchObject({
      fieldErrors: { gradeB: ["B 级：等级倍数不能为负数"], gradeC: ["C 级倍数应为数字，最多两位小数，例如 1.5"] },
    });
    await expect(updateFeeTable(admin, await form({ tier2Chars: "500" }))).rejects.toMatchObject({ fieldErrors: { tier2Yuan: ["第 3 档缺少稿酬"] } });
    await expect(updateFeeTable(admin, await form({ shared: "ALL" }))).rejects.toMatchObject({ fieldErrors: { shared: ["请选择多人署名的分配办法"] } });
    expect(await stored()).toEqual(before);
    expect(await auditsBy(admin, "fees.table")).toHaveLength(audits);
  });

  it("refuses a save based on a table changed since, and anyone but an administrator", async () => {
    const before = await stored();
    const stale = await form({ leadYuan: "16" });
    await updateFeeTable(admin, await form({ leadYuan: "18" }));
    await expect(updateFeeTable(admin, stale)).rejects.toMatchObject({ code: "conflict", message: "稿酬标准刚被别人改过，请刷新页面，看过现在的稿酬标准后再改" });
    expect(await stored()).toMatchObject({ leadFen: 1800 });
    for (const someone of [editor, finance]) await expect(updateFeeTable(someone, await form({ leadYuan: "99" }))).rejects.toMatchObject({ code: "forbidden" });
    expect(await stored()).not.toEqual(before);
    expect(await stored()).toMatchObject({ leadFen: 1800 });
  });
});

describe("the scoring rules", () => {
  const form = async (changes: Record<string, string> = {}) => {
    const setting = await scoreRulesSetting();
    return { ...setting.values, basedOn: setting.basedOn, ...changes };
  };

  it("are saved and audited as a change of the fee rules that names them", async () => {
    expect(await updateScoreRules(admin, await form({ lead: "2", photos: "PER_PHOTO" }))).toBe(true);
    expect((await scoreRulesSetting()).lines).toEqual(expect.arrayContaining(["权重：一版 ×2，头条 ×2，重点稿 ×1.5", "图片稿：按幅计"]));
    const [audit] = (await auditsBy(admin, "fees.table")).slice(-1);
    expect(describeAuditSummary(audit)).toEqual(["设置：权重：一版 ×2，头条 ×1.5，重点稿 ×1.5。图片稿：按组（篇）计 → 权重：一版 ×2，头条 ×2，重点稿 ×1.5。图片稿：按幅计", "办法：采用计分办法"]);
  });

  it("refuses what is not a number or out of range, naming the field, and saves nothing", async () => {
    const before = (await scoreRulesSetting()).lines;
    await expect(updateScoreRules(admin, await form({ keyPiece: "很重要", brief: "-1", excellentMinScore: "" }))).rejects.toMatchObject({
      fieldErrors: { keyPiece: ["重点稿权重应为数字，例如 1.5"], brief: ["简讯权重不能小于 0"], excellentMinScore: ["请填写评优分数线"] },
    });
    await expect(updateScoreRules(editor, await form({ lead: "3" }))).rejects.toMatchObject({ code: "forbidden" });
    expect((await scoreRulesSetting()).lines).toEqual(before);
  });
});
