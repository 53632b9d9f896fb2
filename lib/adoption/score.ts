import { z } from "zod";

// The paper's own rules for counting 采用 (used pieces) into a score, as an administrator sets them:
// what a piece on 一版, a 头条, a 重点稿 weighs, whether 简讯 count, how a shared byline is shared,
// how photo pieces count, and the bar for 年度优秀通讯员. Pure: the statistics and the settings form
// read this one shape; table-tested in tests/unit/adoption-score.test.ts.

const weight = (what: string) =>
  z.number({ message: `${what}应为数字` }).min(0, { message: `${what}不能小于 0` }).max(10, { message: `${what}最多为 10` });

export const scoreRulesInput = z.object({
  frontPage: weight("一版权重"),
  lead: weight("头条权重"),
  keyPiece: weight("重点稿权重"),
  // 简讯: a 消息 of at most briefMaxChars printed characters; weight 0 leaves them out.
  brief: weight("简讯权重"),
  briefMaxChars: z.number().int({ message: "简讯字数应为整数" }).min(0, { message: "简讯字数不能为负数" }).max(2000, { message: "简讯字数最多 2000" }),
  shared: z.enum(["SPLIT", "FIRST"], { message: "请选择多人署名的计分办法" }),
  photos: z.enum(["PER_SET", "PER_PHOTO"], { message: "请选择图片稿的计分办法" }),
  excellentMinScore: z.number().min(0, { message: "评优分数线不能为负数" }).max(1000, { message: "评优分数线最多 1000" }),
});
export type ScoreRules = z.infer<typeof scoreRulesInput>;

export const DEFAULT_SCORE_RULES: ScoreRules = {
  frontPage: 2,
  lead: 1.5,
  keyPiece: 1.5,
  brief: 0.5,
  briefMaxChars: 300,
  shared: "SPLIT",
  photos: "PER_SET",
  excellentMinScore: 25,
};

export function scoreRulesFrom(stored: unknown): ScoreRules {
  if (stored === null || typeof stored !== "object" || Object.keys(stored).length === 0) return DEFAULT_SCORE_RULES;
  return scoreRulesInput.parse({ ...DEFAULT_SCORE_RULES, ...stored });
}

export type ScoredPiece = {
  kind: "NEWS_BRIEF" | "FEATURE" | "COMMENTARY" | "PHOTO_NEWS" | "PHOTO_STORY";
  characters: number;
  pageNumber: number;
  isLead: boolean;
  keyPiece: boolean;
  photos: number;
};

/** What one piece is worth before it is shared: its base (1, or its photos) times the weights that apply. */
export function pieceWorth(piece: ScoredPiece, rules: ScoreRules): number {
  const photoPiece = piece.kind === "PHOTO_NEWS" || piece.kind === "PHOTO_STORY";
  let worth = photoPiece && rules.photos === "PER_PHOTO" ? Math.max(1, piece.photos) : 1;
  if (piece.kind === "NEWS_BRIEF" && piece.characters <= rules.briefMaxChars) worth *= rules.brief;
  if (piece.pageNumber === 1) worth *= rules.frontPage;
  if (piece.isLead) worth *= rules.lead;
  if (piece.keyPiece) worth *= rules.keyPiece;
  return worth;
}

/** One credited person's part of a piece's worth: an equal share, or all of it for the first-listed. */
export function creditShare(worth: number, rules: ScoreRules, place: number, sharers: number): number {
  if (sharers <= 1) return worth;
  if (rules.shared === "FIRST") return place === 0 ? worth : 0;
  return worth / sharers;
}

/** A score as the tables print it: at most two decimals, no trailing zeros. */
export function formatScore(score: number): string {
  return String(Math.round(score * 100) / 100);
}
