import "server-only";
import { env, type Env } from "@/lib/platform/env";
import type { PhotoStore } from "@/lib/platform/storage/photo-store";
import { localPhotoStore } from "@/lib/platform/storage/local";
import { s3PhotoStore, type S3Settings } from "@/lib/platform/storage/s3";

export type { PhotoStore, StoredFile } from "@/lib/platform/storage/photo-store";

/** The bucket settings the environment gives (env() has checked they are all there for PHOTO_STORE=s3). */
export function s3SettingsFrom(e: Env): S3Settings {
  return {
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    bucket: e.S3_BUCKET!,
    accessKeyId: e.S3_ACCESS_KEY_ID!,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === "true" : e.S3_ENDPOINT !== undefined,
  };
}

let store: PhotoStore | undefined;

/** The store this instance keeps photo files in: PHOTO_STORE=s3 a shared bucket, else the folder PHOTO_DIR. */
export function photoStore(): PhotoStore {
  if (!store) {
    const e = env();
    store = e.PHOTO_STORE === "s3" ? s3PhotoStore(s3SettingsFrom(e)) : localPhotoStore(e.PHOTO_DIR);
  }
  return store;
}
