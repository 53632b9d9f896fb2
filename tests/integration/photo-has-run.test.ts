import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { uploadPhoto } from "@/lib/photos/mutations";
import { listLibrary } from "@/lib/photos/library";
import { releaseNow } from "@/lib/issues/release";
import { createIssue } from "@/lib/issues/mutations";
import { changeStory, createStory, withdrawStory } from "@/lib/desk/story-commands";
import { completeDraft, makeUser, pagesOf, placeAtEnd, pngBytes, readyForRelease } from "../support/factories";

// 已刊用 (Photo.hasRun) is a copy of "some story that ran in print carries this photo" (a withdrawn
// one too: it was printed; lib/print-record/in-print.ts), kept so the library need not read every printed
// story's photos (lib/photos/links.ts). A copy can go stale: after each step here every photo's flag
// is compared with the truth read from the links themselves, and with what a correspondent who never
// used the photo is shown.

let day = 0;
// Days of its own: reader-purge.test.ts makes issues from 2041-01-01 on, and files run in any order.
const nextDate = () => new Date(Date.UTC(2046, 0, 1) + ++day * 86400_000).toISOString().slice(0, 10);

/** Photos whose flag disagrees with their links: none, whatever happened. */
async function staleFlags(): Promise<{ id: string; hasRun: boolean }[]> {
  return db().$queryRaw`SELECT p.id, p."hasRun" FROM "Photo" p
    WHERE p."hasRun" <> EXISTS (SELECT 1 FROM "StoryPhoto" sp JOIN "Story" s ON s.id = sp."storyId" WHERE sp."photoId" = p.id
      AND (s.status = 'PUBLISHED' OR (s.status = 'WITHDRAWN' AND s."publishedAt" IS NOT NULL)))`;
}

async function hasRun(photoId: string): Promise<boolean> {
  return (await db().photo.findUniqueOrThrow({ where: { id: photoId }, select: { hasRun: true } })).hasRun;
}

/** Whether a correspondent who neither uploaded nor used the photo finds it in the library. */
async function strangerSees(stranger: SessionUser, photoId: string): Promise<boolean> {
  const page = await listLibrary(stranger, { q: "已刊用测试" }, 200);
  return page.items.some((p) => p.id === photoId);
}

/** A story by `author` carrying the photo, filed, approved and placed on a new issue, released by `chief`. */
async function releasedWith(people: { author: SessionUser; editor: SessionUser; chief: SessionUser }, photoId: string) {
  const { author, editor, chief } = people;
  const body = [
    { type: "photo" as const, photoId, caption: "已刊用测试：农民在晾晒玉米。", credit: "本报记者 测试 摄", altText: "" },
    { type: "paragraph" as const, text: "近日，县里各乡镇的玉米陆续晾晒入仓。" },
  ];
  const filed = await createStory(author, completeDraft({ kind: "PHOTO_NEWS", body }), { submit: true });
  await changeStory(editor, { action: "approve", storyId: filed.id, baseVersion: filed.version });
  const issue = await createIssue(editor, { date: nextDate() });
  await placeAtEnd(editor, filed.id, (await pagesOf(issue.id))[0].id);
  await readyForRelease(issue.id);
  await releaseNow(chief, issue.id);
  return db().story.findUniqueOrThrow({ where: { id: filed.id }, select: { id: true, version: true, status: true } });
}

describe("已刊用 (Photo.hasRun)", () => {
  it("is set by the release that publishes a story carrying the photo, and kept when the stories carrying it are withdrawn", async () => {
    const people = { author: await makeUser("CORRESPONDENT", "拍摄者"), editor: await makeUser("EDITOR"), chief: await makeUser("CHIEF_EDITOR") };
    const stranger = await makeUser("CORRESPONDENT", "旁人");
    const photo = await uploadPhoto(people.author, await pngBytes(), { caption: "已刊用测试的图片" });
    expect(await hasRun(photo.id)).toBe(false);

    // In a draft, not yet run: still only the uploader's.
    const body = [{ type: "photo" as const, photoId: photo.id, caption: "已刊用测试", credit: "本报记者 测试 摄", altText: "" }, { type: "paragraph" as const, text: "草稿。" }];
    await createStory(people.author, completeDraft({ kind: "PHOTO_NEWS", body }));
    expect(await hasRun(photo.id)).toBe(false);
    expect(await strangerSees(stranger, photo.id)).toBe(false);
    expect(await staleFlags()).toEqual([]);

    const first = await releasedWith(people, photo.id);
    expect(first.status).toBe("PUBLISHED");
    expect(await hasRun(photo.id)).toBe(true);
    expect(await strangerSees(stranger, photo.id)).toBe(true);
    expect(await staleFlags()).toEqual([]);

    // On two published stories: withdrawing one leaves it run.
    const second = await releasedWith(people, photo.id);
    await withdrawStory(people.chief, first.id, first.version, "核实后撤下第一篇。");
    expect(await hasRun(photo.id)).toBe(true);
    expect(await strangerSees(stranger, photo.id)).toBe(true);
    expect(await staleFlags()).toEqual([]);

    // Withdrawing the last one too: both were printed, so the photo has still run, for the library.
    await withdrawStory(people.chief, second.id, second.version, "核实后撤下第二篇。");
    expect(await hasRun(photo.id)).toBe(true);
    expect(await strangerSees(stranger, photo.id)).toBe(true);
    expect(await staleFlags()).toEqual([]);
  });

  it("stays set after two withdrawals of the two stories carrying a photo at the same moment", async () => {
    const people = { author: await makeUser("CORRESPONDENT", "拍摄者"), editor: await makeUser("EDITOR"), chief: await makeUser("CHIEF_EDITOR") };
    // A few times: each transaction must see the other's withdrawal, whichever commits first.
    for (let trial = 0; trial < 3; trial++) {
      const photo = await uploadPhoto(people.author, await pngBytes(), { caption: `已刊用测试的并发撤稿${trial}` });
      const [a, b] = [await releasedWith(people, photo.id), await releasedWith(people, photo.id)];
      await Promise.all([
        withdrawStory(people.chief, a.id, a.version, "同时撤下第一篇。"),
        withdrawStory(people.chief, b.id, b.version, "同时撤下第二篇。"),
      ]);
      expect(await hasRun(photo.id)).toBe(true);
    }
    expect(await staleFlags()).toEqual([]);
  });

  it("counts a photo as run in the library's 已刊用 filter once a story carrying it is released, withdrawn since or not", async () => {
    const people = { author: await makeUser("CORRESPONDENT", "拍摄者"), editor: await makeUser("EDITOR"), chief: await makeUser("CHIEF_EDITOR") };
    const photo = await uploadPhoto(people.author, await pngBytes(), { caption: "已刊用测试的筛选" });
    const used = async () => (await listLibrary(people.editor, { q: "已刊用测试的筛选", use: "used" }, 200)).items.map((p) => p.id);
    const unused = async () => (await listLibrary(people.editor, { q: "已刊用测试的筛选", use: "unused" }, 200)).items.map((p) => p.id);
    expect([await used(), await unused()]).toEqual([[], [photo.id]]);
    const story = await releasedWith(people, photo.id);
    expect([await used(), await unused()]).toEqual([[photo.id], []]);
    await withdrawStory(people.chief, story.id, story.version, "核实后撤下。");
    expect([await used(), await unused()]).toEqual([[photo.id], []]);
    expect(await staleFlags()).toEqual([]);
  });
});
