import type { SessionUser } from "@/lib/core/session";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can, isEditorRole } from "@/lib/auth/roles";

// Who sees which photos in the library, and who may change a photo's words. The desk sees the whole
// library; a correspondent their own uploads and whatever has run in the paper; an administrator
// keeps accounts, not pictures.

export function usesLibrary(actor: SessionUser): boolean {
  return can(actor.role, "story:file");
}

/** The photos `actor` may find in the library, as a condition on Photo. */
export function photosVisibleTo(actor: SessionUser): Prisma.PhotoWhereInput {
  if (!usesLibrary(actor)) return { id: { in: [] } };
  if (isEditorRole(actor.role)) return {};
  return { OR: [{ uploaderId: actor.id }, { stories: { some: { story: { status: "PUBLISHED" } } } }] };
}

/** Caption, credit and the rest are the uploader's and the desk's to change. */
export function mayEditPhoto(actor: SessionUser, photo: { uploaderId: string }): boolean {
  return usesLibrary(actor) && (isEditorRole(actor.role) || photo.uploaderId === actor.id);
}
