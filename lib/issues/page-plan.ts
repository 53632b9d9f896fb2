import { z } from "zod";
import { typedText } from "@/lib/validation/text";
import { RECORD_ID } from "@/lib/core/ids";
import type { SizeClass } from "@/lib/generated/prisma/enums";
import { visibleLength, type BodyBlock } from "@/lib/stories/body";

// The rules of a page plan (划版) that the layout, the board and the commands share.

export const SIZE_CLASSES = ["BANNER", "LEAD", "DOUBLE", "SINGLE"] as const satisfies readonly SizeClass[];
export type { SizeClass };

/**
 * How an item of each size sits on a page of `columns` columns, and what it counts toward the
 * page's capacity: a story of this size holds `textShare` of a full page's copy before the rest
 * must jump (转版) or overflow, and each photo in it takes `photoShare` of the page.
 */
export const SIZE_RULES: Record<SizeClass, { span: (columns: number) => number; textShare: number; photoShare: number }> = {
  BANNER: { span: (columns) => columns, textShare: 0.4, photoShare: 0.12 },
  // The lead's block: five of a broadsheet's eight columns, four of a tabloid's five.
  LEAD: { span: (columns) => Math.min(columns, Math.ceil(columns * 0.625)), textShare: 0.3, photoShare: 0.08 },
  DOUBLE: { span: (columns) => Math.min(columns, 2), textShare: 0.15, photoShare: 0.05 },
  SINGLE: { span: () => 1, textShare: 0.08, photoShare: 0.03 },
};

/** What one block of a story takes of the page, in characters: its text, or its photo by the story's size and its caption. */
export function blockWeight(block: BodyBlock, size: SizeClass, capacity: number): number {
  return block.type === "photo" ? SIZE_RULES[size].photoShare * capacity + visibleLength(block.caption) : visibleLength(block.text);
}

/** Space on a page that is not copy. */
export const RESERVED_KINDS = { AD: "广告", FILLER: "报花", HOLD: "预留" } as const;
export type ReservedKind = keyof typeof RESERVED_KINDS;

export const reservedArea = z.object({
  kind: z.enum(Object.keys(RESERVED_KINDS) as [ReservedKind, ...ReservedKind[]], { message: "请选择广告、报花或预留" }),
  label: typedText({ max: 20, what: "说明" }),
  // Percent of the page, as an ad is sold (1/4 版 = 25).
  share: z.coerce.number({ message: "占版比例应为数字" }).int({ message: "占版比例应为整数" }).min(1, { message: "占版比例至少 1%" }).max(100, { message: "占版比例不能超过 100%" }),
});
export type ReservedArea = z.infer<typeof reservedArea>;
export const reservedAreas = z.array(reservedArea).max(8, { message: "一个版面最多预留 8 块" });

/** Reads a page's stored reserved areas; a row that no longer fits the rule is left out, not fatal. */
export function parseReserved(value: unknown): ReservedArea[] {
  const parsed = z.array(z.unknown()).safeParse(value);
  if (!parsed.success) return [];
  return parsed.data.flatMap((row) => {
    const area = reservedArea.safeParse(row);
    return area.success ? [area.data] : [];
  });
}

/** The page foot's credits, as printed. */
export const pageCredits = z.object({
  editorCredit: typedText({ max: 20, what: "责任编辑" }),
  designerCredit: typedText({ max: 20, what: "美术编辑" }),
  proofreaderCredit: typedText({ max: 20, what: "校对" }),
});
export type PageCredits = z.infer<typeof pageCredits>;

/** A planned slot (计划稿): what about, by whom, how long, by when. */
export const slotPlan = z.object({
  topic: typedText({ max: 60, what: "选题", min: 1, minMessage: "请写下选题" }),
  assigneeId: z.string().regex(RECORD_ID, { message: "请选择记者" }),
  targetLength: z.coerce.number({ message: "字数应为数字" }).int({ message: "字数应为整数" }).min(50, { message: "字数至少 50" }).max(20000, { message: "字数不能超过 20000" }),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: "请填写截稿时间" }),
  size: z.enum(SIZE_CLASSES, { message: "请选择版面大小" }),
});
export type SlotPlan = z.infer<typeof slotPlan>;
