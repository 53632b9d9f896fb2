import { z } from "zod";
import { readPaperDay } from "@/lib/core/dates";
import { typedText } from "@/lib/validation/text";

export const DEFAULT_PAGES = [
  { number: 1, name: "要闻" },
  { number: 2, name: "综合" },
  { number: 3, name: "县区新闻" },
  { number: 4, name: "副刊" },
] as const;

export const pageInput = z.object({
  number: z.coerce.number({ message: "版次应为数字" }).int({ message: "版次应为整数" }).min(1, { message: "版次从 1 开始" }).max(64, { message: "版次不能超过 64" }),
  name: typedText({ max: 20, what: "版名", min: 1, minMessage: "请填写版名，例如“要闻”" }),
});

export const issueInput = z.object({
  date: z.string().min(1, { message: "请选择出版日期" }).transform((s, ctx) => readPaperDay(s) ?? (ctx.addIssue({ code: "custom", message: "日期无效，请写成 2026年12月8日 或 2026-12-08" }), z.NEVER)),
  number: z.union([z.literal(""), z.coerce.number().int().min(1, { message: "期号应为正整数" })]).optional(),
});
