import "server-only";
import { db } from "@/lib/platform/db";
import { currentUser } from "@/lib/core/session";
import { isEditorRole } from "@/lib/auth/roles";

export type PhotoFile = { storageKey: string; mimeType: string; extension: string; isPublic: boolean };

/**
 * A photo file may be read by anyone once a story that uses it is published; before that by its
 * uploader, the authors of stories that use it, and the desk (the library is the desk's).
 * Otherwise it does not exist.
 */
export async function findReadablePhoto(photoId: string): Promise<PhotoFile | null> {
  const photo = await db().photo.findUnique({
    where: { id: photoId },
    select: { storageKey: true, mimeType: true, uploaderId: true, stories: { select: { story: { select: { status: true, authorId: true } } } } },
  });
  if (!photo) return null;
  const extension = photo.mimeType === "image/jpeg" ? "jpg" : photo.mimeType.split("/")[1];
  const file = { storageKey: photo.storageKey, mimeType: photo.mimeType, extension };
  if (photo.stories.some((s) => s.story.status === "PUBLISHED")) return { ...file, isPublic: true };
  const user = await currentUser();
  if (!user) return null;
  const allowed = photo.uploaderId === user.id || isEditorRole(user.role) || photo.stories.some((s) => s.story.authorId === user.id);
  return allowed ? { ...file, isPublic: false } : null;
}
