import "server-only";
import { db } from "@/lib/platform/db";
import { currentUser } from "@/lib/core/session";
import { photoAccess } from "@/lib/photos/access";
import { readerVisible } from "@/lib/print-record/in-print";

export type PhotoFile = { storageKey: string; mimeType: string; extension: string; isPublic: boolean };

/**
 * A photo file may be read by anyone once a story that uses it is published; before that by those
 * the library shows it to (lib/photos/access.ts). Otherwise it does not exist.
 */
export async function findReadablePhoto(photoId: string): Promise<PhotoFile | null> {
  const photo = await db().photo.findUnique({
    where: { id: photoId },
    select: { storageKey: true, mimeType: true, stories: { where: { story: readerVisible }, select: { storyId: true }, take: 1 } },
  });
  if (!photo) return null;
  const extension = photo.mimeType === "image/jpeg" ? "jpg" : photo.mimeType.split("/")[1];
  const file = { storageKey: photo.storageKey, mimeType: photo.mimeType, extension };
  if (photo.stories.length > 0) return { ...file, isPublic: true };
  const user = await currentUser();
  if (!user) return null;
  const visible = await db().photo.count({ where: { AND: [{ id: photoId }, photoAccess.where(user)] } });
  return visible > 0 ? { ...file, isPublic: false } : null;
}
