import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { notFound } from "@/lib/core/errors";
import type { StoryStatus } from "@/lib/stories/workflow";
import { storyAccess } from "@/lib/stories/access";
import { parseDraft } from "@/lib/stories/content";
import { diffText, storyAsText, type DiffPart } from "@/lib/stories/diff";
import { countCharacters } from "@/lib/stories/body";
import { isRecordId } from "@/lib/core/ids";

// A story's revisions, readable by whoever may read the story.

export type RevisionItem = { id: string; version: number; status: StoryStatus; action: string; actorName: string; createdAt: Date; charCount: number };

async function visibleStory(actor: SessionUser, storyId: string) {
  if (!isRecordId(storyId)) throw notFound();
  const story = await db().story.findUnique({ where: { id: storyId }, select: { id: true, status: true, authorId: true, headline: true, version: true } });
  if (!story || !storyAccess.may(actor, story)) throw notFound();
  return story;
}

export async function listRevisions(actor: SessionUser, storyId: string) {
  const story = await visibleStory(actor, storyId);
  const rows = await db().storyRevision.findMany({
    where: { storyId },
    orderBy: { createdAt: "desc" },
    select: { id: true, version: true, status: true, action: true, createdAt: true, content: true, actor: { select: { name: true } } },
  });
  const revisions: RevisionItem[] = rows.map((r) => {
    const draft = parseDraft(r.content);
    return { id: r.id, version: r.version, status: r.status, action: r.action, actorName: r.actor.name, createdAt: r.createdAt, charCount: countCharacters(draft.body) };
  });
  return { story, revisions };
}

/** Side-by-side comparison of two revisions of the same story. */
export async function compareRevisions(actor: SessionUser, storyId: string, olderId: string, newerId: string): Promise<DiffPart[]> {
  await visibleStory(actor, storyId);
  if (!isRecordId(olderId) || !isRecordId(newerId)) throw notFound("找不到要比较的版本");
  const rows = await db().storyRevision.findMany({ where: { storyId, id: { in: [olderId, newerId] } }, select: { id: true, content: true } });
  const older = rows.find((r) => r.id === olderId);
  const newer = rows.find((r) => r.id === newerId);
  if (!older || !newer) throw notFound("找不到要比较的版本");
  return diffText(storyAsText(parseDraft(older.content)), storyAsText(parseDraft(newer.content)));
}
