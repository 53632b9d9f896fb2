import "server-only";
import { mkdir, open, readdir, rm, stat, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import { assertSafe, type PhotoStore, type StoredKey } from "@/lib/platform/storage/photo-store";

// Photo files in a folder on this machine (PHOTO_DIR): the default, for one app instance.

async function unlessMissing<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** The folders under `prefix` that hold files. A folder's time is its last entry's arrival: files are renamed into it once written. */
async function* keysUnder(root: string, prefix: string): AsyncGenerator<StoredKey> {
  const dir = path.join(root, prefix);
  const entries = (await unlessMissing(readdir(dir, { withFileTypes: true }))) ?? [];
  if (prefix && entries.some((e) => e.isFile())) {
    const folder = await unlessMissing(stat(dir));
    if (folder) yield { key: prefix, lastWritten: folder.mtime };
  }
  for (const e of entries) {
    if (e.isDirectory() && !e.name.startsWith(".")) yield* keysUnder(root, prefix ? `${prefix}/${e.name}` : e.name);
  }
}

export function localPhotoStore(root: string): PhotoStore {
  return {
    async put(key, name, data) {
      assertSafe(key, name);
      const dir = path.join(root, key);
      await mkdir(dir, { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
      await writeFile(tmp, data);
      await rename(tmp, path.join(dir, name));
    },
    async get(key, name) {
      assertSafe(key, name);
      const file = await unlessMissing(open(path.join(root, key, name), "r"));
      if (!file) return null;
      try {
        // The size of the file opened, so Content-Length and the bytes sent always agree.
        const { size } = await file.stat();
        return { body: file.createReadStream(), size };
      } catch (e) {
        await file.close();
        throw e;
      }
    },
    async size(key, name) {
      assertSafe(key, name);
      return (await unlessMissing(stat(path.join(root, key, name))))?.size ?? null;
    },
    async remove(key) {
      assertSafe(key);
      await rm(path.join(root, key), { recursive: true, force: true });
    },
    keys: () => keysUnder(root, ""),
  };
}
