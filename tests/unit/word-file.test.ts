import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createDeflateRaw, deflateRawSync } from "node:zlib";
import { buffer } from "node:stream/consumers";
import JSZip from "jszip";
import sharp from "sharp";
import { checkWordZip, readWordFile, WORD_FILE_MAX_BYTES, WORD_FILE_MAX_PICTURES, WORD_FILE_PICTURES_MAX_PIXELS } from "@/lib/import/word-file";
import { parseParagraphs } from "@/lib/import/copy-parser";
import { refusal } from "../support/refusal";
import { docxZip, featureDocx, GIF_BYTES, makeDocx, photoBytes, type DocxParagraph } from "../support/docx-files";
import { zeroPng } from "../support/png-shapes";

const MIB = 1024 * 1024;

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


describe("what a real Word file is never refused for", () => {
  it("a 组图 of 30 camera photos near the 20 MB limit", async () => {
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#5a8c3c", noise: { type: "gaussian", mean: 120, sigma: 40 } } })
      .blur(1)
      .jpeg({ quality: 88 })
      .toBuffer();
    const paragraphs: DocxParagraph[] = [{ text: "秋收图集", style: "Title" }, { text: "本报记者 赵晨 摄影报道" }];
    for (let i = 1; i <= WORD_FILE_MAX_PICTURES; i++) paragraphs.push({ picture: photo, type: "jpeg" }, { text: `图为第 ${i} 个村的收割现场。 赵晨 摄` });
    const file = await makeDocx(paragraphs);
    expect(file.length).toBeGreaterThan(14 * MIB);
    expect(file.length).toBeLessThan(WORD_FILE_MAX_BYTES);
    expect((await readWordFile(file)).pictures).toHaveLength(WORD_FILE_MAX_PICTURES);
  }, 120_000);

  it("a long story pasted from the web, every character a run of its own, with a long bordered table (about 50:1)", async () => {
    // Characters drawn from 3,000 common ones, as varied as running text.
    let seed = 17;
    const character = () => String.fromCodePoint(0x4e00 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 3000));
    const run = () => `<w:r><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="宋体"/><w:color w:val="333333"/><w:sz w:val="24"/></w:rPr><w:t>${character()}</w:t></w:r>`;
    const cell = () => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/><w:tcBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/></w:tcBorders></w:tcPr><w:p>${run()}</w:p></w:tc>`;
    const zip = await docxZip([{ text: "县里秋收进度", style: "Title" }]);
    const paragraphs = Array.from({ length: 150 }, () => `<w:p>${Array.from({ length: 60 }, run).join("")}</w:p>`).join("");
    const table = `<w:tbl>${Array.from({ length: 1000 }, () => `<w:tr>${Array.from({ length: 6 }, cell).join("")}</w:tr>`).join("")}</w:tbl>`;
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${paragraphs}${table}</w:body></w:document>`);
    const file = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const unpacked = [...(await checkWordZip(file)).values()].reduce((n, part) => n + part.length, 0);
    expect(unpacked / file.length).toBeGreaterThan(35);
    expect((await readWordFile(file)).paragraphs.length).toBeGreaterThan(1000);
  }, 120_000);
});

describe("the pictures of one file, together", () => {
  it(`refuses pictures of more than ${WORD_FILE_PICTURES_MAX_PIXELS / 1e6} million pixels in all, judged from their headers`, async () => {
    const square = await zeroPng(8000, 8000, "rgb");
    const pictures = (n: number): DocxParagraph[] => [{ text: "图集", style: "Title" }, ...Array.from({ length: n }, (): DocxParagraph => ({ picture: square, type: "png" }))];
    // Stored, not deflated, so the zip's own ratio rule has no say.
    const stored = async (n: number) => (await docxZip(pictures(n))).generateAsync({ type: "nodebuffer", compression: "STORE" });
    // Four frames at the pixel limit are as much as one file may bring.
    expect((await readWordFile(await stored(4))).pictures).toHaveLength(4);
    const e = await refusal(readWordFile(await stored(5)));
    expect(e.message).toBe(
      "这个文件里的图片共有 32000 万像素，超过了一次导入 25600 万像素的上限：请在 Word 里压缩图片（选中图片，“图片格式”→“压缩图片”）后再导入，或把图片分几次上传",
    );
  }, 120_000);

  it("counts only pictures the photo desk would decode: thirty 64,000,000 × 1 strips (1.8 MB) count for nothing", async () => {
    const strip = await zeroPng(64_000_000, 1);
    const zip = await docxZip([{ text: "图", style: "Title" }, ...Array.from({ length: 30 }, (): DocxParagraph => ({ picture: strip, type: "png" }))]);
    const file = await zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
    expect(file.length).toBeLessThan(2 * MIB);
    // Each is then refused by its own header when the import offers it (tests/integration/word-import.test.ts).
    expect((await readWordFile(file)).pictures).toHaveLength(30);
  }, 120_000);
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
    const bomb = zipWith("word/media/image1.png", part, 300 * 1024 * 1024);
    const e = await refusal(() => checkWordZip(bomb));
    expect(e.message).toBe("这个文件解压后是原来的 100 多倍，不像是一篇稿件，没有读取");
  });

  it("refuses a part that inflates to more than its directory declares", async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    // Declared 100 KB (a ratio nobody questions), holding 8 MB.
    const liar = zipWith("word/document.xml", deflateRawSync(zeros), 100 * 1024);
    const e = await refusal(() => checkWordZip(liar));
    expect(e.message).toMatch(/解压后超过/);
  });

  it("refuses a part of high compression ratio, and an XML part over 16 MB", async () => {
    const part = deflateRawSync(Buffer.alloc(20 * MIB));
    const e = await refusal(() => checkWordZip(zipWith("word/media/image1.png", part, 20 * MIB)));
    expect(e.message).toBe("这个文件解压后是原来的 100 多倍，不像是一篇稿件，没有读取");
    const xml = await refusal(() => checkWordZip(zipWith("word/document.xml", part, 20 * MIB)));
    expect(xml.message).toBe("这个文件的文字部分解压后超过 16 MB，不像是一篇稿件，没有读取");
  });

  it("refuses many small parts of zeros by the whole file's ratio: 95 parts of 1 MiB are a 107 KB file", async () => {
    const zip = await docxZip([{ text: "标题" }, { text: "正文。" }]);
    for (let i = 0; i < 95; i++) zip.file(`word/media/zeros${i}.bin`, Buffer.alloc(MIB));
    const attack = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
    expect(attack.length).toBeLessThan(120 * 1024);
    const e = await refusal(() => checkWordZip(attack));
    expect(e.message).toBe("这个文件解压后是原来的 100 多倍，不像是一篇稿件，没有读取");
  });

  it("refuses parts that unpack to more than 40 MB in all, however plainly they are packed", async () => {
    const zip = await docxZip([{ text: "标题" }, { text: "正文。" }]);
    // 18 MB that does not deflate and 24 parts of 1 MiB of zeros: packed 1:2, unpacked 42 MB.
    zip.file("word/media/noise.bin", randomBytes(18 * MIB));
    for (let i = 0; i < 24; i++) zip.file(`word/media/zeros${i}.bin`, Buffer.alloc(MIB));
    const file = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(file.length).toBeLessThan(WORD_FILE_MAX_BYTES);
    const e = await refusal(() => checkWordZip(file));
    expect(e.message).toBe("这个文件解压后超过 40 MB，不像是一篇稿件，没有读取");
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
    expect([...(await checkWordZip(honest)).keys()]).toContain("word/zz-hidden.bin");
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
