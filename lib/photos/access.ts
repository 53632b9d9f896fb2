import type { SessionUser } from "@/lib/core/session";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can, isEditorRole } from "@/lib/core/roles";
import { ranInPrint } from "@/lib/print-record/in-print";
import { storyAccess } from "@/lib/stories/access";
import type { StoryStatus } from "@/lib/stories/workflow";

// Who sees which photos (in the library and as files) and who may change a photo's words: the one
// place for both. A photo is seen by its uploader and by whoever may read a story that uses it; the
// desk also sees photos no story uses yet (the library's stock), but not those only in someone's
// draft. An administrator keeps accounts, not pictures.

export function usesLibrary(actor: SessionUser): boolean {
  return can(actor.role, "story:file");
}

/** The stories whose photos `actor` may see: those they may open, and what ran in print. */
export function storiesShowingPhotosTo(actor: SessionUser): Prisma.StoryWhereInput {
  return { OR: [storyAccess.where(actor), ranInPrint] };
}

type PhotoInHand = { uploaderId: string; hasRun: boolean; stories: { story: { status: StoryStatus; authorId: string } }[] };

/**
 * The photos `actor` may find in the library or open, asked two ways from one rule: `where` for a
 * list, `may` for a photo in hand (with its stories). A photo that ran is seen through its 已刊用
 * flag (Photo.hasRun, kept by the release): asked of the links, every query gathered the photos of
 * every story ever printed. tests/integration/access.test.ts checks both answers agree.
 */
export const photoAccess = {
  where(actor: SessionUser): Prisma.PhotoWhereInput {
    if (!usesLibrary(actor)) return { id: { in: [] } };
    return {
      OR: [
        { uploaderId: actor.id },
        { hasRun: true },
        { stories: { some: { story: storyAccess.where(actor) } } },
        // The desk's stock: photos no story uses yet.
        ...(isEditorRole(actor.role) ? [{ stories: { none: {} } }] : []),
      ],
    };
  },
  may(actor: SessionUser, photo: PhotoInHand): boolean {
    if (!usesLibrary(actor)) return false;
    return (
      photo.uploaderId === actor.id ||
      photo.hasRun ||
      photo.stories.some((s) => storyAccess.may(actor, s.story)) ||
      (isEditorRole(actor.role) && photo.stories.length === 0)
    );
  },
};

/** Caption, credit and the rest are the uploader's and the desk's to change. */
export function mayEditPhoto(actor: SessionUser, photo: { uploaderId: string }): boolean {
  return usesLibrary(actor) && (isEditorRole(actor.role) || photo.uploaderId === actor.id);
}
