import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/platform/db";
import { photoStore, type StoredFile } from "@/lib/platform/storage";
import { isRealDay, issueDateFromString, issueDateToString } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";
import type { PaperSize } from "@/lib/page-files/render";

// A released page's printed record as readers fetch it: where its files are, what they are called
// when downloaded, and the print address the engine draws them from.

export const PAGE_FILE_NAMES = { pdf: "page.pdf", large: "large.jpg", thumb: "thumb.jpg" } as const;
const BOUND_NAME = "issue.pdf";
export type PageFileKind = keyof typeof PAGE_FILE_NAMES;

/** A page's paper from its frozen format; a format frozen before formats had sizes prints on A3. */
export function paperSizeOf(format: Record<string, unknown> | undefined): PaperSize {
  const width = Number(format?.paperWidthMm);
  const height = Number(format?.paperHeightMm);
  return width > 0 && height > 0 ? { widthMm: width, heightMm: height } : { widthMm: 297, heightMm: 420 };
}

const PAGE_NUMBER = /^[1-9]\d{0,2}$/;

/** Reads a page number from an address; anything else is no page. */
export function pageNumberFrom(text: string): number | null {
  return PAGE_NUMBER.test(text) ? Number(text) : null;
}

export type PageFileRow = { issueNumber: number; date: string; number: number; name: string; storageKey: string; renderedAt: Date; releasedAt: Date };

/** The rendered pages of a released issue (all of them, or one), in page order; none for an odd or unreleased date. */
async function renderedPages(date: string, number?: number): Promise<PageFileRow[]> {
  if (!isRealDay(date)) return [];
  const rows = await db().pageRender.findMany({
    where: { state: "DONE", storageKey: { not: null }, ...(number ? { number } : {}), page: { issue: { date: issueDateFromString(date), status: "PUBLISHED" } } },
    orderBy: { number: "asc" },
    select: { number: true, storageKey: true, renderedAt: true, page: { select: { releasedAt: true, issue: { select: { number: true, date: true, pages: { select: { number: true, name: true } } } } } } },
  });
  return rows.map((r) => ({
    issueNumber: r.page.issue.number,
    date: issueDateToString(r.page.issue.date),
    number: r.number,
    name: r.page.issue.pages.find((p) => p.number === r.number)?.name ?? "",
    storageKey: r.storageKey!,
    renderedAt: r.renderedAt ?? r.page.releasedAt,
    releasedAt: r.page.releasedAt,
  }));
}

export type OpenedPageFile = { row: PageFileRow; file: StoredFile };

/** One file of a released page, opened for streaming; null when the page, its issue or its file is not there. */
export async function openPageFile(date: string, number: number, kind: PageFileKind): Promise<OpenedPageFile | null> {
  const [row] = await renderedPages(date, number);
  if (!row) return null;
  const file = await photoStore().get(row.storageKey, PAGE_FILE_NAMES[kind]);
  return file ? { row, file } : null;
}

async function readWhole(file: StoredFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file.body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Where the bound issue is kept: named by the page files it binds, so a page added later makes a new one. */
function boundKey(rows: PageFileRow[]): string {
  const named = createHash("sha256").update(rows.map((r) => r.storageKey).join("\n")).digest("hex").slice(0, 24);
  return `pages/${rows[0].date}/bound-${named}`;
}

/**
 * 合订: the issue's page PDFs bound in page order, once every page has one. Bound once and kept in the
 * store beside the pages (`bind` makes the document); null while a page is missing.
 */
export async function openBoundIssue(date: string, bind: (rows: PageFileRow[], pdfs: Buffer[]) => Promise<Buffer>): Promise<{ rows: PageFileRow[]; key: string; file: StoredFile } | null> {
  const rows = await renderedPages(date);
  if (rows.length === 0) return null;
  const pageCount = await db().page.count({ where: { issue: { date: issueDateFromString(date), status: "PUBLISHED" } } });
  if (rows.length !== pageCount) return null;
  const key = boundKey(rows);
  const store = photoStore();
  const kept = await store.get(key, BOUND_NAME);
  if (kept) return { rows, key, file: kept };
  const pdfs: Buffer[] = [];
  for (const row of rows) {
    const file = await store.get(row.storageKey, PAGE_FILE_NAMES.pdf);
    if (!file) return null;
    pdfs.push(await readWhole(file));
  }
  // Two readers at once may both bind: the same pages make the same document, written twice.
  await store.put(key, BOUND_NAME, await bind(rows, pdfs));
  const file = await store.get(key, BOUND_NAME);
  return file ? { rows, key, file } : null;
}

/** A download's file name: the paper, the date and the page, as a reader files it. */
export function downloadName(paper: string, row: Pick<PageFileRow, "date" | "number" | "name">, whole = false): string {
  return whole ? `${paper}-${row.date}-合订.pdf` : `${paper}-${row.date}-${pageLabel(row.number)}-${row.name}.pdf`;
}
