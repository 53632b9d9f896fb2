import "server-only";
import { db } from "@/lib/platform/db";
import { photoStore, type PhotoStore } from "@/lib/platform/storage";
import { isStorageKey } from "@/lib/photos/files";

// Files without a Photo row are what a crash between an upload's files and its row leaves, or a
// removal's files after its row (lib/photos/files.ts). The hourly job removes them once they are
// older than any upload could be still in progress: an upload writes its files before its row.
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;
const BATCH = 500;

export type SweepResult = { checked: number; removed: number; sample: string[] };

/**
 * Removes the files of keys no Photo row names and last written before `cutoff`. Safe to run again
 * and side by side: it only ever removes what nothing refers to, and removing twice is harmless.
 */
export async function sweepOrphanPhotoFiles(store: PhotoStore, cutoff: Date): Promise<SweepResult> {
  const result: SweepResult = { checked: 0, removed: 0, sample: [] };
  let batch: string[] = [];
  const removeUnnamed = async () => {
    const named = await db().photo.findMany({ where: { storageKey: { in: batch } }, select: { storageKey: true } });
    const keep = new Set(named.map((p) => p.storageKey));
    for (const key of batch.filter((k) => !keep.has(k))) {
      await store.remove(key);
      result.removed++;
      if (result.sample.length < 20) result.sample.push(key);
    }
    batch = [];
  };
  for await (const { key, lastWritten } of store.keys()) {
    // Only keys the app makes: anything else someone keeps in the folder or bucket is not ours to judge.
    if (!isStorageKey(key) || lastWritten >= cutoff) continue;
    result.checked++;
    batch.push(key);
    if (batch.length === BATCH) await removeUnnamed();
  }
  if (batch.length) await removeUnnamed();
  return result;
}

/** The photo-sweep job: the store this instance uses, files older than the grace period. */
export async function photoSweepJob(): Promise<SweepResult> {
  const result = await sweepOrphanPhotoFiles(photoStore(), new Date(Date.now() - ORPHAN_GRACE_MS));
  if (result.removed) console.log(`[photos] sweep removed the files of ${result.removed} photos without a row (${result.sample.slice(0, 3).join(", ")} ...)`);
  return result;
}
