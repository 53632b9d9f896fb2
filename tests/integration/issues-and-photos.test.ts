import { describe, expect, it } from "vitest";
import { readdirSync, existsSync } from "node:fs";
import { db } from "@/lib/platform/db";
import { changeStory, createStory } from "@/lib/desk/story-commands";
import { createIssue } from "@/lib/issues/mutations";
import { releaseNow } from "@/lib/issues/release";
import { addPageTo, makeLead, moveItem, pageAtNow, placeOnPage, takeOffPage } from "@/lib/issues/commands";
import { uploadPhoto } from "@/lib/photos/mutations";
import { DomainError } from "@/lib/core/errors";
import { completeDraft, makeUser, orderOf, pagesOf, placeAtEnd, pngBytes, readyForRelease } from "../support/factories";

let day = 0;
const nextDate = () => {
  day += 1;
  return new Date(Date.UTC(2030, 0, 1) + day * 86400_000).toISOString().slice(0, 10);
};

async function approvedStory(editor: Awaited<ReturnType<typeof makeUser>>, headline?: string) {
  const author = await makeUser("CORRESPONDENT");
  const s = await createStory(author, completeDraft(headline ? { headline } : {}), { submit: true });
  await changeStory(editor, { action: "approve", storyId: s.id, baseVersion: s.version });
  return s.id;
}

describe("issue assembly and publication", () => {
  it("places, orders, leads and publishes all stories of an issue at once", async () => {
    const editor = await makeUser("EDITOR");
    const chief = await makeUser("CHIEF_EDITOR");
    const issue = await createIssue(editor, { date: nextDate() });
    const pages = await pagesOf(issue.id);
    expect(pages.map((p) => p.name)).toEqual(["要闻", "综合", "县区新闻", "副刊"]);
    const front = pages[0].id;

    const [a, b, c] = [await approvedStory(editor, "甲"), await approvedStory(editor, "乙"), await approvedStory(editor, "丙")];
    for (const id of [a, b, c]) await placeAtEnd(editor, id, front);
    const placementOf = async (storyId: string) => (await db().placement.findUniqueOrThrow({ where: { storyId } })).id;
    await makeLead(editor, { placementId: await placementOf(c), at: await pageAtNow(front) });
    await moveItem(editor, { placementId: await placementOf(a), from: await pageAtNow(front), to: await pageAtNow(front), index: 2 });
    expect(await orderOf(front)).toEqual([["丙", true], ["乙", false], ["甲", false]]);
    // Nothing moves above the lead: it is changed with 设为头条.
    await moveItem(editor, { placementId: await placementOf(a), from: await pageAtNow(front), to: await pageAtNow(front), index: 0 });
    expect(await orderOf(front)).toEqual([["丙", true], ["甲", false], ["乙", false]]);

    await readyForRelease(issue.id);
    const e = await releaseNow(editor, issue.id).catch((x) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).message).toBe("只有值班总编可以签发见报");

    const { storyIds } = await releaseNow(chief, issue.id);
    expect(storyIds.sort()).toEqual([a, b, c].sort());
    const stories = await db().story.findMany({ where: { id: { in: storyIds } } });
    expect(stories.every((s) => s.status === "PUBLISHED" && s.publishedAt)).toBe(true);
    expect((await db().issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("PUBLISHED");

    // A published issue is closed: nothing more is placed on it, and it is not published twice.
    const late = await approvedStory(editor);
    expect(((await placeOnPage(editor, { storyId: late, to: await pageAtNow(front), index: 0 }).catch((x: unknown) => x)) as DomainError).message).toBe("本期已经见报，不能再改动版面");
    expect(((await releaseNow(chief, issue.id).catch((x: unknown) => x)) as DomainError).code).toBe("conflict");
  });

  it("publishes nothing if any story on the issue is not ready", async () => {
    const editor = await makeUser("EDITOR");
    const chief = await makeUser("CHIEF_EDITOR");
    const issue = await createIssue(editor, { date: nextDate() });
    const page = (await pagesOf(issue.id))[1].id;
    const good = await approvedStory(editor);
    const bad = await approvedStory(editor);
    await placeAtEnd(editor, good, page);
    await placeAtEnd(editor, bad, page);
    // Simulate a story knocked out of PLACED behind the desk's back.
    await db().story.update({ where: { id: bad }, data: { status: "APPROVED" } });
    await readyForRelease(issue.id);

    await expect(releaseNow(chief, issue.id)).rejects.toBeInstanceOf(DomainError);
    expect((await db().issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("PLANNING");
    expect((await db().story.findUniqueOrThrow({ where: { id: good } })).status).toBe("PLACED");
    expect(await db().auditEvent.count({ where: { action: "issue.release", targetId: issue.id } })).toBe(0);
  });

  it("unplacing returns a story to the approved list and hands the lead on", async () => {
    const editor = await makeUser("EDITOR");
    const issue = await createIssue(editor, { date: nextDate() });
    const page = (await pagesOf(issue.id))[2].id;
    const first = await approvedStory(editor, "头条稿");
    const second = await approvedStory(editor, "二条稿");
    await placeAtEnd(editor, first, page);
    await placeAtEnd(editor, second, page);
    const placement = (await db().placement.findUniqueOrThrow({ where: { storyId: first } })).id;
    await takeOffPage(editor, { placementId: placement, at: await pageAtNow(page) });
    expect((await db().story.findUniqueOrThrow({ where: { id: first } })).status).toBe("APPROVED");
    expect(await orderOf(page)).toEqual([["二条稿", true]]);
  });

  it("refuses a second issue on the same date, a duplicate page number and a correspondent", async () => {
    const editor = await makeUser("EDITOR");
    const correspondent = await makeUser("CORRESPONDENT");
    const date = nextDate();
    const issue = await createIssue(editor, { date });
    expect(((await createIssue(editor, { date }).catch((x) => x)) as DomainError).fieldErrors.date).toEqual(["该日期或期号已存在"]);
    expect(((await addPageTo(editor, issue.id, { number: "1", name: "重复" }).catch((x: unknown) => x)) as DomainError).fieldErrors.number).toEqual(["该版次已存在"]);
    expect(((await createIssue(correspondent, { date: nextDate() }).catch((x) => x)) as DomainError).code).toBe("forbidden");
    expect(((await placeOnPage(correspondent, { storyId: "x", to: { pageId: "y", version: 1 }, index: 0 }).catch((x: unknown) => x)) as DomainError).code).toBe("forbidden");
  });
});

describe("photos", () => {
  it("stores the original and its derivatives, with an audit row", async () => {
    const author = await makeUser("CORRESPONDENT");
    const photo = await uploadPhoto(author, await pngBytes(1200, 800), { caption: "秋收", credit: "本报通讯员 测试 摄" });
    const row = await db().photo.findUniqueOrThrow({ where: { id: photo.id } });
    expect(row).toMatchObject({ width: 1200, height: 800, mimeType: "image/png", caption: "秋收" });
    expect(readdirSync(`${process.env.PHOTO_DIR}/${row.storageKey}`).sort()).toEqual(["original.png", "w1600.webp", "w480.webp", "w960.webp"]);
    expect(await db().auditEvent.count({ where: { targetId: photo.id, action: "photo.upload" } })).toBe(1);
  });

  it("stores nothing for a file that is not an image", async () => {
    const author = await makeUser("CORRESPONDENT");
    const before = existsSync(process.env.PHOTO_DIR!) ? readdirSync(process.env.PHOTO_DIR!, { recursive: true }).length : 0;
    await expect(uploadPhoto(author, Buffer.from("GIF89a 伪装成图片"))).rejects.toBeInstanceOf(DomainError);
    const after = existsSync(process.env.PHOTO_DIR!) ? readdirSync(process.env.PHOTO_DIR!, { recursive: true }).length : 0;
    expect(after).toBe(before);
    expect(await db().photo.count({ where: { uploaderId: author.id } })).toBe(0);
  });

  it("a NUL in the photo desk's caption is refused with the field named, and nothing is stored", async () => {
    const author = await makeUser("CORRESPONDENT");
    await expect(uploadPhoto(author, await pngBytes(), { caption: "秋收\u0000" })).rejects.toMatchObject({ code: "invalid", fieldErrors: { caption: [expect.stringContaining("图片说明含有无法保存的字符")] } });
    expect(await db().photo.count({ where: { uploaderId: author.id } })).toBe(0);
    const kept = await uploadPhoto(author, await pngBytes(), { caption: "秋收\u0007进行时" });
    expect((await db().photo.findUniqueOrThrow({ where: { id: kept.id } })).caption).toBe("秋收进行时");
  });

  it("an admin cannot upload, and nobody can use another correspondent's unattached photo", async () => {
    const admin = await makeUser("ADMIN");
    await expect(uploadPhoto(admin, await pngBytes())).rejects.toMatchObject({ code: "forbidden" });
    const owner = await makeUser("CORRESPONDENT");
    const thief = await makeUser("CORRESPONDENT");
    const photo = await uploadPhoto(owner, await pngBytes());
    const draft = completeDraft({ body: [{ type: "photo", photoId: photo.id, caption: "借用", credit: "某某 摄", altText: "" }] });
    await expect(createStory(thief, draft)).rejects.toMatchObject({ code: "invalid" });
    expect(await db().story.count({ where: { authorId: thief.id } })).toBe(0);
    expect(await db().storyPhoto.count({ where: { photoId: photo.id } })).toBe(0);
  });
});
