import "server-only";
import sharp from "sharp";
import { PDFDocument } from "pdf-lib";
import type { Browser } from "playwright-core";

// Prints one released page in a headless browser from its print address (app/(print)), which draws
// the frozen page with the same component readers and the desk's proof use: a PDF of the paper's
// size (text selectable, fonts embedded by the engine, each story's area a link to its story on the
// e-paper) and two pictures, with the story areas measured where the browser laid them out.

/** A page that takes longer than this is given up (the job reports it; the next attempt starts afresh). */
export const PAGE_TIME_LIMIT_MS = 90_000;
const MM = 96 / 25.4;
/**
 * Pictures are taken at one device pixel per CSS pixel (96 dpi): 对开 is then 1,474 pixels wide, enough
 * for the 1,200-pixel picture; more costs the engine seconds a page (measured: 1.5 took 1.1–1.4 s a shot).
 */
const PICTURE_SCALE = 1;
export const PICTURE_WIDTHS = { large: 1200, thumb: 240 } as const;

export type PaperSize = { widthMm: number; heightMm: number };
/** A story's area on the page, in percent of the page's width and height. */
export type StoryArea = { storyId: string; href: string; x: number; y: number; w: number; h: number };
export type PdfMeta = { title: string; subject: string; keywords: string[]; author: string; at: Date };
export type RenderedPage = { pdf: Buffer; large: Buffer; thumb: Buffer; areas: StoryArea[] };

/** The sheet the print address draws (components/page/PrintSheet.tsx), and each story block on it (id story-<id>). */
const SHEET = "[data-print-sheet]";
const STORY = 'article[id^="story-"]';

/** `storyBase`: the e-paper's address of a story, less its id, for the links over the story areas. */
export async function renderPage(browser: Browser, url: string, paper: PaperSize, meta: PdfMeta, storyBase: string): Promise<RenderedPage> {
  const context = await browser.newContext({
    viewport: { width: Math.ceil(paper.widthMm * MM), height: Math.ceil(paper.heightMm * MM) },
    deviceScaleFactor: PICTURE_SCALE,
  });
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`超过 ${PAGE_TIME_LIMIT_MS / 1000} 秒仍未生成`)), PAGE_TIME_LIMIT_MS);
  });
  try {
    return await Promise.race([printIn(context, url, paper, meta, storyBase), limit]);
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => {});
  }
}

async function printIn(context: Awaited<ReturnType<Browser["newContext"]>>, url: string, paper: PaperSize, meta: PdfMeta, storyBase: string): Promise<RenderedPage> {
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIME_LIMIT_MS);
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response || !response.ok()) throw new Error(`版面打印页 ${new URL(url).pathname} 返回 ${response?.status() ?? "无应答"}`);
  // Every photo loaded (lazy ones too) and every font in use, before anything is printed.
  await page.evaluate(async () => {
    const images = [...document.images];
    for (const img of images) img.loading = "eager";
    // No named function in here: tsx (the scripts) would wrap it in a helper the page does not have.
    await Promise.all(
      images.map((img) =>
        img.complete
          ? null
          : new Promise((done) => {
              img.addEventListener("load", done, { once: true });
              img.addEventListener("error", done, { once: true });
            }),
      ),
    );
    await document.fonts.ready;
  });
  const areas = await page.evaluate(
    ({ sheetSelector, storySelector, storyBase }) => {
      const sheet = document.querySelector(sheetSelector);
      if (!sheet) throw new Error("no printed sheet on the print page");
      const box = sheet.getBoundingClientRect();
      const found: { storyId: string; href: string; x: number; y: number; w: number; h: number }[] = [];
      for (const block of sheet.querySelectorAll<HTMLElement>(storySelector)) {
        const r = block.getBoundingClientRect();
        const storyId = block.id.slice("story-".length);
        const href = `${storyBase}${storyId}`;
        found.push({ storyId, href, x: ((r.left - box.left) / box.width) * 100, y: ((r.top - box.top) / box.height) * 100, w: (r.width / box.width) * 100, h: (r.height / box.height) * 100 });
        // The whole block is the link in the PDF, not only its headline: a transparent anchor over it.
        const cover = document.createElement("a");
        cover.href = href;
        cover.setAttribute("aria-hidden", "true");
        cover.className = "print-story-link";
        block.append(cover);
      }
      return found;
    },
    { sheetSelector: SHEET, storySelector: STORY, storyBase },
  );
  // The picture is the paper: the sheet's box from its top left, never more than the paper's size.
  const box = await page.locator(SHEET).boundingBox();
  if (!box) throw new Error("the printed sheet has no size");
  const clip = { x: box.x, y: box.y, width: Math.min(box.width, paper.widthMm * MM), height: Math.min(box.height, paper.heightMm * MM) };
  // A JPEG from the engine (quicker to write and to read than a PNG of a whole page), resized by sharp.
  const shot = await page.screenshot({ type: "jpeg", quality: 92, clip, fullPage: true });
  const [large, thumb] = await Promise.all(
    [PICTURE_WIDTHS.large, PICTURE_WIDTHS.thumb].map((width) => sharp(shot).resize({ width, withoutEnlargement: true }).jpeg({ quality: width > 400 ? 82 : 75 }).toBuffer()),
  );
  const printed = await page.pdf({ width: `${paper.widthMm}mm`, height: `${paper.heightMm}mm`, margin: { top: "0", right: "0", bottom: "0", left: "0" }, printBackground: true, tagged: true });
  return { pdf: await withMeta(printed, meta), large, thumb, areas: areas.map(roundArea) };
}

const round = (n: number) => Math.round(n * 100) / 100;
const roundArea = (a: StoryArea): StoryArea => ({ ...a, x: round(a.x), y: round(a.y), w: round(a.w), h: round(a.h) });

function setMeta(doc: PDFDocument, meta: PdfMeta) {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setAuthor(meta.author);
  doc.setCreator(meta.author);
  doc.setProducer("newsroom page printer");
  doc.setLanguage("zh-CN");
  // The release's moment, not the render's: the same page prints the same document.
  doc.setCreationDate(meta.at);
  doc.setModificationDate(meta.at);
}

/** The engine's PDF with the paper's title, date and page, and the release time as its dates. */
async function withMeta(pdf: Buffer, meta: PdfMeta): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  setMeta(doc, meta);
  return Buffer.from(await doc.save());
}

/** 合订: the issue's page PDFs bound in page order into one document. */
export async function bindIssue(pages: Buffer[], meta: PdfMeta): Promise<Buffer> {
  const bound = await PDFDocument.create({ updateMetadata: false });
  for (const pdf of pages) {
    const source = await PDFDocument.load(pdf, { updateMetadata: false });
    for (const page of await bound.copyPages(source, source.getPageIndices())) bound.addPage(page);
  }
  setMeta(bound, meta);
  return Buffer.from(await bound.save());
}
