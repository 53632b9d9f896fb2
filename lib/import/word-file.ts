import "server-only";
import { inflateRaw } from "node:zlib";
import { promisify } from "node:util";
import mammoth from "mammoth";
import JSZip from "jszip";
import { busy, invalid, tooLarge } from "@/lib/core/errors";
import { createSemaphore } from "@/lib/platform/semaphore";
import { readPhotoHeader, shapeRefusal } from "@/lib/photos/limits";
import { isAcceptedPhotoFormat } from "@/lib/photos/ingest";
import { SUBHEAD_LINE_MAX, type ParagraphRole, type WholeParagraph } from "@/lib/import/copy-parser";
import { ENCRYPTED_OR_OLD_DOC, headerRefusal, NOT_WORD_FILE, wordFileTooLargeMessage } from "@/lib/import/word-file-header";

// 从 Word 文件导入: a .docx as correspondents send it, checked as a zip before anything unpacks it,
// then read by mammoth into whole paragraphs (with what their styles say) and the pictures between them.

/** A .docx larger than this is refused while its upload is still arriving. */
export const WORD_FILE_MAX_BYTES = 20 * 1024 * 1024;
/**
 * What the zip's parts may unpack to, all together, and what each part holds in memory until the
 * file is read: twice the upload limit. Photos barely deflate, so a file of 30 photos near the
 * limit unpacks to little more than its 20 MB; a long story's text is a few megabytes at most.
 */
export const WORD_FILE_UNPACKED_MAX_BYTES = 2 * WORD_FILE_MAX_BYTES;
/**
 * The whole file's unpacked size to its size. Text XML deflates 5–10:1, and up to 40–50:1 when every
 * character is a run of its own (text pasted from the web) or a long table repeats its borders;
 * photos 1:1. Runs of zeros reach 1:1000: 95 parts of 1 MiB of zeros are a 107 KB file.
 */
const WORD_FILE_MAX_RATIO = 100;
/** One XML part (the document, its styles): a long story is a few hundred KB of it. */
const XML_PART_MAX_BYTES = 16 * 1024 * 1024;
/** Each picture becomes a library photo: a story's file has a few, a 组图 a dozen or two. */
export const WORD_FILE_MAX_PICTURES = 30;
/**
 * The pixels of a file's pictures together, judged from their headers before any is decoded. Camera
 * and phone JPEGs take at least a tenth of a byte a pixel, so a real file under the 20 MB limit
 * holds under 200 million; 30 tiny PNGs of 64 million pixels each (1.8 MB) took 138 s to decode.
 */
export const WORD_FILE_PICTURES_MAX_PIXELS = 256_000_000;
/** A story's .docx has a few dozen parts; thousands are no Word file of ours. */
export const WORD_FILE_MAX_ENTRIES = 2000;

export type WordPicture = { data: Buffer; altText: string };
export type WordDocument = { paragraphs: WholeParagraph[]; pictures: WordPicture[] };

const mb = (n: number) => Math.round(n / 1024 / 1024);
export const wordFileTooLarge = () => tooLarge(wordFileTooLargeMessage(WORD_FILE_MAX_BYTES));
const encryptedOrOldDoc = () => invalid(ENCRYPTED_OR_OLD_DOC);
const notWordFile = () => invalid(NOT_WORD_FILE);
const damaged = () => invalid("Word 文件已损坏或不完整，无法读取，请在 Word/WPS 中重新保存后再导入");
const unpacksTooBig = () => invalid(`这个文件解压后超过 ${mb(WORD_FILE_UNPACKED_MAX_BYTES)} MB，不像是一篇稿件，没有读取`);
const xmlPartTooBig = () => invalid(`这个文件的文字部分解压后超过 ${mb(XML_PART_MAX_BYTES)} MB，不像是一篇稿件，没有读取`);
const packedTooTightly = () => invalid(`这个文件解压后是原来的 ${WORD_FILE_MAX_RATIO} 多倍，不像是一篇稿件，没有读取`);
const wan = (n: number) => Math.round(n / 10_000);
const picturesTooLarge = (pixels: number) =>
  invalid(
    `这个文件里的图片共有 ${wan(pixels)} 万像素，超过了一次导入 ${wan(WORD_FILE_PICTURES_MAX_PIXELS)} 万像素的上限：请在 Word 里压缩图片（选中图片，“图片格式”→“压缩图片”）后再导入，或把图片分几次上传`,
  );
const tooManyPictures = () => invalid(`一个 Word 文件最多导入 ${WORD_FILE_MAX_PICTURES} 张图片：请把图片分几次用“插入图片”上传，或分成几篇稿件`);
const emptyDocument = () => invalid("Word 文件里没有文字或图片，请检查是否选对了文件");


// Reading a file holds its unpacked parts and mammoth's tree in memory and keeps a core busy: two
// at a time, a few more waiting, and the rest told to try again.
const reads = createSemaphore(2);
const READS_WAITING_MAX = 4;

/** Reads a .docx, or refuses it with what to do about it. Nothing is written anywhere. */
export async function readWordFile(data: Buffer): Promise<WordDocument> {
  if (reads.waiting >= READS_WAITING_MAX) throw busy("服务器正在读取其他 Word 文件，请稍后几秒再导入");
  return reads.run(() => readChecked(data));
}

async function readChecked(data: Buffer): Promise<WordDocument> {
  const parts = await checkWordZip(data);
  // mammoth (through jszip) is given a zip made here of the parts just checked and unpacked, never
  // the upload: whatever the upload's own directory says, nothing else can reach it.
  const document = await readDocumentModel(await zipOf(parts));
  const pictures: WordPicture[] = [];
  const paragraphs: WholeParagraph[] = [];
  for (const block of flatten(document)) {
    if (block.kind === "picture") {
      let picture: Buffer;
      try {
        picture = await block.image.readAsBuffer();
      } catch {
        throw damaged();
      }
      if (pictures.length >= WORD_FILE_MAX_PICTURES) throw tooManyPictures();
      paragraphs.push({ picture: pictures.length });
      pictures.push({ data: picture, altText: (block.image.altText ?? "").trim() });
    } else paragraphs.push(block.paragraph);
  }
  if (!paragraphs.some((p) => "picture" in p || p.text.trim())) throw emptyDocument();
  await checkPicturePixels(pictures);
  return { paragraphs, pictures };
}

/**
 * Refuses a file whose pictures would take too long to decode all together. Only those the photo
 * desk would decode count: the others are skipped without decoding (another format, a damaged
 * header, a size one photo may not have).
 */
async function checkPicturePixels(pictures: WordPicture[]): Promise<void> {
  let pixels = 0;
  for (const picture of pictures) {
    if (!isAcceptedPhotoFormat(picture.data)) continue;
    const header = await readPhotoHeader(picture.data);
    if (!header || shapeRefusal(header)) continue;
    pixels += header.width * header.height;
  }
  if (pixels > WORD_FILE_PICTURES_MAX_PIXELS) throw picturesTooLarge(pixels);
}

// ---------------------------------------------------------------------------------------------
// The zip, checked by its own directory before mammoth (and jszip under it, which inflates whole
// parts in memory) is given it.

type ZipEntry = { name: string; method: number; compressedSize: number; size: number; localOffset: number };

/** The zip's parts, unpacked, once every check has passed; refuses the file otherwise. */
export async function checkWordZip(data: Buffer): Promise<Map<string, Buffer>> {
  if (data.length > WORD_FILE_MAX_BYTES) throw wordFileTooLarge();
  const refusal = headerRefusal(data.subarray(0, 8));
  if (refusal) throw invalid(refusal);
  const entries = zipDirectory(data);
  if (!entries.some((e) => e.name === "word/document.xml")) throw notWordFile();
  const parts = new Map<string, Buffer>();
  for (const entry of entries) if (!entry.name.endsWith("/")) parts.set(entry.name, await unpackChecked(data, entry));
  return parts;
}

async function zipOf(parts: Map<string, Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of parts) zip.file(name, content);
  return zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
}

function zipDirectory(data: Buffer): ZipEntry[] {
  const end = findEndOfDirectory(data);
  if (end < 0) throw damaged();
  const count = data.readUInt16LE(end + 10);
  const directorySize = data.readUInt32LE(end + 12);
  const directoryOffset = data.readUInt32LE(end + 16);
  // Several disks, or zip64 markers: no Word file under our size limit needs either.
  if (data.readUInt16LE(end + 4) !== 0 || count === 0xffff || directoryOffset === 0xffffffff) throw damaged();
  if (count > WORD_FILE_MAX_ENTRIES) throw unpacksTooBig();
  // The directory ends where the end record begins: a reader that trusts neither count nor offset
  // (jszip reads records on while their signature matches) then finds the same records as this one.
  if (directoryOffset + directorySize !== end) throw damaged();
  const entries: ZipEntry[] = [];
  let unpacked = 0;
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || data.readUInt32LE(at) !== 0x02014b50) throw damaged();
    const flags = data.readUInt16LE(at + 8);
    const entry: ZipEntry = {
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      name: data.toString("utf8", at + 46, at + 46 + data.readUInt16LE(at + 28)),
      localOffset: data.readUInt32LE(at + 42),
    };
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    if (flags & 1) throw encryptedOrOldDoc();
    if (entry.method !== 0 && entry.method !== 8) throw damaged();
    unpacked += entry.size;
    if (/\.(xml|rels)$/iu.test(entry.name) && entry.size > XML_PART_MAX_BYTES) throw xmlPartTooBig();
    entries.push(entry);
  }
  if (at !== end) throw damaged();
  // Judged on the whole file, not part by part: many small parts of zeros weigh as much as one big one.
  if (unpacked > WORD_FILE_MAX_RATIO * data.length) throw packedTooTightly();
  if (unpacked > WORD_FILE_UNPACKED_MAX_BYTES) throw unpacksTooBig();
  return entries;
}

function findEndOfDirectory(data: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65535.
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (data.readUInt32LE(at) === 0x06054b50) return at;
  }
  return -1;
}

const inflateRawAsync = promisify(inflateRaw);

/**
 * A directory can lie about sizes: each part is inflated here with the size it declares as a hard
 * ceiling (zlib stops there), and what it unpacks to is what mammoth is given. Inflated on libuv's
 * threads, not the event loop, so other requests are served meanwhile.
 */
async function unpackChecked(data: Buffer, entry: ZipEntry): Promise<Buffer> {
  const at = entry.localOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== 0x04034b50) throw damaged();
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  if (start + entry.compressedSize > data.length) throw damaged();
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw damaged();
    return data.subarray(start, start + entry.size);
  }
  let unpacked: Buffer;
  try {
    unpacked = await inflateRawAsync(data.subarray(start, start + entry.compressedSize), { maxOutputLength: Math.max(1, entry.size) });
  } catch (e) {
    if (e instanceof RangeError) throw unpacksTooBig(); // more than it declared
    throw damaged();
  }
  if (unpacked.length !== entry.size) throw damaged();
  return unpacked;
}

// ---------------------------------------------------------------------------------------------
// The document, through mammoth.
//
// transformDocument, not convertToHtml's HTML: we need what mammoth's document model keeps and
// its HTML drops (a paragraph's style name and alignment, whether every run is bold) and the
// pictures in their place, without parsing HTML back. The model's shape is what mammoth 1.x
// builds (lib/documents.js); its README calls the transform API unstable, so the fields read are
// few, typed below, and the tests read real .docx files through it.

type MammothImage = { type: "image"; readAsBuffer: () => Promise<Buffer>; altText?: string };
type MammothElement =
  | { type: "paragraph"; children: MammothElement[]; styleName: string | null; alignment: string | null }
  | { type: "run"; children: MammothElement[]; isBold: boolean }
  | { type: "text"; value: string }
  | { type: "tab" | "break" }
  | MammothImage
  | { type: string; children?: MammothElement[] };
type MammothParagraph = Extract<MammothElement, { type: "paragraph" }>;

async function readDocumentModel(data: Buffer): Promise<MammothElement> {
  let document: MammothElement | null = null;
  try {
    await mammoth.convertToHtml(
      { buffer: data },
      {
        transformDocument: (element: MammothElement) => {
          document = element;
          // Nothing is left for the HTML writer: the HTML is not used.
          return { ...element, children: [] };
        },
      },
    );
  } catch {
    throw damaged();
  }
  if (!document) throw damaged();
  return document;
}

type Block = { kind: "paragraph"; paragraph: { text: string; role?: ParagraphRole }; headingOne: boolean } | { kind: "picture"; image: MammothImage };

/**
 * The document's paragraphs in order, a picture anywhere in a paragraph standing after its text. A
 * table row is one paragraph of body text, its cells separated by ｜ (a short cell alone would
 * otherwise read as a subhead, a number alone as a page number).
 */
function flatten(document: MammothElement): Block[] {
  const childrenOf = (element: MammothElement) => ("children" in element && element.children ? element.children : []);
  const walk = (element: MammothElement): Block[] => {
    if (element.type === "paragraph") return paragraphBlocks(element as MammothParagraph);
    if (element.type === "tableRow") return tableRowBlocks(childrenOf(element).map((cell) => childrenOf(cell).flatMap(walk)));
    return childrenOf(element).flatMap(walk);
  };
  const blocks = walk(document);
  // Without a Title paragraph, a Heading 1 above the first paragraph of text is the headline.
  if (!blocks.some((b) => b.kind === "paragraph" && b.paragraph.role === "title")) {
    for (const b of blocks) {
      if (b.kind !== "paragraph" || !b.paragraph.role) break;
      if (b.headingOne) {
        b.paragraph.role = "title";
        break;
      }
    }
  }
  return blocks;
}


function tableRowBlocks(cells: Block[][]): Block[] {
  const textOf = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === "paragraph" ? [b.paragraph.text.trim()] : [])).join(" ");
  const text = cells.map(textOf).join("｜");
  const pictures = cells.flat().filter((b) => b.kind === "picture");
  return [...(text.replace(/｜/gu, "").trim() ? [{ kind: "paragraph" as const, paragraph: { text, role: "text" as const }, headingOne: false }] : []), ...pictures];
}

function paragraphBlocks(p: MammothParagraph): Block[] {
  // A manual line break (Shift+Enter) is how many WPS users end paragraphs: each line stands alone.
  const lines: { text: string; bold: boolean }[] = [{ text: "", bold: true }];
  const pictures: MammothImage[] = [];
  const visit = (e: MammothElement, bold: boolean) => {
    if (e.type === "text") {
      const value = (e as { value: string }).value;
      const line = lines[lines.length - 1];
      line.text += value;
      if (value.trim() && !bold) line.bold = false;
    } else if (e.type === "tab") lines[lines.length - 1].text += " ";
    else if (e.type === "break") lines.push({ text: "", bold: true });
    else if (e.type === "image") pictures.push(e as MammothImage);
    else if ("children" in e && e.children) for (const c of e.children) visit(c, e.type === "run" ? (e as { isBold: boolean }).isBold : bold);
  };
  for (const child of p.children) visit(child, false);
  const headingOne = HEADING_ONE.test((p.styleName ?? "").trim());
  const blocks = lines.filter((l) => l.text.trim()).map((l): Block => ({ kind: "paragraph", paragraph: { text: l.text, role: roleOf(p, l) }, headingOne }));
  return [...blocks, ...pictures.map((image): Block => ({ kind: "picture", image }))];
}

const TITLE_STYLE = /^(title|标题)$/iu;
const HEADING_STYLE = /^(heading|标题)\s*\d$|^(subtitle|副标题)$/iu;
const HEADING_ONE = /^(heading|标题)\s*1$/iu;
const CAPTION_STYLE = /^(caption|题注)$/iu;

function roleOf(p: MammothParagraph, line: { text: string; bold: boolean }): ParagraphRole | undefined {
  const style = (p.styleName ?? "").trim();
  if (TITLE_STYLE.test(style)) return "title";
  if (HEADING_STYLE.test(style)) return "heading";
  if (CAPTION_STYLE.test(style)) return "caption";
  const short = Array.from(line.text.trim()).length <= SUBHEAD_LINE_MAX; // short enough to head a story or a section
  if (short && (line.bold || p.alignment === "center")) return "heading";
  return undefined;
}
