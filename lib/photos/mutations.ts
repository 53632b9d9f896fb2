import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/core/audit";
import { forbidden, invalid } from "@/lib/core/errors";
import { z } from "zod";
import { typedText } from "@/lib/validation/text";
import { fieldErrorsOf } from "@/lib/validation/story";
import { ingestPhoto } from "@/lib/photos/ingest";
import { photoStore } from "@/lib/photos/store";

export type UploadedPhoto = { id: string; width: number; height: number };

// The photo desk's own copy of caption, credit and description, under the same text rule as stories.
const photoTexts = z.object({
  caption: typedText({ max: 300, what: "图片说明", multiline: true }).default(""),
  credit: typedText({ max: 60, what: "摄影署名" }).default(""),
  altText: typedText({ max: 200, what: "替代文字" }).default(""),
});

export async function uploadPhoto(
  actor: SessionUser,
  data: Buffer,
  meta: { caption?: string; credit?: string; altText?: string } = {},
): Promise<UploadedPhoto> {
  if (!can(actor.role, "story:file")) throw forbidden("你的账号不能上传图片");
  const texts = photoTexts.safeParse(meta);
  if (!texts.success) throw invalid(texts.error.issues[0].message, fieldErrorsOf(texts.error));
  const photo = await ingestPhoto(data, env().PHOTO_MAX_BYTES);
  const now = new Date();
  const storageKey = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}/${randomUUID()}`;
  const store = photoStore();
  await store.put(storageKey, `original.${photo.extension}`, photo.original);
  for (const d of photo.derivatives) await store.put(storageKey, `${d.name}.webp`, d.data);
  try {
    return await db().$transaction(async (tx) => {
      const row = await tx.photo.create({
        data: {
          storageKey,
          mimeType: photo.mimeType,
          width: photo.width,
          height: photo.height,
          bytes: data.length,
          ...texts.data,
          uploaderId: actor.id,
        },
        select: { id: true, width: true, height: true },
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
    // Nothing half-saved: files without their row are removed.
    await store.remove(storageKey);
    throw e;
  }
}
