import "server-only";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import { PAPER } from "@/lib/paper";
import { typedText } from "@/lib/validation/text";

// The paper as its masthead prints it and when its issues go out (版面设置). One row; until an
// administrator fills it in, the masthead carries the paper's name and nothing else.

export type PaperProfile = { name: string; cnNumber: string; postalCode: string; publisher: string; releaseTime: string };

export const paperProfileInput = z.object({
  name: typedText({ max: 20, what: "报名", min: 1, minMessage: "请填写报名" }),
  cnNumber: typedText({ max: 20, what: "国内统一连续出版物号" }),
  postalCode: typedText({ max: 20, what: "邮发代号" }),
  publisher: typedText({ max: 60, what: "主管主办单位" }),
  releaseTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "见报时间应写成 00:00 到 23:59" }),
});

export async function paperProfile(): Promise<PaperProfile> {
  const row = await db().paperProfile.findUnique({ where: { id: "paper" }, select: { name: true, cnNumber: true, postalCode: true, publisher: true, releaseTime: true } });
  return row ?? { name: PAPER.name, cnNumber: "", postalCode: "", publisher: "", releaseTime: "00:00" };
}

export async function pageFormats() {
  return db().pageFormat.findMany({ orderBy: { capacity: "desc" }, select: { code: true, name: true, columns: true, capacity: true } });
}
