import { describe, expect, it } from "vitest";
import { randomInt } from "node:crypto";
import { db } from "@/lib/platform/db";
import { uploadPhoto, updatePhoto } from "@/lib/photos/mutations";
import { listLibrary, photoDetail } from "@/lib/photos/library";
import { changeStory, createStory } from "@/lib/desk/story-commands";
import { listDeskStories } from "@/lib/stories/queries";
import { completeDraft, makeUser, publishDirectly } from "../support/factories";
import { cameraJpeg } from "../support/photo-files";

// A photo's credit is the photo's own (its file, its caption), never the uploading account's; and
// what a story writes about a photo is the library's too. Names and places are invented.

// One character that makes each test's names its own, as a third character of a two-character name:
// a four-character run is read as two people run together (lib/contributors/person-names.ts), as a
// dateline's 刘洋陈思 is. Each call its own, so two tests' 孟雪 never meet in a search.
const HAN = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土";
let tags = randomInt(HAN.length);
const tag = () => HAN[tags++ % HAN.length];

describe("a batch of five photographers", () => {
  it("gets five credits from the files' IPTC bylines and captions, none of them the uploader's", async () => {
    const t = tag();
    const uploader = await makeUser("CORRESPONDENT", `周岚${t}`);
    const files = [
      { byline: `钱峰${t}`, caption: "渔工在冰面上凿开冰眼。" },
      { byline: `孟雪${t}` },
      { caption: `头鱼出水，引来阵阵欢呼。 柯帆${t} 摄` },
      { caption: `游客在湖边拍照留念。（欧阳立群 摄）` },
      { caption: "湖边鱼市人头攒动。" },
    ];
    const photos = [];
    for (const iptc of files) photos.push(await uploadPhoto(uploader, await cameraJpeg({}, iptc)));
    expect(photos.map((p) => [p.caption, p.credit])).toEqual([
      ["渔工在冰面上凿开冰眼。", `钱峰${t} 摄`],
      ["", `孟雪${t} 摄`],
      ["头鱼出水，引来阵阵欢呼。", `柯帆${t} 摄`],
      ["游客在湖边拍照留念。", "欧阳立群 摄"],
      // Nobody named: empty, for the form to ask; not the uploader.
      ["湖边鱼市人头攒动。", ""],
    ]);
    const rows = await db().photo.findMany({ where: { id: { in: photos.map((p) => p.id) } }, select: { id: true, photographer: { select: { name: true } } } });
    const names = new Map(rows.map((r) => [r.id, r.photographer?.name ?? null]));
    expect(photos.map((p) => names.get(p.id))).toEqual([`钱峰${t}`, `孟雪${t}`, `柯帆${t}`, "欧阳立群", null]);

    // The library finds them by photographer (filter and words).
    const photographer = await db().contributor.findFirstOrThrow({ where: { name: `柯帆${t}` } });
    expect((await listLibrary(uploader, { photographer: photographer.id })).items.map((p) => p.id)).toEqual([photos[2].id]);
    expect((await listLibrary(uploader, { q: `孟雪${t}` })).items.map((p) => p.id)).toEqual([photos[1].id]);

    // Captioned afterwards in the library, with the credit at the end: the photo without one gets it.
    await updatePhoto(uploader, photos[4].id, { caption: `湖边鱼市人头攒动。 韩冬${t} 摄` });
    expect(await db().photo.findUniqueOrThrow({ where: { id: photos[4].id }, select: { caption: true, credit: true, photographer: { select: { name: true } } } })).toEqual({
      caption: "湖边鱼市人头攒动。",
      credit: `韩冬${t} 摄`,
      photographer: { name: `韩冬${t}` },
    });
    // A photo with its credit keeps it: the caption is saved as written.
    await updatePhoto(uploader, photos[1].id, { caption: `冰面上的渔网。 韩冬${t} 摄` });
    expect(await db().photo.findUniqueOrThrow({ where: { id: photos[1].id }, select: { caption: true, credit: true } })).toEqual({ caption: `冰面上的渔网。 韩冬${t} 摄`, credit: `孟雪${t} 摄` });
  });
});

describe("words written in a story", () => {
  it("fill the library's empty caption and credit, follow later edits of the story, and never overwrite the desk's own", async () => {
    const t = tag();
    const author = await makeUser("CORRESPONDENT", `周岚${t}`);
    const bare = await uploadPhoto(author, await cameraJpeg({}));
    const described = await uploadPhoto(author, await cameraJpeg({}), { caption: "图片库里写好的说明", credit: `孟雪${t} 摄` });
    const block = (photoId: string, caption: string, credit: string) => ({ type: "photo" as const, photoId, caption, credit, altText: "" });
    const body = (caption: string, credit: string) => [
      { type: "paragraph" as const, text: "导语。" },
      block(bare.id, caption, credit),
      block(described.id, "这篇稿件自己的说明", `孟雪${t} 摄`),
    ];
    const story = await createStory(author, completeDraft({ kind: "PHOTO_STORY", byline: "", body: body(`白桦林镇${t}的雾凇。`, `谷桐${t} 摄`) }), { submit: true });

    const inLibrary = async (id: string) => db().photo.findUniqueOrThrow({ where: { id }, select: { caption: true, credit: true, version: true, photographer: { select: { name: true } } } });
    expect(await inLibrary(bare.id)).toMatchObject({ caption: `白桦林镇${t}的雾凇。`, credit: `谷桐${t} 摄`, photographer: { name: `谷桐${t}` } });
    // The library's own words stay: each story keeps its own caption for its use.
    expect(await inLibrary(described.id)).toMatchObject({ caption: "图片库里写好的说明" });
    // Found by photographer and by the place in the caption.
    expect((await listLibrary(author, { q: `谷桐${t}` })).items.map((p) => p.id)).toEqual([bare.id]);
    expect((await listLibrary(author, { q: `白桦林镇${t}` })).items.map((p) => p.id)).toEqual([bare.id]);

    // The desk corrects the caption in the story: the library follows, since the words came from there.
    const editor = await makeUser("EDITOR");
    const claimed = await changeStory(editor, { action: "claim", storyId: story.id, baseVersion: story.version });
    await changeStory(editor, { action: "edit", storyId: story.id, baseVersion: claimed.version, content: completeDraft({ kind: "PHOTO_STORY", byline: "", body: body(`白桦林镇${t}的雾凇晶莹剔透。`, `谷桐${t} 摄`) }) });
    expect((await inLibrary(bare.id)).caption).toBe(`白桦林镇${t}的雾凇晶莹剔透。`);

    // Once the desk writes its own words in the library, a story's later edits leave them alone.
    const now = await inLibrary(bare.id);
    await updatePhoto(editor, bare.id, { caption: "图片库编辑改过的说明" }, now.version);
    const current = await db().story.findUniqueOrThrow({ where: { id: story.id }, select: { version: true } });
    await changeStory(editor, { action: "edit", storyId: story.id, baseVersion: current.version, content: completeDraft({ kind: "PHOTO_STORY", byline: "", body: body("又一次修改的说明。", `谷桐${t} 摄`) }) });
    expect((await inLibrary(bare.id)).caption).toBe("图片库编辑改过的说明");
    expect((await photoDetail(editor, bare.id)).credit).toBe(`谷桐${t} 摄`);
  });

  it("are not written into a photo the writer may not edit", async () => {
    const owner = await makeUser("CORRESPONDENT");
    const other = await makeUser("CORRESPONDENT");
    const photo = await uploadPhoto(owner, await cameraJpeg({}));
    // Published, so another correspondent may use it in their own copy.
    const editor = await makeUser("EDITOR");
    const ran = await createStory(editor, completeDraft({ kind: "PHOTO_NEWS", body: [{ type: "photo", photoId: photo.id, caption: "", credit: "", altText: "" }, { type: "paragraph", text: "正文。" }] }));
    await publishDirectly(ran.id);
    await createStory(other, completeDraft({ kind: "PHOTO_NEWS", body: [{ type: "photo", photoId: photo.id, caption: "别人写的说明", credit: "别人 摄", altText: "" }, { type: "paragraph", text: "正文。" }] }));
    expect(await db().photo.findUniqueOrThrow({ where: { id: photo.id }, select: { caption: true, credit: true } })).toEqual({ caption: "", credit: "" });
  });
});

describe("the desk's lists", () => {
  it("name the credited people, a 组图 without a byline by its photographers, and the filing account apart", async () => {
    const t = tag();
    const filer = await makeUser("CORRESPONDENT", `县融媒${t}`);
    const a = await uploadPhoto(filer, await cameraJpeg({}, { byline: `钱峰${t}` }));
    const b = await uploadPhoto(filer, await cameraJpeg({}, { byline: `孟雪${t}` }));
    const photoBlock = (p: { id: string; credit: string }) => ({ type: "photo" as const, photoId: p.id, caption: "冰面上的渔网。", credit: p.credit, altText: "" });
    const set = await createStory(filer, completeDraft({ kind: "PHOTO_STORY", byline: "", body: [{ type: "paragraph", text: "导语。" }, photoBlock(a), photoBlock(b)] }), { submit: true });
    const brief = await createStory(filer, completeDraft({ byline: "", contributors: [{ name: `骆文${t}`, role: "REPORTER" }, { name: `孙桐${t}`, role: "CORRESPONDENT" }] }), { submit: true });
    const listed = await listDeskStories(await makeUser("EDITOR"), ["SUBMITTED"]);
    const item = (id: string) => listed.find((s) => s.id === id)!;
    expect(item(set.id)).toMatchObject({ credited: `钱峰${t} 孟雪${t} 摄`, authorName: `县融媒${t}` });
    expect(item(brief.id)).toMatchObject({ credited: `本报记者 骆文${t} 通讯员 孙桐${t}`, authorName: `县融媒${t}` });
  });
});
