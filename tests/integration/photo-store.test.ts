import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PhotoStore } from "@/lib/platform/storage";
import { localPhotoStore } from "@/lib/platform/storage/local";
import { s3PhotoStore } from "@/lib/platform/storage/s3";
import { startS3Server, type TestS3Server } from "../support/s3-server";

// One contract, two stores: the folder and a bucket on a real S3-protocol server over HTTP.

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

const STORES: [string, () => PhotoStore][] = [
  ["a local folder", () => localPhotoStore(folder)],
  ["an S3 bucket", () => s3PhotoStore(s3.settings)],
];

const newKey = () => `2026/11/${randomUUID()}`;

describe.each(STORES)("the photo store in %s", (_, store) => {
  it("streams back what was put, byte for byte, with its size", async () => {
    const key = newKey();
    // Bigger than one chunk of any stream: the file arrives in pieces, not as one buffer.
    const original = randomBytes(3 * 1024 * 1024 + 17);
    await store().put(key, "original.jpg", original);
    await store().put(key, "w480.webp", Buffer.from("small"));

    const file = await store().get(key, "original.jpg");
    expect(file?.size).toBe(original.length);
    let chunks = 0;
    file!.body.on("data", () => chunks++);
    expect((await buffer(file!.body)).equals(original)).toBe(true);
    expect(chunks).toBeGreaterThan(1);
    expect(await store().size(key, "original.jpg")).toBe(original.length);
    expect((await buffer((await store().get(key, "w480.webp"))!.body)).toString()).toBe("small");
  });

  it("answers null for a file or a key that is not there", async () => {
    const key = newKey();
    await store().put(key, "w480.webp", Buffer.from("x"));
    expect(await store().get(key, "w960.webp")).toBeNull();
    expect(await store().get(newKey(), "w480.webp")).toBeNull();
    expect(await store().size(key, "w960.webp")).toBeNull();
  });

  it("removes every file of a key and nothing of a key that starts the same", async () => {
    const key = newKey();
    const longer = `${key}0`;
    for (const name of ["original.png", "w480.webp", "w960.webp", "w1600.webp"]) await store().put(key, name, Buffer.from(name));
    await store().put(longer, "w480.webp", Buffer.from("keep"));

    await store().remove(key);
    for (const name of ["original.png", "w480.webp", "w960.webp", "w1600.webp"]) expect(await store().get(key, name)).toBeNull();
    expect((await buffer((await store().get(longer, "w480.webp"))!.body)).toString()).toBe("keep");
    // Again, and for a key never written: nothing to do, no error.
    await store().remove(key);
    await store().remove(newKey());
  });

  it("refuses keys and names that could leave a photo's folder", async () => {
    for (const [key, name] of [["../outside", "w480.webp"], ["2026/../..", "w480.webp"], ["2026/11/x", "../w480.webp"], ["2026/11/x", "a/b"], ["/", "w480.webp"], ["", "w480.webp"]]) {
      await expect(store().put(key, name, Buffer.from("x"))).rejects.toThrow("unsafe photo path");
      await expect(store().get(key, name)).rejects.toThrow("unsafe photo path");
    }
    for (const key of [".", "..", "/", "", "2026//11", "2026/11/"]) await expect(store().remove(key)).rejects.toThrow("unsafe photo path");
  });
});
