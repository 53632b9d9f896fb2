import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { adoptionStats, excellentCandidates } from "@/lib/adoption/stats";
import { adoptionOf, adoptionTotals, myRanPieces } from "@/lib/adoption/my-work";
import { DEFAULT_SCORE_RULES } from "@/lib/adoption/score";
import { makeUser } from "../support/factories";

// 采用 statistics on release records written here; every number below is worked out by hand from
// the default rules (一版 ×2, 头条 ×1.5, 重点稿 ×1.5, 简讯 ≤300 字 ×0.5, shared bylines split, photo
// pieces per set). This file's own year is 2018.
//
//   2018-04-10 第2版        通讯 1,200 字    甘雨桐                         甘 1
//   2018-05-03 第1版 头条   通讯 900 字      甘雨桐 + 本报记者 黎振宇       2 × 1.5 = 3, halved: 甘 1.5 (黎: staff, not ranked)
//   2018-05-03 第2版        消息 250 字      秦立夏                         简讯 0.5
//   2018-05-20 第3版        组图 6 幅 重点稿 邵明川 (摄影)                  1 × 1.5 = 1.5
//   2018-05-20 第1版        评论 800 字      甘雨桐 + 秦立夏                2, halved: 1 each
//
// May: 甘 2.5 (April 1), 秦 1.5, 邵 1.5 (秦 ranks first on more pieces used). 东岭镇融媒体中心 (甘, 秦) 4.

let editor: SessionUser, gan: SessionUser, finance: SessionUser;
const ids = new Map<string, string>();
let issueNumber = 918_000;
const issues = new Map<string, string>();

async function issueOn(date: string): Promise<string> {
  if (!issues.has(date)) issues.set(date, (await db().issue.create({ data: { date: new Date(date), number: ++issueNumber, status: "PUBLISHED", publishedAt: new Date() }, select: { id: true } })).id);
  return issues.get(date)!;
}

async function ran(date: string, p: { headline: string; page: number; lead?: boolean; kind: "FEATURE" | "NEWS_BRIEF" | "PHOTO_STORY" | "COMMENTARY"; characters: number; photos?: number; author?: string; credits: [string, "CORRESPONDENT" | "REPORTER" | "PHOTOGRAPHER"][] }) {
  const issueId = await issueOn(date);
  const story = await db().story.create({ data: { kind: p.kind, status: "PUBLISHED", publishedAt: new Date(), headline: `${p.headline}（原题）`, body: [], authorId: p.author ?? editor.id }, select: { id: true } });
  ids.set(p.headline, story.id);
  const record = await db().printRecord.create({
    data: { event: "RELEASED", issueId, issueDate: new Date(date), issueNumber, pageNumber: p.page, pageName: `第${p.page}版 测试版`, storyId: story.id, position: p.lead ? 0 : 1, isLead: !!p.lead, size: "SINGLE", kind: p.kind, kicker: "", headline: p.headline, byline: "", characters: p.characters },
    select: { id: true },
  });
  for (const [position, [who, role]] of p.credits.entries()) {
    await db().printCredit.create({ data: { recordId: record.id, contributorId: ids.get(who)!, name: who, role, position } });
  }
  for (let i = 0; i < (p.photos ?? 0); i++) {
    const photo = await db().photo.create({ data: { storageKey: `adoption-test/${story.id}-${i}`, mimeType: "image/jpeg", width: 10, height: 10, bytes: 10, uploaderId: editor.id }, select: { id: true } });
    await db().printPhoto.create({ data: { recordId: record.id, photoId: photo.id, position: i, caption: "", credit: "" } });
  }
  return story.id;
}

beforeAll(async () => {
  editor = await makeUser("EDITOR", "单编辑");
  finance = await makeUser("FINANCE", "管会计");
  gan = await makeUser("CORRESPONDENT", "甘雨桐");
  const town = await db().unit.create({ data: { name: "东岭镇融媒体中心（测试）", kind: "MEDIA_CENTER", region: "测试县" }, select: { id: true } });
  const school = await db().unit.create({ data: { name: "县一中（测试）", kind: "SCHOOL", region: "测试县" }, select: { id: true } });
  const person = async (name: string, unitId: string | null, userId?: string) =>
    ids.set(name, (await db().contributor.create({ data: { name, slug: `adopt-${name}-${Date.now()}`, unitId, userId }, select: { id: true } })).id);
  await person("甘雨桐", town.id, gan.id);
  await person("秦立夏", town.id);
  await person("邵明川", school.id);
  await person("黎振宇", null);

  await ran("2018-04-10", { headline: "四月通讯", page: 2, kind: "FEATURE", characters: 1200, credits: [["甘雨桐", "CORRESPONDENT"]] });
  const lead = await ran("2018-05-03", { headline: "五月头条", page: 1, lead: true, kind: "FEATURE", characters: 900, credits: [["甘雨桐", "CORRESPONDENT"], ["黎振宇", "REPORTER"]] });
  await ran("2018-05-03", { headline: "五月简讯", page: 2, kind: "NEWS_BRIEF", characters: 250, credits: [["秦立夏", "CORRESPONDENT"]] });
  const set = await ran("2018-05-20", { headline: "五月组图", page: 3, kind: "PHOTO_STORY", characters: 120, photos: 6, credits: [["邵明川", "PHOTOGRAPHER"]] });
  await ran("2018-05-20", { headline: "五月评论", page: 1, kind: "COMMENTARY", characters: 800, author: gan.id, credits: [["甘雨桐", "CORRESPONDENT"], ["秦立夏", "CORRESPONDENT"]] });
  await db().storyRating.create({ data: { storyId: set, keyPiece: true, ratedById: editor.id } });
  // 甘 filed the lead in May (submission counts as 来稿, whoever is credited).
  await db().story.update({ where: { id: lead }, data: { submittedAt: new Date("2018-05-02T02:00:00Z") } });
  await db().storyContributor.create({ data: { storyId: lead, contributorId: ids.get("甘雨桐")!, role: "CORRESPONDENT", position: 0 } });
});

const table = (rows: { name?: string; unitName: string; used: number; score: number }[]) => rows.map((r) => [r.name ?? r.unitName, r.used, r.score]);

describe("采用 statistics", () => {
  it("ranks the month's correspondents and units by the paper's score, with last month beside it", async () => {
    const may = await adoptionStats(editor, "2018-05");
    expect(may.period.label).toBe("2018年5月");
    expect(table(may.people)).toEqual([
      ["甘雨桐", 2, 2.5],
      ["秦立夏", 2, 1.5],
      ["邵明川", 1, 1.5],
    ]);
    const ganRow = may.people[0];
    expect(ganRow).toMatchObject({ filed: 1, frontPage: 2, leads: 1, characters: 1700, previousScore: 1, unitName: "东岭镇融媒体中心（测试）" });
    expect(may.people[2]).toMatchObject({ photos: 6, photoSets: 1, characters: 0 });
    expect(may.units.map((u) => [u.unitName, u.people, u.used, u.score, u.previousScore])).toEqual([
      ["东岭镇融媒体中心（测试）", 2, 4, 4, 1],
      ["县一中（测试）", 1, 1, 1.5, 0],
    ]);
  });

  it("adds up a quarter and follows a rule change: first-listed only, 简讯 left out", async () => {
    const q2 = await adoptionStats(finance, "2018-Q2");
    expect(q2.period.label).toBe("2018年第2季度");
    expect(q2.people.find((p) => p.name === "甘雨桐")?.score).toBe(3.5);
    await db().paperProfile.upsert({ where: { id: "paper" }, create: { name: "测试日报", scoreRules: { ...DEFAULT_SCORE_RULES, shared: "FIRST", brief: 0 } }, update: { scoreRules: { ...DEFAULT_SCORE_RULES, shared: "FIRST", brief: 0 } } });
    try {
      const may = await adoptionStats(editor, "2018-05");
      expect(table(may.people)).toEqual([
        ["甘雨桐", 2, 5],
        ["邵明川", 1, 1.5],
        ["秦立夏", 2, 0],
      ]);
    } finally {
      await db().paperProfile.update({ where: { id: "paper" }, data: { scoreRules: {} } });
    }
  });

  it("names the year's 优秀通讯员 candidates by the bar, with the pieces that qualify them", async () => {
    await db().paperProfile.update({ where: { id: "paper" }, data: { scoreRules: { ...DEFAULT_SCORE_RULES, excellentMinScore: 3 } } });
    try {
      const { bar, candidates } = await excellentCandidates(editor, "2018");
      expect(bar).toBe(3);
      expect(candidates.map((c) => [c.person.name, c.person.score, c.pieces.map((p) => [p.headline, p.share])])).toEqual([
        ["甘雨桐", 3.5, [["五月头条", 1.5], ["四月通讯", 1], ["五月评论", 1]]],
      ]);
      // The table's score (added up in SQL) is the pieces' shares by the TypeScript rules, added up here.
      for (const c of candidates) expect(c.pieces.reduce((sum, p) => sum + p.share, 0)).toBeCloseTo(c.person.score, 9);
    } finally {
      await db().paperProfile.update({ where: { id: "paper" }, data: { scoreRules: {} } });
    }
  });

  it("refuses a correspondent and a period written wrong", async () => {
    await expect(adoptionStats(gan, "2018-05")).rejects.toThrow("只有编辑、财务和管理员可以查看采用统计");
    await expect(adoptionStats(editor, "2018-13")).rejects.toThrow("统计时段写法");
  });
});

describe("我的稿件: what a correspondent sees of their own", () => {
  it("lists every piece that ran with their name, a shared byline too, under the headline as printed", async () => {
    const pieces = await myRanPieces(gan, new Date("2018-01-01"));
    expect(pieces.map((p) => [p.issueDate, p.pageNumber, p.headline, p.sharedWith])).toEqual([
      ["2018-05-20", 1, "五月评论", ["秦立夏"]],
      ["2018-05-03", 1, "五月头条", ["黎振宇"]],
      ["2018-04-10", 2, "四月通讯", []],
    ]);
    expect(adoptionTotals(pieces, "2018-05")).toEqual({ month: { pieces: 2, characters: 1700 }, year: { pieces: 3, characters: 2900 } });
  });

  it("says 已采用 with the page, and 未采用 with the desk's reason", async () => {
    const spiked = await db().story.create({ data: { kind: "NEWS_BRIEF", status: "SPIKED", headline: "没用上的稿", body: [], authorId: gan.id }, select: { id: true } });
    await db().reviewRecord.create({ data: { storyId: spiked.id, step: "FIRST", decision: "REJECT", opinion: "与昨日稿件重复", version: 1, reviewerId: editor.id } });
    const filed = await db().story.create({ data: { kind: "NEWS_BRIEF", status: "SUBMITTED", headline: "刚交的稿", body: [], authorId: gan.id }, select: { id: true } });
    const adoption = await adoptionOf(gan, [ids.get("五月评论")!, spiked.id, filed.id, ids.get("四月通讯")!]);
    expect(adoption.get(ids.get("五月评论")!)).toMatchObject({ state: "USED", ran: { pageNumber: 1, pageName: "第1版 测试版", headline: "五月评论", issueDate: "2018-05-20" } });
    expect(adoption.get(spiked.id)).toEqual({ state: "NOT_USED", reason: "与昨日稿件重复" });
    expect(adoption.get(filed.id)).toEqual({ state: "RECEIVED" });
    // Not theirs to read here: filed by the desk.
    expect(adoption.has(ids.get("四月通讯")!)).toBe(false);
  });
});
