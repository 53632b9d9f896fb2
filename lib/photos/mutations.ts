import "server-only";
import { db, isRecordMissing, type Tx } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import type { SessionUser } from "@/lib/core/session";
import { recordAudit, recordAudits } from "@/lib/core/audit";
import { conflict, forbidden, invalid, notFound } from "@/lib/core/errors";
import { z } from "zod";
import { PHOTO_FIELD_NAMES, photoFields, photoSearchText, type PhotoChoice, type PhotoFieldName } from "@/lib/photos/fields";
import { mayEditPhoto, photoAccess, usesLibrary } from "@/lib/photos/access";
import { photographersOf, photoWords, splitCaptionCredit } from "@/lib/contributors/photo-credit";
import { resolveContributor } from "@/lib/contributors/credits";
import { fieldErrorsOf } from "@/lib/stories/schema";
import { ingestPhoto } from "@/lib/photos/ingest";
import { photosOf } from "@/lib/stories/photo-story";
import type { BodyBlock } from "@/lib/stories/body";
import { photoStore } from "@/lib/platform/storage";
import { discardPhotoFiles, newStorageKey, putPhotoFiles } from "@/lib/photos/files";

export type UploadedPhoto = PhotoChoice;
const uploadedSelect = { id: true, width: true, height: true, caption: true, credit: true, altText: true } as const;

/** The photo's words as a form sends them: each field a string, keywords in one line. */
export type PhotoTextInput = Partial<Record<PhotoFieldName, string>>;

function checkedFields<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0].message, fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** The photographer a credit names, when it names exactly one person (两人合摄 stays unlinked). */
async function photographerOf(tx: Tx, credit: string, filerId: string): Promise<string | null> {
  const names = [...new Set(photographersOf(credit).map((c) => c.name))];
  return names.length === 1 ? resolveContributor(tx, { name: names[0] }, filerId) : null;
}

export async function uploadPhoto(actor: SessionUser, data: Buffer, meta: PhotoTextInput = {}): Promise<UploadedPhoto> {
  if (!usesLibrary(actor)) throw forbidden("你的账号不能上传图片");
  const typed = checkedFields(photoFields, { ...Object.fromEntries(PHOTO_FIELD_NAMES.map((n) => [n, ""])), ...meta });
  const photo = await ingestPhoto(data, env().PHOTO_MAX_BYTES);
  // What the uploader typed wins; the file fills the rest. The credit is the photo's own, never the uploader's.
  const file = photo.metadata;
  const texts = {
    ...photoWords(typed, file),
    altText: typed.altText,
    keywords: typed.keywords.length ? typed.keywords : file.keywords,
    place: typed.place || file.place,
    event: typed.event,
  };
  const storageKey = newStorageKey();
  const store = photoStore();
  try {
    // Files first, then the row (lib/photos/files.ts): a photo row never names files that are not there.
    await putPhotoFiles(store, storageKey, [
      { name: `original.${photo.extension}`, data: photo.original },
      ...photo.derivatives.map((d) => ({ name: `${d.name}.webp`, data: d.data })),
    ]);
    return await db().$transaction(async (tx) => {
      const row = await tx.photo.create({
        data: {
          storageKey,
          mimeType: photo.mimeType,
          width: photo.width,
          height: photo.height,
          bytes: data.length,
          ...texts,
          takenAt: file.takenAt,
          camera: file.camera,
          searchText: photoSearchText(texts),
          photographerId: await photographerOf(tx, texts.credit, actor.id),
          uploaderId: actor.id,
        },
        select: uploadedSelect,
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "photo.upload",
        targetType: "photo",
        targetId: row.id,
        summary: { bytes: data.length, mimeType: photo.mimeType, width: photo.width, height: photo.height },
      });
      return row;
    });
  } catch (e) {
    // Nothing half-saved: files without their row go, and the upload's own error is what the user hears.
    await discardPhotoFiles(store, storageKey);
    throw e;
  }
}

/**
 * Takes back photos `actor` has just uploaded for work that then failed (a Word import): rows first,
 * then files (lib/photos/files.ts). Only their own uploads that no story uses yet are touched.
 */
export async function discardUploadedPhotos(actor: SessionUser, photoIds: readonly string[]): Promise<void> {
  if (photoIds.length === 0) return;
  const removed = await db().$transaction(async (tx) => {
    const photos = await tx.photo.findMany({ where: { id: { in: [...photoIds] }, uploaderId: actor.id, stories: { none: {} } }, select: { id: true, storageKey: true } });
    await tx.photo.deleteMany({ where: { id: { in: photos.map((p) => p.id) } } });
    await recordAudits(
      tx,
      photos.map((p) => ({ actorId: actor.id, action: "photo.discard", targetType: "photo" as const, targetId: p.id })),
    );
    return photos;
  });
  const store = photoStore();
  for (const p of removed) await discardPhotoFiles(store, p.storageKey);
}

/**
 * Changes the words of a photo in the library (the fields sent; the rest stay). Only its uploader
 * and the desk may; the search text and the photographer follow the new words. `baseVersion`, when
 * the form read one, refuses a save made on words someone has changed since.
 */
export async function updatePhoto(actor: SessionUser, photoId: string, input: PhotoTextInput, baseVersion?: number): Promise<UploadedPhoto & { version: number }> {
  const sent = Object.fromEntries(PHOTO_FIELD_NAMES.filter((n) => input[n] !== undefined).map((n) => [n, input[n]]));
  const changes = checkedFields(photoFields.partial(), sent);
  return db().$transaction(async (tx) => {
    const photo = await tx.photo.findFirst({
      where: { AND: [{ id: photoId }, photoAccess.where(actor)] },
      select: { uploaderId: true, caption: true, credit: true, altText: true, keywords: true, place: true, event: true, photographerId: true, version: true },
    });
    if (!photo) throw notFound("找不到这张图片，或你无权查看");
    if (!mayEditPhoto(actor, photo)) throw forbidden("只有上传者和编辑可以修改这张图片的说明");
    if (baseVersion !== undefined && baseVersion !== photo.version) throw staleWords();
    // A caption saved with its credit at the end (…… 孟雪 摄) credits a photo that has none.
    if (changes.caption !== undefined && !(changes.credit ?? photo.credit)) Object.assign(changes, creditedCaption(changes.caption));
    const next = { ...photo, ...changes };
    const changed = PHOTO_FIELD_NAMES.filter((n) => JSON.stringify(photo[n]) !== JSON.stringify(next[n]));
    // The version in the condition too: two saves racing past the check above cannot both land.
    const row = await tx.photo.update({
      where: { id: photoId, version: photo.version },
      data: {
        ...changes,
        version: { increment: 1 },
        searchText: photoSearchText(next),
        photographerId: changed.includes("credit") ? await photographerOf(tx, next.credit, actor.id) : photo.photographerId,
      },
      select: { ...uploadedSelect, version: true },
    }).catch((e) => {
      throw isRecordMissing(e) ? staleWords() : e;
    });
    if (changed.length) await recordAudit(tx, { actorId: actor.id, action: "photo.update", targetType: "photo", targetId: photoId, summary: { photoFields: changed } });
    return row;
  });
}

/** The caption and, when it ends with one, the credit it carries. */
function creditedCaption(caption: string): { caption: string; credit?: string } {
  const split = splitCaptionCredit(caption);
  return split.credit ? split : { caption };
}

/**
 * A caption and credit written for a photo in a story are the photo's in the library too: they fill
 * the library's words where those are empty or were the story's before this save (written through
 * earlier), never over words the desk wrote in the library. Only photos the actor may edit.
 */
export async function takeWordsFromStory(tx: Tx, actor: SessionUser, before: readonly BodyBlock[], after: readonly BodyBlock[]): Promise<void> {
  const previous = new Map(photosOf(before).map((p) => [p.photoId, p]));
  const blocks = new Map(photosOf(after).map((p) => [p.photoId, p]));
  if (blocks.size === 0) return;
  const photos = await tx.photo.findMany({
    where: { id: { in: [...blocks.keys()] } },
    select: { id: true, uploaderId: true, caption: true, credit: true, altText: true, keywords: true, place: true, event: true, photographerId: true },
  });
  for (const photo of photos) {
    if (!mayEditPhoto(actor, photo)) continue;
    const block = blocks.get(photo.id)!;
    const was = previous.get(photo.id);
    const takes = (field: "caption" | "credit") => block[field] !== "" && block[field] !== photo[field] && (photo[field] === "" || photo[field] === was?.[field]);
    const changed = (["caption", "credit"] as const).filter(takes);
    if (changed.length === 0) continue;
    const next = { ...photo, ...Object.fromEntries(changed.map((f) => [f, block[f]])) };
    await tx.photo.update({
      where: { id: photo.id },
      data: {
        caption: next.caption,
        credit: next.credit,
        version: { increment: 1 },
        searchText: photoSearchText(next),
        photographerId: changed.includes("credit") ? await photographerOf(tx, next.credit, actor.id) : photo.photographerId,
      },
    });
    await recordAudit(tx, { actorId: actor.id, action: "photo.update", targetType: "photo", targetId: photo.id, summary: { photoFields: changed, fromStory: true } });
  }
}

const staleWords = () => conflict("这张图片的说明在你打开后已被他人修改，你的修改没有保存，仍在表单里：请复制后刷新页面再改。");
