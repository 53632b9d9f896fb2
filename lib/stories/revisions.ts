import "server-only";
import type { Tx } from "@/lib/platform/db";
import type { StoryStatus } from "@/lib/stories/workflow";
import type { StoryDraft } from "@/lib/validation/story";

// A full copy of the story each time it is saved or moves, so no version of the copy is ever lost.
export async function recordRevision(
  tx: Tx,
  r: { storyId: string; version: number; status: StoryStatus; action: string; actorId: string; draft: StoryDraft },
): Promise<void> {
  await tx.storyRevision.create({
    data: { storyId: r.storyId, version: r.version, status: r.status, action: r.action, actorId: r.actorId, content: r.draft },
  });
}
