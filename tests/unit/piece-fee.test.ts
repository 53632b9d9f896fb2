import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_FEE_TABLE, feeTableFrom, feeTableInput, type FeeTable } from "@/lib/fees/fee-table";
import { pieceFee, textFee, type PieceAsRan } from "@/lib/fees/piece-fee";
import { parseYuan, percentOf, yuan, yuanInCapitals, yuanPlain } from "@/lib/fees/money";

// The cases were worked out by hand from the paper's notice (the fee spec) by someone who did not
// see this code: the fixture's `expected` is their reading of the rules, not ours.
type Case = { name: string; table?: Partial<FeeTable>; piece: PieceAsRan; expected: Record<string, number>; why?: string };
const fixture = JSON.parse(readFileSync("tests/fixtures/fees/fee-cases.json", "utf8")) as { table: FeeTable; cases: Case[] };

describe("稿酬 of a piece, on the hand-worked cases", () => {
  it("the fixture's table is the default table", () => {
    expect(fixture.table).toEqual(DEFAULT_FEE_TABLE);
    expect(fixture.cases.length).toBeGreaterThanOrEqual(40);
  });
  it.each(fixture.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const table = { ...fixture.table, ...c.table };
    const got = Object.fromEntries(pieceFee(c.piece, table).map((s) => [s.contributorId, s.fen]));
    expect(got).toEqual(c.expected);
  });
});

describe("the sum in words", () => {
  const writer = { id: "w", role: "CORRESPONDENT" as const, staff: false };
  const piece = (over: Partial<PieceAsRan>): PieceAsRan => ({ kind: "FEATURE", characters: 1260, pageNumber: 3, isLead: false, photos: 0, grade: null, reprint: false, credits: [writer], ...over });

  it("names the characters, the bonuses and the grade", () => {
    const [share] = pieceFee(piece({ pageNumber: 1, grade: "A" }), DEFAULT_FEE_TABLE);
    expect(share).toEqual({ contributorId: "w", fen: 12000, formula: "1,260 字 ¥60 + 一版 ¥20 = ¥80，× A 1.5 = ¥120" });
  });
  it("says a split, a staff share and a reprint", () => {
    const staff = { id: "s", role: "REPORTER" as const, staff: true };
    const shares = pieceFee(piece({ credits: [staff, writer], characters: 250 }), DEFAULT_FEE_TABLE);
    expect(shares).toEqual([
      { contributorId: "s", fen: 0, formula: "250 字 ¥10，2 人平分 ¥5；本报人员不付稿酬" },
      { contributorId: "w", fen: 500, formula: "250 字 ¥10，2 人平分 ¥5" },
    ]);
    expect(pieceFee(piece({ reprint: true }), DEFAULT_FEE_TABLE)[0]).toMatchObject({ fen: 0, formula: "1,260 字 ¥60；转载稿不付稿酬" });
  });
  it("tells the others of a FIRST rule why they get nothing", () => {
    const other = { id: "o", role: "CORRESPONDENT" as const, staff: false };
    const shares = pieceFee(piece({ credits: [writer, other] }), { ...DEFAULT_FEE_TABLE, shared: "FIRST" });
    expect(shares.map((s) => [s.contributorId, s.fen, s.formula])).toEqual([
      ["w", 6000, "1,260 字 ¥60"],
      ["o", 0, "1,260 字 ¥60；归第一署名人"],
    ]);
  });
  it("pays by tier, then by each started step past the last", () => {
    expect([1, 200, 201, 300, 301, 400, 401, 1260].map((n) => textFee(DEFAULT_FEE_TABLE, n).fen)).toEqual([600, 600, 1000, 1000, 1500, 1500, 2000, 6000]);
    expect(textFee(DEFAULT_FEE_TABLE, 0)).toEqual({ fen: 0, formula: "" });
  });
});

describe("the fee table as an administrator sets it", () => {
  const withTiers = (textTiers: { upTo: number; fen: number }[]) => feeTableInput.safeParse({ ...DEFAULT_FEE_TABLE, textTiers });
  it("refuses overlapping and negative tiers, in Chinese", () => {
    const overlap = withTiers([{ upTo: 300, fen: 600 }, { upTo: 200, fen: 1000 }]);
    expect(overlap.success).toBe(false);
    expect(overlap.error?.issues[0].message).toBe("第 2 档的字数（200 字）应大于上一档（300 字），字数档不能重叠");
    const negative = withTiers([{ upTo: 200, fen: -100 }]);
    expect(negative.error?.issues[0].message).toBe("字数档稿酬不能为负数");
    expect(feeTableInput.safeParse({ ...DEFAULT_FEE_TABLE, gradePercent: { A: -1, B: 100, C: 100 } }).error?.issues[0].message).toBe("等级倍数不能为负数");
  });
  it("reads an unset table as the default", () => {
    expect(feeTableFrom({})).toEqual(DEFAULT_FEE_TABLE);
    expect(() => feeTableFrom({ ...DEFAULT_FEE_TABLE, beyondPer: 0 })).toThrow();
  });
});

describe("money in fen", () => {
  it("prints and reads yuan", () => {
    expect([0, 600, 720, 123456, -350].map(yuan)).toEqual(["¥0", "¥6", "¥7.20", "¥1,234.56", "-¥3.50"]);
    expect([0, 5, -350].map(yuanPlain)).toEqual(["0.00", "0.05", "-3.50"]);
    expect(["6", "6.5", "¥10.05", "1,200", "-3", "20元", "6.555", "abc", ""].map(parseYuan)).toEqual([600, 650, 1005, 120000, -300, 2000, null, null, null]);
  });
  it("rounds a percentage half up to the fen", () => {
    expect([percentOf(1111, 150), percentOf(666, 120), percentOf(3333, 120), percentOf(-1111, 150)]).toEqual([1667, 799, 4000, -1667]);
  });
});

describe("amounts in capitals, as a 稿费单 writes them", () => {
  it.each([
    [0, "零元整"],
    [600, "陆元整"],
    [1000, "壹拾元整"],
    [14250, "壹佰肆拾贰元伍角"],
    [100500, "壹仟零伍元整"],
    [123456, "壹仟贰佰叁拾肆元伍角陆分"],
    [5, "伍分"],
    [1005, "壹拾元零伍分"],
    [10000000, "壹拾万元整"],
    [10010000, "壹拾万零壹佰元整"],
    [1000000100, "壹仟万零壹元整"],
    [-350, "负叁元伍角"],
  ])("%i 分 → %s", (fen, words) => expect(yuanInCapitals(fen)).toBe(words));
});
