import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { forbidden, invalid, notFound } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/audit";
import { isRecordId } from "@/lib/core/ids";
import { hasRunInPrint } from "@/lib/print-record/in-print";
import { GRADES, type Grade } from "@/lib/fees/fee-table";

// The desk's rating of a piece (稿件评级): its grade for 稿酬, whether it is a 重点稿 for the 采用
// statistics, whether it is a reprint (转载). Set on approval or in the morning's review of the
// paper, by an editor; only for copy that is going into the paper or ran. The fees read it when a
// month is worked out, so a change after the month closed becomes an adjustment in the next one.

export type StoryRatingInput = { grade: Grade | null; keyPiece: boolean; reprint: boolean };
export type StoryRatingView = StoryRatingInput & { ratedBy: string; ratedAt: Date };

/** The rating form's fields (a checkbox sends "on", or nothing). */
export function readRatingForm(form: { grade: string; keyPiece?: string; reprint?: string }): StoryRatingInput {
  const { grade } = form;
  if (grade !== "" && !(GRADES as readonly string[]).includes(grade)) throw invalid("等级应为 A、B、C 或不评级", { grade: ["等级应为 A、B、C 或不评级"] });
  return { grade: grade === "" ? null : (grade as Grade), keyPiece: form.keyPiece === "on", reprint: form.reprint === "on" };
}

/** A piece's rating, for the desk (grades are the desk's and finance's business). */
export async function storyRating(actor: SessionUser, storyId: string): Promise<StoryRatingView | null> {
  if (!can(actor.role, "desk:review")) throw forbidden("只有编辑可以查看稿件评级");
  const row = await db().storyRating.findUnique({ where: { storyId }, select: { grade: true, keyPiece: true, reprint: true, ratedAt: true, ratedBy: { select: { name: true } } } });
  return row && { grade: row.grade, keyPiece: row.keyPiece, reprint: row.reprint, ratedAt: row.ratedAt, ratedBy: row.ratedBy.name };
}

export async function rateStory(actor: SessionUser, storyId: string, input: StoryRatingInput): Promise<void> {
  if (!can(actor.role, "desk:review")) throw forbidden("只有编辑可以给稿件评级");
  if (!isRecordId(storyId)) throw notFound();
  await db().$transaction(async (tx) => {
    const story = await tx.story.findUnique({ where: { id: storyId }, select: { status: true, publishedAt: true, headline: true } });
    if (!story) throw notFound();
    const goingIn = story.status === "APPROVED" || story.status === "PLACED";
    if (!goingIn && !hasRunInPrint(story)) throw invalid("这篇稿件没有采用见报，不能评级；稿件通过初审后才能评级");
    const data = { grade: input.grade, keyPiece: input.keyPiece, reprint: input.reprint, ratedById: actor.id, ratedAt: new Date() };
    const before = await tx.storyRating.findUnique({ where: { storyId }, select: { grade: true, keyPiece: true, reprint: true } });
    await tx.storyRating.upsert({ where: { storyId }, create: { storyId, ...data }, update: data });
    const words = (r: StoryRatingInput | null) => (r ? [r.grade ? `${r.grade} 级` : "未评级", r.keyPiece ? "重点稿" : "", r.reprint ? "转载" : ""].filter(Boolean).join("、") : "未评级");
    await recordAudit(tx, { actorId: actor.id, action: "story.rate", targetType: "story", targetId: storyId, summary: { headline: story.headline, rating: `${words(before)} → ${words(input)}` } });
  });
}
