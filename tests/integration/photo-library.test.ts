import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { buffer } from "node:stream/consumers";
import { db } from "@/lib/platform/db";
import { uploadPhoto, updatePhoto } from "@/lib/photos/mutations";
import { listLibrary, photoDetail } from "@/lib/photos/library";
import { photoStore } from "@/lib/platform/storage";
import { createStory } from "@/lib/desk/story-commands";
import { completeDraft, makeUser, pngBytes, publishDirectly } from "../support/factories";
import { cameraJpeg } from "../support/photo-files";
import { refusal } from "../support/refusal";

const camera = () =>
  cameraJpeg(
    { make: "NIKON CORPORATION", model: "NIKON Z 8", takenAt: "2026:10:03 09:15:30" },
    { caption: "郭家店镇农民在田间抢收玉米", byline: "文卫东", keywords: ["秋收", "玉米"], city: "梨树县", sublocation: "郭家店镇" },
  );

/** A story (by `author`) that runs the photo, published; it writes no words of its own about it (they would fill the library's). */
async function publishedStoryWith(photoId: string, headline = "秋收图片新闻") {
  const author = await makeUser("EDITOR");
  const story = await createStory(author, completeDraft({ kind: "PHOTO_NEWS", headline, body: [{ type: "photo", photoId, caption: "", credit: "", altText: "" }, { type: "paragraph", text: "田间一派丰收景象。" }] }));
  await publishDirectly(story.id);
  return story.id;
}

describe("metadata read at upload", () => {
  it("takes shooting time, camera, caption, credit, keywords and place from the file's EXIF and IPTC", async () => {
    const photographer = await makeUser("CORRESPONDENT", "文卫东");
    const uploaded = await uploadPhoto(photographer, await camera());
    expect(uploaded.caption).toBe("郭家店镇农民在田间抢收玉米");
    expect(uploaded.credit).toBe("文卫东 摄");
    const row = await db().photo.findUniqueOrThrow({ where: { id: uploaded.id }, include: { photographer: true } });
    // No zone in the file: read as Beijing time, 09:15 in Beijing is 01:15 UTC.
    expect(row.takenAt?.toISOString()).toBe("2026-10-03T01:15:30.000Z");
    expect(row.camera).toBe("Nikon Z 8");
    expect(row.keywords).toEqual(["秋收", "玉米"]);
    expect(row.place).toBe("梨树县 郭家店镇");
    expect(row.searchText).toBe("郭家店镇农民在田间抢收玉米\n文卫东 摄\n秋收 玉米\n梨树县 郭家店镇");
    expect(row.photographer?.name).toBe("文卫东");
    // The public sizes carry none of it.
    const w480 = await photoStore().get(row.storageKey, "w480.webp");
    const meta = await sharp(await buffer(w480!.body)).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
  });

  it("honours the file's zone, reads GB18030 captions, and lets typed words win over the file's", async () => {
    const user = await makeUser("CORRESPONDENT");
    const zoned = await uploadPhoto(user, await cameraJpeg({ takenAt: "2026:10:03 09:15:30", offset: "+09:00" }, { caption: "秋收现场" }, { encoding: "gb18030" }));
    const row = await db().photo.findUniqueOrThrow({ where: { id: zoned.id } });
    expect(row.takenAt?.toISOString()).toBe("2026-10-03T00:15:30.000Z");
    expect(row.caption).toBe("秋收现场");

    const typed = await uploadPhoto(user, await camera(), { caption: "自己写的说明", credit: "本报通讯员 孟庆 摄", keywords: "丰收、农机 合作社", event: "秋收" });
    const typedRow = await db().photo.findUniqueOrThrow({ where: { id: typed.id }, include: { photographer: true } });
    expect([typedRow.caption, typedRow.credit, typedRow.event]).toEqual(["自己写的说明", "本报通讯员 孟庆 摄", "秋收"]);
    expect(typedRow.keywords).toEqual(["丰收", "农机", "合作社"]);
    expect(typedRow.place).toBe("梨树县 郭家店镇"); // not typed: the file's
    expect(typedRow.photographer?.name).toBe("孟庆");
  });

  it("refuses bad shared fields with a Chinese message and keeps nothing", async () => {
    const user = await makeUser("CORRESPONDENT");
    const before = await db().photo.count();
    const tooMany = await refusal(uploadPhoto(user, await pngBytes(), { keywords: "一一 二二 三三 四四 五五 六六 七七 八八 九九 十十 十一" }));
    expect(tooMany.message).toBe("关键词最多 10 个");
    expect((await refusal(uploadPhoto(user, await pngBytes(), { place: "地".repeat(41) }))).message).toBe("地点不能超过 40 个字");
    expect(await db().photo.count()).toBe(before);
  });
});

describe("who sees what in the library", () => {
  it("gives the desk everything, a correspondent their own and what has run, an administrator nothing", async () => {
    const mine = await makeUser("CORRESPONDENT");
    const other = await makeUser("CORRESPONDENT");
    const editor = await makeUser("EDITOR");
    const admin = await makeUser("ADMIN");
    const tag = `可见性${Date.now()}`;
    const own = await uploadPhoto(mine, await pngBytes(), { caption: `我的图 ${tag}` });
    const theirs = await uploadPhoto(other, await pngBytes(), { caption: `别人的图 ${tag}` });
    const ran = await uploadPhoto(other, await pngBytes(), { caption: `见报的图 ${tag}` });
    await publishedStoryWith(ran.id);

    const ids = async (who: typeof mine) => (await listLibrary(who, { q: tag })).items.map((p) => p.id).sort();
    expect(await ids(mine)).toEqual([own.id, ran.id].sort());
    expect(await ids(editor)).toEqual([own.id, theirs.id, ran.id].sort());
    expect((await refusal(listLibrary(admin, {}))).code).toBe("forbidden");
    expect((await refusal(photoDetail(mine, theirs.id))).code).toBe("not_found");
    const detail = await photoDetail(mine, ran.id);
    expect(detail.uses.map((u) => u.headline)).toEqual(["秋收图片新闻"]);
    expect(detail.editable).toBe(false);
    expect(detail.sizes.map((s) => s.name)).toEqual(["w480", "w960", "w1600", "original"]);
  });

  it("keeps a photo in someone's draft from the desk until the story is submitted, and shows a correspondent the photos of their own stories", async () => {
    const author = await makeUser("CORRESPONDENT");
    const editor = await makeUser("EDITOR");
    const tag = `草稿图${Date.now()}`;
    const photo = await uploadPhoto(author, await pngBytes(), { caption: tag });
    const draft = await createStory(author, completeDraft({ body: [{ type: "photo", photoId: photo.id, caption: "说明", credit: "测试 摄", altText: "" }] }));
    const ids = async (who: typeof author) => (await listLibrary(who, { q: tag })).items.map((p) => p.id);
    expect(await ids(editor)).toEqual([]);
    expect((await refusal(photoDetail(editor, photo.id))).code).toBe("not_found");
    await db().story.update({ where: { id: draft.id }, data: { status: "SUBMITTED" } });
    expect(await ids(editor)).toEqual([photo.id]);
    // The desk put a photo of its own into the correspondent's story: the correspondent sees it there.
    const deskPhoto = await uploadPhoto(editor, await pngBytes(), { caption: `${tag} 编辑部` });
    await db().storyPhoto.create({ data: { storyId: draft.id, photoId: deskPhoto.id } });
    expect((await photoDetail(author, deskPhoto.id)).uses.map((u) => u.storyId)).toEqual([draft.id]);
  });
});

describe("search and filters", () => {
  it("finds by caption, credit and keyword, filters by photographer, dates and use, and pages without repeats", async () => {
    const editor = await makeUser("EDITOR");
    const tag = `搜索${Date.now()}`;
    const a = await uploadPhoto(editor, await camera(), { caption: `稻田收割 ${tag}`, credit: "本报记者 岳明 摄", keywords: "水稻" });
    const b = await uploadPhoto(editor, await pngBytes(), { caption: `校园运动会 ${tag}`, credit: "本报通讯员 罗佳 摄" });
    const c = await uploadPhoto(editor, await pngBytes(), { caption: `敬老院志愿服务 ${tag}`, credit: "本报记者 岳明 摄", keywords: "志愿服务 重阳" });
    await publishedStoryWith(c.id);
    const find = async (f: Record<string, string>) => (await listLibrary(editor, { q: tag, ...f })).items.map((p) => p.id);

    expect(await find({ q: `${tag} 运动会` })).toEqual([b.id]);
    expect(await find({ q: `${tag} 岳明` })).toEqual([c.id, a.id]);
    expect(await find({ q: `${tag} 重阳` })).toEqual([c.id]);
    const yue = (await db().photo.findUniqueOrThrow({ where: { id: a.id } })).photographerId!;
    expect(await find({ photographer: yue })).toEqual([c.id, a.id]);
    expect(await find({ from: "2026-10-03", to: "2026-10-03" })).toEqual([a.id]); // taken that day (file's date)
    expect(await find({ from: "2026-10-04", dates: "taken" })).toEqual([]);
    expect(await find({ use: "used" })).toEqual([c.id]);
    expect(await find({ use: "unused" })).toEqual([b.id, a.id]);

    const first = await listLibrary(editor, { q: tag }, 2);
    const second = await listLibrary(editor, { q: tag, after: first.nextCursor! }, 2);
    expect([...first.items, ...second.items].map((p) => p.id)).toEqual([c.id, b.id, a.id]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("changing a photo's words", () => {
  it("lets the uploader and the desk change them, audited, and refuses everyone else without a trace", async () => {
    const owner = await makeUser("CORRESPONDENT");
    const stranger = await makeUser("CORRESPONDENT");
    const editor = await makeUser("EDITOR");
    const photo = await uploadPhoto(owner, await pngBytes(), { caption: "原来的说明" });
    await publishedStoryWith(photo.id); // so the stranger can see it, but still not change it

    expect((await refusal(updatePhoto(stranger, photo.id, { caption: "别人改的" }))).code).toBe("forbidden");
    expect((await refusal(updatePhoto(owner, photo.id, { keywords: "这是一个远远超过二十个字的关键词用来测试长度限制" }))).message).toMatch(/每个不能超过 20 个字/);
    expect(await db().auditEvent.count({ where: { action: "photo.update", targetId: photo.id } })).toBe(0);

    await updatePhoto(owner, photo.id, { caption: "梨树县新建的粮仓" });
    await updatePhoto(editor, photo.id, { credit: "本报记者 岳明 摄", keywords: "粮仓，储粮" });
    const row = await db().photo.findUniqueOrThrow({ where: { id: photo.id }, include: { photographer: true } });
    expect(row.caption).toBe("梨树县新建的粮仓");
    expect(row.keywords).toEqual(["粮仓", "储粮"]);
    expect(row.searchText).toBe("梨树县新建的粮仓\n本报记者 岳明 摄\n粮仓 储粮");
    expect(row.photographer?.name).toBe("岳明");
    const audits = await db().auditEvent.findMany({ where: { action: "photo.update", targetId: photo.id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(audits.map((a) => [a.actorId, a.summary])).toEqual([
      [owner.id, { photoFields: ["caption"] }],
      [editor.id, { photoFields: ["credit", "keywords"] }],
    ]);
  });

  it("refuses a save made on words someone has changed since, and keeps theirs", async () => {
    const owner = await makeUser("CORRESPONDENT");
    const editor = await makeUser("EDITOR");
    const photo = await uploadPhoto(owner, await pngBytes(), { caption: "原来的说明" });
    const read = (await db().photo.findUniqueOrThrow({ where: { id: photo.id } })).version;
    const saved = await updatePhoto(editor, photo.id, { caption: "编辑改的说明" }, read);
    expect(saved.version).toBe(read + 1);
    const stale = await refusal(updatePhoto(owner, photo.id, { caption: "上传者改的说明" }, read));
    expect(stale.code).toBe("conflict");
    expect(stale.message).toMatch(/已被他人修改/);
    expect((await db().photo.findUniqueOrThrow({ where: { id: photo.id } })).caption).toBe("编辑改的说明");
    // Two saves on the same version at once: one lands, the other is refused.
    const both = await Promise.allSettled([
      updatePhoto(owner, photo.id, { caption: "甲" }, saved.version),
      updatePhoto(editor, photo.id, { caption: "乙" }, saved.version),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });
});
