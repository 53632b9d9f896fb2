import type { SessionUser } from "@/lib/core/session";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can, isEditorRole } from "@/lib/core/roles";
import { ranInPrint } from "@/lib/stories/in-print";

// Who sees which photos (in the library and as files) and who may change a photo's words: the one
// place for both. A photo is seen by its uploader and by whoever may read a story that uses it; the
// desk also sees photos no story uses yet (the library's stock), but not those only in someone's
// draft. An administrator keeps accounts, not pictures.

export function usesLibrary(actor: SessionUser): boolean {
  return can(actor.role, "story:file");
}

/** The stories whose photos `actor` may see: their own, published ones, and for the desk all submitted copy. */
export function storiesShowingPhotosTo(actor: SessionUser): Prisma.StoryWhereInput {
  return isEditorRole(actor.role)
    ? { OR: [{ authorId: actor.id }, { status: { not: "DRAFT" } }] }
    : { OR: [{ authorId: actor.id }, ranInPrint] };
}

/** The photos `actor` may find in the library or open, as a condition on Photo. */
export function photosVisibleTo(actor: SessionUser): Prisma.PhotoWhereInput {
  if (!usesLibrary(actor)) return { id: { in: [] } };
  if (isEditorRole(actor.role)) {
    return { OR: [{ uploaderId: actor.id }, { stories: { some: { story: storiesShowingPhotosTo(actor) } } }, { stories: { none: {} } }] };
  }
  // storiesShowingPhotosTo's rule, with "in a published story" read from Photo.hasRun: asked of the
  // links, it made every query gather the photos of every story ever published.
  return { OR: [{ uploaderId: actor.id }, { hasRun: true }, { stories: { some: { story: { authorId: actor.id } } } }] };
}

/** Caption, credit and the rest are the uploader's and the desk's to change. */
export function mayEditPhoto(actor: SessionUser, photo: { uploaderId: string }): boolean {
  return usesLibrary(actor) && (isEditorRole(actor.role) || photo.uploaderId === actor.id);
}
