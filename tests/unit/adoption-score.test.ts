import { describe, expect, it } from "vitest";
import { creditShare, DEFAULT_SCORE_RULES as R, formatScore, pieceWorth, scoreRulesFrom, scoreRulesInput, type ScoredPiece } from "@/lib/adoption/score";
import { previousPeriod, readPeriod } from "@/lib/adoption/stats-periods";

// The scoring rules written out as a county paper's 通讯员考核办法 states them (一版 ×2, 头条 ×1.5,
// 重点稿 ×1.5, 简讯 ≤ 300 字 half, a shared byline split), not derived from the code.
const piece = (over: Partial<ScoredPiece>): ScoredPiece => ({ kind: "FEATURE", characters: 900, pageNumber: 3, isLead: false, keyPiece: false, photos: 0, ...over });

describe("what a piece is worth", () => {
  it.each([
    ["an inside-page feature", piece({}), 1],
    ["a 一版 feature", piece({ pageNumber: 1 }), 2],
    ["the 一版 头条", piece({ pageNumber: 1, isLead: true }), 3],
    ["a 一版头条 重点稿", piece({ pageNumber: 1, isLead: true, keyPiece: true }), 4.5],
    ["a 简讯 of 300 字", piece({ kind: "NEWS_BRIEF", characters: 300 }), 0.5],
    ["a 消息 of 301 字 (no longer a 简讯)", piece({ kind: "NEWS_BRIEF", characters: 301 }), 1],
    ["a 组图 of 8 photos, per set", piece({ kind: "PHOTO_STORY", photos: 8 }), 1],
    ["a 图片新闻 of 3 photos, per set", piece({ kind: "PHOTO_NEWS", photos: 3 }), 1],
  ])("%s", (_name, p, worth) => expect(pieceWorth(p, R)).toBe(worth));

  it("counts photo pieces per photo when the paper says so, and leaves 简讯 out at weight 0", () => {
    expect(pieceWorth(piece({ kind: "PHOTO_STORY", photos: 8 }), { ...R, photos: "PER_PHOTO" })).toBe(8);
    expect(pieceWorth(piece({ kind: "NEWS_BRIEF", characters: 120 }), { ...R, brief: 0 })).toBe(0);
  });

  it("splits a shared byline, or gives it to the first-listed", () => {
    expect([0, 1, 2].map((place) => creditShare(3, R, place, 3))).toEqual([1, 1, 1]);
    expect([0, 1].map((place) => creditShare(3, { ...R, shared: "FIRST" }, place, 2))).toEqual([3, 0]);
    expect(formatScore(1 / 3 + 1 / 3)).toBe("0.67");
  });
});

describe("the rules as an administrator sets them", () => {
  it("refuses a weight below 0, in Chinese", () => {
    expect(scoreRulesInput.safeParse({ ...R, frontPage: -1 }).error?.issues[0].message).toBe("一版权重不能小于 0");
    expect(scoreRulesFrom({})).toEqual(R);
    expect(scoreRulesFrom({ lead: 2 })).toEqual({ ...R, lead: 2 });
  });
});

describe("periods", () => {
  it.each([
    ["2026-11", "month", "2026年11月", "2026-11-01", "2026-12-01", "2026-10"],
    ["2026-01", "month", "2026年1月", "2026-01-01", "2026-02-01", "2025-12"],
    ["2026-Q1", "quarter", "2026年第1季度", "2026-01-01", "2026-04-01", "2025-Q4"],
    ["2024-Q4", "quarter", "2024年第4季度", "2024-10-01", "2025-01-01", "2024-Q3"],
    ["2026", "year", "2026年", "2026-01-01", "2027-01-01", "2025"],
  ])("%s", (key, kind, label, from, to, before) => {
    const p = readPeriod(key)!;
    expect([p.kind, p.label, p.from, p.to, previousPeriod(p).key]).toEqual([kind, label, from, to, before]);
  });
  it.each(["2026-13", "2026-Q5", "26", "", "2026-1"])("refuses %j", (key) => expect(readPeriod(key)).toBeNull());
});
