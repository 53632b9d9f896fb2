import "server-only";
import { mkdir, readFile, rm, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import { assertSafe, type PhotoStore } from "@/lib/platform/storage/photo-store";

// Photo files in a folder on this machine (PHOTO_DIR): the default, for one app instance.

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
      try {
        return await readFile(path.join(root, key, name));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },
    async remove(key) {
      assertSafe(key);
      await rm(path.join(root, key), { recursive: true, force: true });
    },
  };
}
