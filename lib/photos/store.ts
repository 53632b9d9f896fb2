import "server-only";
import { mkdir, readFile, rm, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/platform/env";

// Where photo files live. Today a folder on this machine; with several app instances this is
// the one module to replace with object storage (same three operations, same keys).
export interface PhotoStore {
  put(key: string, name: string, data: Buffer): Promise<void>;
  get(key: string, name: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
}

const SAFE = /^[a-z0-9/_.-]+$/i;

function assertSafe(...parts: string[]) {
  for (const p of parts) if (!SAFE.test(p) || p.includes("..")) throw new Error(`unsafe photo path: ${p}`);
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

let store: PhotoStore | undefined;
export function photoStore(): PhotoStore {
  store ??= localPhotoStore(env().PHOTO_DIR);
  return store;
}
