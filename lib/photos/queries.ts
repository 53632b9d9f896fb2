import "server-only";
import { db } from "@/lib/platform/db";
import { currentUser } from "@/lib/core/session";
import { isEditorRole } from "@/lib/auth/roles";

export type PhotoFile = { storageKey: string; mimeType: string; extension: string; isPublic: boolean };

/**
 * A photo file may be read by anyone once its story is published; before that only by its
 * uploader, the story's author, and (once submitted) the desk. Otherwise it does not exist.
 */
export async function findReadablePhoto(photoId: string): Promise<PhotoFile | null> {
  const photo = await db().photo.findUnique({
    where: { id: photoId },
    select: { storageKey: true, mimeType: true, uploaderId: true, story: { select: { status: true, authorId: true } } },
  });
  if (!photo) return null;
  const extension = photo.mimeType === "image/jpeg" ? "jpg" : photo.mimeType.split("/")[1];
  if (photo.story?.status === "PUBLISHED") return { storageKey: photo.storageKey, mimeType: photo.mimeType, extension, isPublic: true };
  const user = await currentUser();
  if (!user) return null;
  const allowed =
    photo.uploaderId === user.id ||
    photo.story?.authorId === user.id ||
    (isEditorRole(user.role) && photo.story !== null && photo.story.status !== "DRAFT");
  return allowed ? { storageKey: photo.storageKey, mimeType: photo.mimeType, extension, isPublic: false } : null;
}
