import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { db } from "@/lib/platform/db";
import { importWordFile } from "@/lib/import/word-import";
import { photoDecodes } from "@/lib/photos/ingest";
import { storyDraft } from "@/lib/stories/schema";
import { makeUser } from "../support/factories";
import { refusal } from "../support/refusal";
import { featureDocx, GIF_BYTES, makeDocx, photoBytes } from "../support/docx-files";

// The Word door on 写新稿, through the real photo ingest and the test database.

const storedFiles = () => readdirSync(process.env.PHOTO_DIR!, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
const photoRows = () => db().photo.count();

describe("importing a .docx", () => {
  it("answers the form's fields, with the picture stored as a library photo carrying its caption and credit", async () => {
    const author = await makeUser("CORRESPONDENT", "孙桢怡");
    const { draft, read } = await importWordFile(author, { data: await featureDocx(), filename: "铁东区开工.docx" });
    expect(draft).toMatchObject({
      kind: "NEWS_BRIEF",
      kicker: "项目建设看一线",
      headline: "铁东区新开工项目二十个",
      subheadline: "——全区重点项目集中开工侧记",
      byline: "本报记者 韩秋 通讯员 孙桢怡",
      bylineEdited: false,
      dateline: "本报讯（记者 韩秋）",
    });
    expect(read).toEqual({ filename: "铁东区开工.docx", paragraphs: 5, subheads: 2, photos: 1, skippedPictures: 0, nameRuns: [] });
    const photo = draft.body.find((b) => b.type === "photo");
    expect(photo).toMatchObject({ caption: "图为铁东区一处新开工项目的施工现场。", credit: "张三 摄", altText: "开工现场" });
    const row = await db().photo.findUniqueOrThrow({ where: { id: photo!.type === "photo" ? photo!.photoId : "" } });
    expect(row).toMatchObject({ caption: "图为铁东区一处新开工项目的施工现场。", credit: "张三 摄", uploaderId: author.id, width: 320, height: 240 });
    // What the form will save is a valid draft as it stands.
    expect(storyDraft.safeParse({ ...draft, tags: [] }).success).toBe(true);
    // No story was saved by the import.
    expect(await db().story.count({ where: { authorId: author.id } })).toBe(0);
  });

  it("credits the people the dateline names, not the account that files it, names written together taken apart", async () => {
    // A county media centre's account files copy two staff reporters wrote; the dateline runs their names together.
    const filer = await makeUser("CORRESPONDENT", "王宇");
    const file = await makeDocx([{ text: "北岗区为社区配齐急救箱", style: "Title" }, { text: "本报讯（记者 郭丽娜杜红梅）近日，北岗区红十字会为辖区社区配发应急急救箱。" }]);
    const { draft, read } = await importWordFile(filer, { data: file, filename: "急救箱.docx" });
    expect(draft).toMatchObject({ dateline: "本报讯（记者 郭丽娜 杜红梅）", byline: "本报记者 郭丽娜 杜红梅", bylineEdited: false });
    // The notice asks the author to check how the names were taken apart.
    expect(read.nameRuns).toEqual([{ written: "郭丽娜杜红梅", names: ["郭丽娜", "杜红梅"] }]);
    expect(draft.contributors).toEqual([
      { name: "郭丽娜", role: "REPORTER" },
      { name: "杜红梅", role: "REPORTER" },
    ]);
  });

  it("leaves the byline empty, to be asked for, when the file names no one: never the filer's", async () => {
    const author = await makeUser("CORRESPONDENT", "王宇");
    const { draft } = await importWordFile(author, { data: await makeDocx([{ text: "县城新添三处口袋公园", style: "Title" }, { text: "近日，三处口袋公园向市民开放。" }]), filename: "a.docx" });
    expect(draft).toMatchObject({ byline: "", contributors: [], bylineEdited: false });
  });

  it("credits the filer when the copy names them", async () => {
    const author = await makeUser("CORRESPONDENT", "王宇");
    const { draft } = await importWordFile(author, { data: await makeDocx([{ text: "县城新添三处口袋公园", style: "Title" }, { text: "本报讯（通讯员 王宇）近日，三处口袋公园向市民开放。" }]), filename: "a.docx" });
    expect(draft).toMatchObject({ byline: "本报通讯员 王宇", contributors: [{ name: "王宇", role: "CORRESPONDENT" }] });
  });

  it("skips pictures the photo desk does not take, keeps their captions as text, and counts them", async () => {
    const author = await makeUser("CORRESPONDENT");
    const before = await photoRows();
    const file = await makeDocx([
      { text: "村里的新路", style: "Title" },
      { text: "全村新修村路三公里。" },
      { picture: GIF_BYTES, type: "gif" },
      { text: "图为新修的村路。 李四 摄" },
      { picture: await photoBytes("png"), type: "png" },
      { text: "图为村民在路边散步。 李四 摄" },
    ]);
    const { draft, read } = await importWordFile(author, { data: file, filename: "村路.docx" });
    expect(read).toMatchObject({ photos: 1, skippedPictures: 1 });
    expect(draft.body.map((b) => b.type)).toEqual(["paragraph", "paragraph", "photo"]);
    expect(draft.body[1]).toEqual({ type: "paragraph", text: "图为新修的村路。（李四 摄）" });
    expect(await photoRows()).toBe(before + 1);
  });

  const BAD: [string, () => Promise<Buffer>, RegExp][] = [
    ["random bytes", async () => Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 251)), /不是 Word 文件/],
    ["an old .doc", async () => Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(2048)]), /已加密或是旧版 \.doc/],
    ["a zip that is not a Word file", async () => makeDocx([{ text: "正文。" }], { omitDocument: true }), /不是 Word 文件/],
    ["an empty document", async () => makeDocx([]), /没有文字或图片/],
  ];
  it.each(BAD)("refuses %s and stores nothing", async (_, make, message) => {
    const author = await makeUser("CORRESPONDENT");
    const [rows, files] = [await photoRows(), storedFiles()];
    expect((await refusal(importWordFile(author, { data: await make(), filename: "x.docx" }))).message).toMatch(message);
    expect(await photoRows()).toBe(rows);
    expect(storedFiles()).toBe(files);
  });

  it("refuses an account that cannot file stories", async () => {
    const admin = await makeUser("ADMIN");
    expect((await refusal(importWordFile(admin, { data: await featureDocx(), filename: "x.docx" }))).code).toBe("forbidden");
  });

  it("takes back the photos it stored when a later picture fails, so nothing is half-done", async () => {
    const author = await makeUser("CORRESPONDENT");
    const file = await makeDocx([
      { text: "两张图", style: "Title" },
      { text: "正文。" },
      { picture: await photoBytes("jpeg"), type: "jpeg" },
      { text: "图为第一张。 张三 摄" },
      { picture: await photoBytes("png"), type: "png" },
      { text: "图为第二张。 张三 摄" },
    ]);
    const [rows, files] = [await photoRows(), storedFiles()];
    // The decode queue, held by jobs this test lets go one at a time: the import's first picture
    // waits its turn and is decoded; by its second the queue is full, and the import must fail.
    const queue = photoDecodes();
    const limit = queue.running === 0 ? 2 : NaN;
    const gates: (() => void)[] = [];
    const hold = () => queue.run(() => new Promise<void>((r) => gates.push(r)));
    const holders = Array.from({ length: limit }, hold);
    const importing = importWordFile(author, { data: file, filename: "两张图.docx" });
    await until(() => queue.waiting === 1);
    const waiting = Array.from({ length: 4 * limit + 1 }, hold);
    await until(() => gates.length === limit);
    gates.shift()!(); // one slot frees: the import's first picture is decoded and stored
    const e = await refusal(importing);
    expect(e.code).toBe("busy");
    while (gates.length || queue.running) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all([...holders, ...waiting]);
    expect(await photoRows()).toBe(rows);
    expect(storedFiles()).toBe(files);
    expect(await db().auditEvent.count({ where: { actorId: author.id, action: "photo.discard" } })).toBe(1);
  });
});

async function until(condition: () => boolean) {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}
