import "server-only";
import { randomUUID } from "node:crypto";
import type { PhotoStore } from "@/lib/platform/storage";
import { busy } from "@/lib/core/errors";

// Where a photo's files live in the photo store: one key per upload, under its month (2026/11/<uuid>).
// The order of writes is what keeps the store and the Photo table agreeing: files before their row
// is committed, a row deleted before its files. A crash in between leaves files without a row, never
// a row without its files; the sweep (lib/photos/sweep.ts) removes such files.

export function newStorageKey(now = new Date()): string {
  return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}/${randomUUID()}`;
}

/** A key this app made: the sweep touches nothing else it may find in the store. */
export function isStorageKey(key: string): boolean {
  return /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key);
}

/**
 * Writes a photo's files side by side; returns once every write has ended. A store that cannot take
 * them (down, full, refusing the keys) is the server's trouble, told as such, with the cause logged.
 */
export async function putPhotoFiles(store: PhotoStore, key: string, files: { name: string; data: Buffer }[]): Promise<void> {
  // allSettled, not all: a caller that removes the files after a failure must not race a write still going.
  const results = await Promise.allSettled(files.map((f) => store.put(key, f.name, f.data)));
  const failed = results.find((r) => r.status === "rejected");
  if (!failed) return;
  console.error(`[photos] files of ${key} could not be written: ${failed.reason instanceof Error ? failed.reason.message : failed.reason}`);
  throw busy("图片存储暂时不可用，图片没有保存，请稍后再上传");
}

/** Removes files whose row was never written; what cannot be removed now stays for the sweep. */
export async function discardPhotoFiles(store: PhotoStore, key: string): Promise<void> {
  await store.remove(key).catch((e: unknown) => console.error(`[photos] files of ${key} stay for the sweep: ${e instanceof Error ? e.message : e}`));
}
