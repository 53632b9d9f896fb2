import "server-only";
import type { Tx } from "@/lib/platform/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/core/session";
import { isEditorRole } from "@/lib/core/roles";
import { photoIdsOf, type BodyBlock } from "@/lib/stories/body";
import { invalid } from "@/lib/core/errors";
import { hasRunInPrint, inPrintSelect, photoRanInPrint } from "@/lib/print-record/in-print";

/**
 * Keeps a story's photo links equal to the photo blocks of its body: a photo removed from the body
 * is detached, one added is linked. Who may add which photo: the desk any photo in the library; a
 * correspondent their own uploads, photos that ran in print, and photos the story already has, so
 * nobody pulls another correspondent's unpublished picture into their copy.
 */
export async function linkStoryPhotos(tx: Tx, actor: SessionUser, storyId: string, body: readonly BodyBlock[]): Promise<void> {
  const ids = photoIdsOf(body);
  const photos = ids.length
    ? await tx.photo.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          uploaderId: true,
          stories: { select: { storyId: true, story: { select: inPrintSelect } } },
        },
      })
    : [];
  const usable = photos.filter(
    (p) =>
      isEditorRole(actor.role) ||
      p.uploaderId === actor.id ||
      p.stories.some((s) => s.storyId === storyId || hasRunInPrint(s.story)),
  );
  if (usable.length !== ids.length) {
    throw invalid("正文中有图片不存在或不能使用，请重新上传", { body: ["有图片不存在或不能使用，请删除后重新上传"] });
  }
  await tx.storyPhoto.deleteMany({ where: { storyId, photoId: { notIn: ids } } });
  if (ids.length) await tx.storyPhoto.createMany({ data: ids.map((photoId) => ({ storyId, photoId })), skipDuplicates: true });
}

/**
 * 已刊用 (Photo.hasRun) of the photos of these stories, read again from what is true now: some story
 * that ran in print carries the photo (photoRanInPrint, lib/print-record/in-print.ts), a withdrawn one
 * too. The one place the flag is written, called in the transaction of the one change that can turn
 * it: a release. A withdrawal no longer does (the story still ran), and a story that ran never
 * changes its body, so its photos. Derived, not toggled: whatever order things happen in.
 */
export async function refreshPhotosRun(tx: Tx, storyIds: readonly string[]): Promise<void> {
  if (storyIds.length === 0) return;
  // The photos' rows first, in one order: two releases touching the same photo at the same moment
  // wait here for each other, and each reads the truth with what the other committed (each
  // statement below sees what was committed before it began).
  await tx.$queryRaw`SELECT p.id FROM "Photo" p JOIN "StoryPhoto" sp ON sp."photoId" = p.id
    WHERE sp."storyId" IN (${Prisma.join([...storyIds])}) ORDER BY p.id FOR UPDATE OF p`;
  const ofTheseStories = { stories: { some: { storyId: { in: [...storyIds] } } } };
  await tx.photo.updateMany({ where: { AND: [ofTheseStories, photoRanInPrint], hasRun: false }, data: { hasRun: true } });
  await tx.photo.updateMany({ where: { AND: [ofTheseStories, { NOT: photoRanInPrint }], hasRun: true }, data: { hasRun: false } });
}
