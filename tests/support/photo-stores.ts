import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { PhotoStore } from "@/lib/platform/storage";
import { localPhotoStore } from "@/lib/platform/storage/local";
import { s3PhotoStore } from "@/lib/platform/storage/s3";
import { startS3Server, type TestS3Server } from "./s3-server";

/**
 * The two photo stores a contract runs on, made for the calling test file: a temporary folder and a
 * bucket on a real S3-protocol server over HTTP, started before its tests and removed after them.
 */
export function photoStoresUnderTest(): [string, () => PhotoStore][] {
  let s3: TestS3Server;
  let folder: string;
  beforeAll(async () => {
    s3 = await startS3Server();
    folder = mkdtempSync(path.join(os.tmpdir(), "newsroom-photo-store-"));
  });
  afterAll(async () => {
    await s3?.stop();
    rmSync(folder, { recursive: true, force: true });
  });
  return [
    ["a local folder", () => localPhotoStore(folder)],
    // Three objects a listing page, so a key's files fall across pages too.
    ["an S3 bucket", () => s3PhotoStore(s3.settings, { listPageSize: 3 })],
  ];
}
