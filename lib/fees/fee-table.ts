import { z } from "zod";

// The paper's 稿酬标准 (fee table), as an administrator sets it and a closed month keeps it. Pure:
// the fee rules (lib/fees/piece-fee.ts), the settings form and the close all read this one shape.
// Money in 分.

export const GRADES = ["A", "B", "C"] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { A: "A 级（好稿）", B: "B 级", C: "C 级" };

export const SHARE_RULES = ["SPLIT", "FIRST"] as const;
export type ShareRule = (typeof SHARE_RULES)[number];
export const SHARE_RULE_LABELS: Record<ShareRule, string> = { SPLIT: "多人署名平分", FIRST: "归第一署名人" };

const fen = (what: string) =>
  z.number({ message: `${what}应为金额` }).int({ message: `${what}应精确到分` }).min(0, { message: `${what}不能为负数` }).max(100_000_00, { message: `${what}过大` });

const tier = z.object({
  upTo: z.number({ message: "字数档应为字数" }).int({ message: "字数档应为整数" }).min(1, { message: "字数档应大于 0" }).max(100_000, { message: "字数档过大" }),
  fen: fen("字数档稿酬"),
});

export const feeTableInput = z
  .object({
    // "≤ 200 字 ¥6, 201–300 字 ¥10": each tier pays its sum for a piece up to its bound.
    textTiers: z.array(tier).min(1, { message: "至少要有一个字数档" }).max(12, { message: "字数档最多 12 个" }),
    // Past the last tier: this much for each started `beyondPer` characters ("then ¥5 per 100 字").
    beyondPer: z.number().int({ message: "超出部分的计字单位应为整数" }).min(1, { message: "超出部分的计字单位应大于 0" }).max(10_000),
    beyondFen: fen("超出部分稿酬"),
    photoFen: fen("每幅图片稿酬"),
    photoSetFen: fen("组图每组稿酬"),
    photoSetPerPhotoFen: fen("组图每幅稿酬"),
    frontPageFen: fen("一版加发"),
    leadFen: fen("头条加发"),
    gradePercent: z.object({
      A: z.number().int({ message: "等级倍数应为整百分数" }).min(0, { message: "等级倍数不能为负数" }).max(1000, { message: "等级倍数最多 10 倍" }),
      B: z.number().int({ message: "等级倍数应为整百分数" }).min(0, { message: "等级倍数不能为负数" }).max(1000, { message: "等级倍数最多 10 倍" }),
      C: z.number().int({ message: "等级倍数应为整百分数" }).min(0, { message: "等级倍数不能为负数" }).max(1000, { message: "等级倍数最多 10 倍" }),
    }),
    payReprints: z.boolean(),
    payStaff: z.boolean(),
    shared: z.enum(SHARE_RULES, { message: "请选择多人署名的分配办法" }),
  })
  .superRefine((t, ctx) => {
    // Tiers must climb: a bound at or below the one before would overlap it.
    t.textTiers.forEach((tier, i) => {
      const before = t.textTiers[i - 1];
      if (before && tier.upTo <= before.upTo) {
        ctx.addIssue({ code: "custom", path: ["textTiers", i, "upTo"], message: `第 ${i + 1} 档的字数（${tier.upTo} 字）应大于上一档（${before.upTo} 字），字数档不能重叠` });
      }
    });
  });

export type FeeTable = z.infer<typeof feeTableInput>;

/** The demo paper's table, and any paper's until its administrator sets one. */
export const DEFAULT_FEE_TABLE: FeeTable = {
  textTiers: [{ upTo: 200, fen: 600 }, { upTo: 300, fen: 1000 }],
  beyondPer: 100,
  beyondFen: 500,
  photoFen: 3000,
  photoSetFen: 5000,
  photoSetPerPhotoFen: 2000,
  frontPageFen: 2000,
  leadFen: 1500,
  gradePercent: { A: 150, B: 120, C: 100 },
  payReprints: false,
  payStaff: false,
  shared: "SPLIT",
};

/** The table as stored ({} until set): the default, or what was saved, validated again. */
export function feeTableFrom(stored: unknown): FeeTable {
  if (stored === null || typeof stored !== "object" || Object.keys(stored).length === 0) return DEFAULT_FEE_TABLE;
  return feeTableInput.parse(stored);
}

/** The table as a paper prints its notice: one line per rule, for the settings page and the 稿费单. */
export function describeFeeTable(t: FeeTable, yuan: (fen: number) => string): string[] {
  const tiers = t.textTiers.map((tier, i) => {
    const from = i === 0 ? "" : `${t.textTiers[i - 1].upTo + 1}—`;
    return `${from}${tier.upTo} 字${i === 0 ? "以内" : ""} ${yuan(tier.fen)}`;
  });
  const last = t.textTiers[t.textTiers.length - 1].upTo;
  return [
    `文字稿：${tiers.join("，")}；${last} 字以上每 ${t.beyondPer} 字（不足按 ${t.beyondPer} 字计）加 ${yuan(t.beyondFen)}`,
    `图片：每幅 ${yuan(t.photoFen)}；组图每组 ${yuan(t.photoSetFen)}，另每幅 ${yuan(t.photoSetPerPhotoFen)}`,
    `加发：一版 ${yuan(t.frontPageFen)}，头条 ${yuan(t.leadFen)}`,
    `等级：A × ${t.gradePercent.A / 100}，B × ${t.gradePercent.B / 100}，C × ${t.gradePercent.C / 100}（未评级按 1 倍）`,
    `转载稿${t.payReprints ? "照付" : "不付"}稿酬；本报人员${t.payStaff ? "照付" : "不付"}稿酬；${SHARE_RULE_LABELS[t.shared]}`,
  ];
}
