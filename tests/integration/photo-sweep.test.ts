import { afterAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { db } from "@/lib/platform/db";
import type { PhotoStore } from "@/lib/platform/storage";
import { startJobWorkers } from "@/lib/platform/jobs";
import { QUEUES } from "@/lib/jobs/queues";
import { newStorageKey } from "@/lib/photos/files";
import { sweepOrphanPhotoFiles } from "@/lib/photos/sweep";
import { makeUser } from "../support/factories";
import { photoStoresUnderTest } from "../support/photo-stores";

// The sweep of files without a Photo row, on the folder and on a bucket of a real S3-protocol server.

const STORES = photoStoresUnderTest();

async function keysOf(store: PhotoStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key } of store.keys()) keys.push(key);
  return keys;
}

/** Stores keep times to the second (S3 listings do): the next whole second, waited for, parts old from new. */
async function nextSecond(): Promise<Date> {
  const at = Math.ceil((Date.now() + 1) / 1000) * 1000;
  await new Promise((r) => setTimeout(r, at - Date.now() + 20));
  return new Date(at);
}

describe.each(STORES)("the sweep of photo files in %s", (_, store) => {
  it("removes an old key without a row; keeps a fresh one, one with a row and what the app did not write", async () => {
    const uploader = await makeUser("CORRESPONDENT");
    const orphan = newStorageKey();
    const named = newStorageKey();
    for (const key of [orphan, named]) for (const name of ["original.png", "w480.webp"]) await store().put(key, name, Buffer.from(name));
    await db().photo.create({ data: { storageKey: named, mimeType: "image/png", width: 1, height: 1, bytes: 1, uploaderId: uploader.id } });
    await store().put("imports/2019", "list.txt", Buffer.from("not the app's"));
    const cutoff = await nextSecond();
    // An upload in progress: files written, its row not yet.
    const fresh = newStorageKey();
    await store().put(fresh, "original.png", Buffer.from("x"));

    const swept = await sweepOrphanPhotoFiles(store(), cutoff);
    expect(swept).toMatchObject({ removed: 1, sample: [orphan] });
    const left = await keysOf(store());
    expect(left).not.toContain(orphan);
    expect(left).toEqual(expect.arrayContaining([named, fresh, "imports/2019"]));
    expect(await store().get(named, "w480.webp")).not.toBeNull();

    // Again, and two at once: nothing more to do, nothing fails.
    const again = await Promise.all([sweepOrphanPhotoFiles(store(), cutoff), sweepOrphanPhotoFiles(store(), cutoff)]);
    expect(again.map((r) => r.removed)).toEqual([0, 0]);
    expect(await keysOf(store())).toEqual(expect.arrayContaining([named, fresh]));
  });
});

describe("the photo-sweep queue", () => {
  let boss: PgBoss | undefined;
  afterAll(async () => boss?.stop({ graceful: false, wait: true }));

  it("is on an hourly schedule in pg-boss, and its jobs reach the handler", async () => {
    const ran: unknown[] = [];
    boss = await startJobWorkers([{ queue: QUEUES.photoSweep, handler: async (data) => void ran.push(data) }], { pollingIntervalSeconds: 0.5 });
    const schedules = await boss.getSchedules();
    expect(schedules.filter((s) => s.name === QUEUES.photoSweep.name).map((s) => s.cron)).toEqual(["17 * * * *"]);

    await boss.send(QUEUES.photoSweep.name, { by: "test" });
    for (let i = 0; i < 100 && ran.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(ran).toEqual([{ by: "test" }]);
  });
});
