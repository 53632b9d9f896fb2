import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createDeflateRaw, deflateRawSync } from "node:zlib";
import { buffer } from "node:stream/consumers";
import JSZip from "jszip";
import { checkWordZip, readWordFile, WORD_FILE_MAX_BYTES, WORD_FILE_MAX_PICTURES } from "@/lib/import/word-file";
import { parseParagraphs } from "@/lib/import/copy-parser";
import { refusal } from "../support/refusal";
import { docxZip, featureDocx, GIF_BYTES, makeDocx, photoBytes } from "../support/docx-files";

describe("reading a .docx", () => {
  it("gives whole paragraphs with the roles their styles give, and the picture in its place", async () => {
    const doc = await readWordFile(await featureDocx());
    expect(doc.paragraphs.slice(0, 4)).toEqual([
      { text: "项目建设看一线", role: "heading" },
      { text: "铁东区新开工项目二十个", role: "title" },
      { text: "——全区重点项目集中开工侧记", role: "heading" },
      { text: "本报记者 韩秋 通讯员 孙桢怡", role: "heading" },
    ]);
    expect(doc.paragraphs[8]).toEqual({ picture: 0 });
    expect(doc.pictures).toHaveLength(1);
    expect(doc.pictures[0].altText).toBe("开工现场");
    expect(doc.pictures[0].data.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it("reads into the story's fields without gluing a paragraph that lacks its full stop to the next", async () => {
    const story = parseParagraphs((await readWordFile(await featureDocx())).paragraphs);
    expect(story).toMatchObject({
      kicker: "项目建设看一线",
      headline: "铁东区新开工项目二十个",
      subheadline: "——全区重点项目集中开工侧记",
      byline: "本报记者 韩秋 通讯员 孙桢怡",
      dateline: "本报讯（记者 韩秋）",
    });
    expect(story.contributors).toEqual([
      { name: "韩秋", role: "REPORTER" },
      { name: "孙桢怡", role: "CORRESPONDENT" },
    ]);
    expect(story.body).toEqual([
      { type: "paragraph", text: "日前，铁东区二十个重点项目集中开工，总投资12.6亿元" },
      { type: "paragraph", text: "项目涵盖装备制造、农产品加工和城市更新三大领域。" },
      { type: "subhead", text: "签约即开工" },
      { type: "paragraph", text: "今年以来，区里推行项目“代办制”，企业拿地后一个月内即可开工。" },
      { type: "photo", picture: 0, caption: "图为铁东区一处新开工项目的施工现场。", credit: "张三 摄" },
      { type: "subhead", text: "服务跟着项目走" },
      { type: "paragraph", text: "区里为每个项目配了一名服务专员。" },
      { type: "paragraph", text: "“有事找专员，一个电话就到。”一家企业负责人说。" },
    ]);
  });

  it("takes a Heading 1 above the text as the headline when there is no Title", async () => {
    const doc = await readWordFile(await makeDocx([{ text: "县城新添三处口袋公园", style: "Heading1" }, { text: "近日，三处口袋公园向市民开放。" }]));
    expect(parseParagraphs(doc.paragraphs)).toMatchObject({ kicker: "", headline: "县城新添三处口袋公园" });
  });

  it("keeps pictures of any format for the import to judge", async () => {
    const doc = await readWordFile(await makeDocx([{ text: "正文。" }, { picture: GIF_BYTES, type: "gif" }, { picture: await photoBytes("png"), type: "png" }]));
    expect(doc.pictures.map((p) => p.data.subarray(0, 3).toString("latin1"))).toEqual(["GIF", "\x89PN"]);
  });
});

describe("refusing what is not a readable .docx", () => {
  const zipOf = async (files: Record<string, Buffer | string>, compression: "STORE" | "DEFLATE" = "DEFLATE") => {
    const zip = new JSZip();
    for (const [name, data] of Object.entries(files)) zip.file(name, data);
    return zip.generateAsync({ type: "nodebuffer", compression });
  };
  const CASES: [string, () => Promise<Buffer>, RegExp][] = [
    ["random bytes", async () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /不是 Word 文件/],
    ["an old .doc (OLE header)", async () => Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(4096)]), /已加密或是旧版 \.doc/],
    ["a PDF", async () => Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), /不是 Word 文件/],
    ["a JPEG renamed .docx", () => photoBytes("jpeg"), /不是 Word 文件/],
    ["a zip without word/document.xml", () => zipOf({ "notes.txt": "会议纪要" }), /不是 Word 文件/],
    ["a Word zip whose main document is missing", async () => (await docxZip([{ text: "正文。" }], { omitDocument: true })).generateAsync({ type: "nodebuffer" }), /不是 Word 文件/],
    ["a cut-off zip", async () => (await featureDocx()).subarray(0, 3000), /已损坏/],
    ["an empty document", () => makeDocx([]), /没有文字或图片/],
    ["too big", async () => Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(WORD_FILE_MAX_BYTES)]), /不能超过 20 MB/],
  ];
  it.each(CASES)("%s", async (_, make, message) => {
    const e = await refusal(readWordFile(await make()));
    expect(e.message).toMatch(message);
  });

  it("refuses a zip bomb from its directory, before inflating anything", async () => {
    // 300 MB of zeros deflated in one part: ~300 KB on disk, declared 300 MB in the directory.
    const part = await deflatedZeros(300);
    const bomb = zipWith("word/document.xml", part, 300 * 1024 * 1024);
    const e = await refusal(() => checkWordZip(bomb));
    expect(e.message).toMatch(/解压后超过 100 MB/);
  });

  it("refuses a part that inflates to more than its directory declares", async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    // Declared 100 KB (a ratio nobody questions), holding 8 MB.
    const liar = zipWith("word/document.xml", deflateRawSync(zeros), 100 * 1024);
    const e = await refusal(() => checkWordZip(liar));
    expect(e.message).toMatch(/解压后超过/);
  });

  it("refuses a part of high compression ratio", async () => {
    const part = deflateRawSync(Buffer.alloc(20 * 1024 * 1024));
    const e = await refusal(() => checkWordZip(zipWith("word/document.xml", part, 20 * 1024 * 1024)));
    expect(e.message).toMatch(/解压后超过/);
  });

  // jszip, under mammoth, reads directory records while their signature matches and takes any gap
  // before the end record as bytes prepended to the zip: a directory that says less than it holds
  // could hide a part from the checks. Such a directory is refused; and mammoth is only ever given a
  // zip made of the parts the checks unpacked.
  it("refuses a directory that hides a record beyond its count, or stands apart from its end record", async () => {
    const zip = await docxZip([{ text: "标题" }, { text: "正文。" }]);
    zip.file("word/zz-hidden.bin", randomBytes(64 * 1024));
    const honest = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const end = honest.length - 22;
    expect(honest.readUInt32LE(end)).toBe(0x06054b50);

    const understated = Buffer.from(honest);
    understated.writeUInt16LE(understated.readUInt16LE(end + 8) - 1, end + 8);
    understated.writeUInt16LE(understated.readUInt16LE(end + 10) - 1, end + 10);
    expect((await refusal(() => checkWordZip(understated))).message).toMatch(/已损坏/);

    const apart = Buffer.concat([honest.subarray(0, end), Buffer.alloc(16), honest.subarray(end)]);
    expect((await refusal(() => checkWordZip(apart))).message).toMatch(/已损坏/);

    // The honest file is read, and its parts are exactly what its directory lists.
    expect([...checkWordZip(honest).keys()]).toContain("word/zz-hidden.bin");
  });

  it("refuses a file with more pictures than one import takes, before any is stored", async () => {
    const picture = await photoBytes("png", 8, 8);
    const many = await makeDocx([{ text: "组图" }, ...Array.from({ length: WORD_FILE_MAX_PICTURES + 1 }, () => ({ picture, type: "png" as const }))]);
    expect((await refusal(readWordFile(many))).message).toContain(`最多导入 ${WORD_FILE_MAX_PICTURES} 张图片`);
  });

  it("refuses an encrypted zip entry as encrypted", async () => {
    const zip = zipWith("word/document.xml", deflateRawSync(Buffer.from("<w:document/>")), 13, 1);
    expect((await refusal(() => checkWordZip(zip))).message).toMatch(/已加密/);
  });
});

/** A one-part zip written by hand, so its directory can say what a test wants (deflated, CRC left 0). */
function zipWith(name: string, deflated: Buffer, declaredSize: number, flags = 0): Buffer {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryOffset = local.length + nameBytes.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, nameBytes, deflated, central, nameBytes, end]);
}

/** `mb` megabytes of zeros deflated as a stream, never held whole in memory. */
async function deflatedZeros(mb: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out = buffer(deflate);
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mb; i++) if (!deflate.write(zeros)) await new Promise((r) => deflate.once("drain", r));
  deflate.end();
  return out;
}
