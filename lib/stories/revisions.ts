import "server-only";
import type { Tx } from "@/lib/platform/db";
import type { StoryStatus } from "@/lib/stories/workflow";
import type { StoryDraft } from "@/lib/stories/schema";

// A full copy of the story each time it is saved or moves, so no version of the copy is ever lost.
type Revision = { storyId: string; version: number; status: StoryStatus; action: string; actorId: string; draft: StoryDraft };

export async function recordRevision(tx: Tx, r: Revision): Promise<void> {
  await recordRevisions(tx, [r]);
}

/** Many copies in one statement (a release keeps one per story). */
export async function recordRevisions(tx: Tx, revisions: Revision[]): Promise<void> {
  if (revisions.length === 0) return;
  await tx.storyRevision.createMany({
    data: revisions.map((r) => ({ storyId: r.storyId, version: r.version, status: r.status, action: r.action, actorId: r.actorId, content: r.draft })),
  });
}
