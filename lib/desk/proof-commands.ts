import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { conflict, forbidden, notFound } from "@/lib/core/errors";
import { isRecordId } from "@/lib/core/ids";
import { draftOfStored, storyContentSelect } from "@/lib/stories/content";
import { applyMark, fieldText, withFieldText, type MarkField } from "@/lib/proofing/marks";
import { markToResolve, recordResolution } from "@/lib/proofing/rounds";
import { changeStory, type SavedStory } from "@/lib/desk/story-commands";

// 改: one click applies a proofreader's mark through the story's normal save (its version check,
// its edit lock, its revision and audit, the page back to 待签 if it was signed), and answers the mark
// in the same transaction. Here, above lib/proofing, because saving a story is the desk's command.

/** Applies the mark to the story as the editor saw it (`baseVersion`); refused if the text moved on. */
export async function applyProofMark(actor: SessionUser, markId: string, baseVersion: number): Promise<SavedStory> {
  if (!can(actor.role, "issue:assemble")) throw forbidden("只有编辑可以处理校对标记");
  if (!isRecordId(markId)) throw notFound("找不到这处标记");
  const mark = await db().proofMark.findUnique({ where: { id: markId }, select: { storyId: true, field: true, start: true, end: true, quote: true, before: true, after: true, kind: true, suggestion: true, resolution: true } });
  if (!mark) throw notFound("找不到这处标记");
  if (mark.resolution) throw conflict("这处标记已经处理过了");
  if (mark.kind === "QUERY") throw conflict("疑问需要回答：请写明答复后标为不改，或在稿件里修改");
  const story = await db().story.findUniqueOrThrow({ where: { id: mark.storyId }, select: { version: true, ...storyContentSelect } });
  if (story.version !== baseVersion) throw conflict("这篇稿件在你打开大样后又有修改：请刷新后再处理这处标记");
  const draft = draftOfStored(story);
  const field = mark.field as MarkField;
  const fixed = applyMark(fieldText(draft, field), mark);
  if (fixed === null) throw conflict("标记处的文字已经改动，无法一键改正：请在稿件里手工修改后标为不改，或请校对重新标记");
  return changeStory(actor, {
    action: "edit",
    storyId: mark.storyId,
    baseVersion,
    content: withFieldText(draft, field, fixed),
    revisionAction: "proofFix",
    // Checked again inside, before the story is touched: the page not signed, the mark not answered meanwhile.
    inTransaction: {
      first: async (tx) => void (await markToResolve(tx, actor, markId)),
      then: async (tx) => recordResolution(tx, actor, await markToResolve(tx, actor, markId), "APPLIED", ""),
    },
  });
}
