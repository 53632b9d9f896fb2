import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { db } from "@/lib/platform/db";
import { importWordFile } from "@/lib/import/word-import";
import { makeUser } from "../support/factories";
import { refusal } from "../support/refusal";
import { docxZip, type DocxParagraph } from "../support/docx-files";
import { zeroPng } from "../support/png-shapes";
import { withEveryDecodeSlotHeld } from "../support/decode-slots";

// Pictures inside a Word file meet the photo desk's size limits before any of them is decoded:
// each by its own header, and all of them together.

const storedFiles = () => readdirSync(process.env.PHOTO_DIR!, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

/** A .docx whose parts are stored as they are, so only the picture rules can refuse it. */
async function storedDocx(paragraphs: DocxParagraph[]): Promise<Buffer> {
  return (await docxZip(paragraphs)).generateAsync({ type: "nodebuffer", compression: "STORE" });
}

describe("pictures inside a Word file", () => {
  it("skips thirty 64,000,000 × 1 strips by their headers, decoding none, and keeps the story", async () => {
    const author = await makeUser("CORRESPONDENT");
    const strip = await zeroPng(64_000_000, 1);
    const file = await storedDocx([
      { text: "村里的新路", style: "Title" },
      { text: "全村新修村路三公里。" },
      ...Array.from({ length: 30 }, (): DocxParagraph => ({ picture: strip, type: "png" })),
    ]);
    const [rows, files] = [await db().photo.count(), storedFiles()];
    const { read } = await withEveryDecodeSlotHeld(() => importWordFile(author, { data: file, filename: "新路.docx" }));
    expect(read).toMatchObject({ photos: 0, skippedPictures: 30, paragraphs: 1 });
    expect(await db().photo.count()).toBe(rows);
    expect(storedFiles()).toBe(files);
  }, 120_000);

  it("refuses the whole file when its pictures together pass the limit, storing none of them", async () => {
    const author = await makeUser("CORRESPONDENT");
    const frame = await zeroPng(8000, 8000, "rgb");
    const file = await storedDocx([{ text: "航拍组图", style: "Title" }, ...Array.from({ length: 5 }, (): DocxParagraph => ({ picture: frame, type: "png" }))]);
    const [rows, files] = [await db().photo.count(), storedFiles()];
    const e = await withEveryDecodeSlotHeld(() => refusal(importWordFile(author, { data: file, filename: "航拍.docx" })));
    expect(e.message).toMatch(/^这个文件里的图片共有 32000 万像素，超过了一次导入 25600 万像素的上限/);
    expect(await db().photo.count()).toBe(rows);
    expect(storedFiles()).toBe(files);
  }, 120_000);
});
