import "server-only";
import { env } from "@/lib/platform/env";
import type { PhotoStore } from "@/lib/platform/storage/photo-store";
import { localPhotoStore } from "@/lib/platform/storage/local";

export type { PhotoStore } from "@/lib/platform/storage/photo-store";

let store: PhotoStore | undefined;

/** The store this instance keeps photo files in, chosen by the environment. */
export function photoStore(): PhotoStore {
  store ??= localPhotoStore(env().PHOTO_DIR);
  return store;
}
