import { z } from "zod";

export const DEFAULT_PAGES = [
  { number: 1, name: "要闻" },
  { number: 2, name: "综合" },
  { number: 3, name: "县区新闻" },
  { number: 4, name: "副刊" },
] as const;

export const pageInput = z.object({
  number: z.coerce.number({ message: "版次应为数字" }).int({ message: "版次应为整数" }).min(1, { message: "版次从 1 开始" }).max(64, { message: "版次不能超过 64" }),
  name: z.string().trim().min(1, { message: "请填写版名，例如“要闻”" }).max(20, { message: "版名不能超过 20 个字" }),
});

export const issueInput = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "请选择出版日期" }).refine((s) => isRealDay(s), { message: "日期无效" }),
  number: z.union([z.literal(""), z.coerce.number().int().min(1, { message: "期号应为正整数" })]).optional(),
});

/** A calendar day written "2026-11-26" that exists (not 2026-02-30). */
export function isRealDay(s: string | undefined): s is string {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

// The paper's days are Beijing days (UTC+8), wherever the server runs.
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The paper's date today, or `days` later (negative: earlier), as "2026-11-26". */
export function paperDay(days = 0): string {
  return new Date(Date.now() + BEIJING_OFFSET_MS + days * 86400_000).toISOString().slice(0, 10);
}

/** The moments from the start of Beijing day `from` up to the end of day `to`, for range filters. */
export function paperDayRange(from?: string, to?: string): { gte?: Date; lt?: Date } {
  const start = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS);
  return {
    ...(from ? { gte: start(from) } : {}),
    ...(to ? { lt: new Date(start(to).getTime() + 86400_000) } : {}),
  };
}

/** "2026-11-26" ↔ the Date stored in an issue's `date` column (a calendar day, kept at UTC midnight). */
export function issueDateFromString(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}
export function issueDateToString(d: Date): string {
  return d.toISOString().slice(0, 10);
}
