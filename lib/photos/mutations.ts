import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/core/audit";
import { forbidden } from "@/lib/core/errors";
import { ingestPhoto } from "@/lib/photos/ingest";
import { photoStore } from "@/lib/photos/store";

export type UploadedPhoto = { id: string; width: number; height: number };

export async function uploadPhoto(
  actor: SessionUser,
  data: Buffer,
  meta: { caption?: string; credit?: string; altText?: string } = {},
): Promise<UploadedPhoto> {
  if (!can(actor.role, "story:file")) throw forbidden("你的账号不能上传图片");
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
          caption: meta.caption?.slice(0, 300) ?? "",
          credit: meta.credit?.slice(0, 60) ?? "",
          altText: meta.altText?.slice(0, 200) ?? "",
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
