import { randomBytes, randomUUID } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { photoStoresUnderTest } from "../support/photo-stores";

// One contract, two stores: the folder and a bucket on a real S3-protocol server over HTTP.

const STORES = photoStoresUnderTest();

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

  it("lists each key that holds files once, with when it was last written", async () => {
    const before = Date.now() - 2000;
    const keys = [newKey(), newKey(), newKey()];
    for (const [i, key] of keys.entries()) for (const name of ["original.jpg", "w480.webp", "w960.webp", "w1600.webp"].slice(0, i + 2)) await store().put(key, name, Buffer.from(name));
    const removed = newKey();
    await store().put(removed, "w480.webp", Buffer.from("x"));
    await store().remove(removed);

    const listed: { key: string; lastWritten: Date }[] = [];
    for await (const k of store().keys()) listed.push(k);
    const names = listed.map((k) => k.key);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(keys));
    expect(names).not.toContain(removed);
    for (const k of listed.filter((l) => keys.includes(l.key))) expect(k.lastWritten.getTime()).toBeGreaterThan(before);
  });

  it("refuses keys and names that could leave a photo's folder", async () => {
    for (const [key, name] of [["../outside", "w480.webp"], ["2026/../..", "w480.webp"], ["2026/11/x", "../w480.webp"], ["2026/11/x", "a/b"], ["/", "w480.webp"], ["", "w480.webp"]]) {
      await expect(store().put(key, name, Buffer.from("x"))).rejects.toThrow("unsafe photo path");
      await expect(store().get(key, name)).rejects.toThrow("unsafe photo path");
    }
    for (const key of [".", "..", "/", "", "2026//11", "2026/11/"]) await expect(store().remove(key)).rejects.toThrow("unsafe photo path");
  });
});
