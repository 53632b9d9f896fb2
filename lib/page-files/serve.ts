import "server-only";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { API_POLICY } from "@/lib/platform/security-headers";
import type { StoredFile } from "@/lib/platform/storage";
import { paperProfile } from "@/lib/issues/paper-profile";
import { bindIssue } from "@/lib/page-files/render";
import { downloadName, openBoundIssue, openPageFile, pageNumberFrom, type PageFileKind } from "@/lib/page-files/page-files";
import { pageLabel } from "@/lib/format";

// Readers' answers for a released page's files. The files of a release never change, so the front
// cache and browsers may keep them for good; an address that names no such file (an unreleased issue,
// a page not rendered yet, an odd date) is 404 and kept by nobody, so it appears once rendered.

/** A page's files never change once rendered (a page is never rendered twice). */
const KEEP = "public, max-age=31536000, s-maxage=31536000, immutable";
/** The bound issue grows when a back-issue page is added: browsers ask again after a day, the front cache is purged with the issue. */
const KEEP_BOUND = "public, max-age=86400, s-maxage=31536000";

const missing = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store", "Content-Security-Policy": API_POLICY } });

const CONTENT_TYPES: Record<PageFileKind, string> = { pdf: "application/pdf", large: "image/jpeg", thumb: "image/jpeg" };

/** RFC 6266: an ASCII fallback and the UTF-8 name (Chinese) for browsers that read it. */
function disposition(name: string): string {
  return `inline; filename="page.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Where a file is stored names its content: the tag a browser sends back to ask whether it changed. */
const etagOf = (key: string, name: string) => `"${createHash("sha256").update(`${key}/${name}`).digest("base64url").slice(0, 27)}"`;

/** If-None-Match compares weakly (RFC 9110): W/"x" matches "x", and * matches any file. */
function matches(header: string | null, etag: string): boolean {
  return !!header && header.split(",").some((tag) => ["*", etag].includes(tag.trim().replace(/^W\//, "")));
}

type Stored = { file: StoredFile; etag: string; type: string; cache: string; extra?: Record<string, string> };

function answer(request: Request, { file, etag, type, cache, extra = {} }: Stored): Response {
  const headers = { ETag: etag, "Cache-Control": cache, "X-Content-Type-Options": "nosniff", "Content-Security-Policy": API_POLICY, ...extra };
  if (matches(request.headers.get("if-none-match"), etag) || request.method === "HEAD") {
    file.body.destroy();
    return new Response(null, { status: request.method === "HEAD" ? 200 : 304, headers: request.method === "HEAD" ? { ...headers, "Content-Type": type, "Content-Length": String(file.size) } : headers });
  }
  return new Response(Readable.toWeb(file.body) as ReadableStream<Uint8Array>, { headers: { ...headers, "Content-Type": type, "Content-Length": String(file.size) } });
}

/** One page's PDF or picture. */
export async function servePageFile(request: Request, date: string, numberText: string, kind: PageFileKind): Promise<Response> {
  const number = pageNumberFrom(numberText);
  if (number === null) return missing();
  const opened = await openPageFile(date, number, kind);
  if (!opened) return missing();
  const { row, file } = opened;
  const extra = kind === "pdf" ? { "Content-Disposition": disposition(downloadName((await paperProfile()).name, row)) } : undefined;
  return answer(request, { file, etag: etagOf(row.storageKey, kind), type: CONTENT_TYPES[kind], cache: KEEP, extra });
}

/** 合订: the whole issue as one PDF, bound once from its page PDFs when every page has one. */
export async function serveIssuePdf(request: Request, date: string): Promise<Response> {
  const paper = (await paperProfile()).name;
  const opened = await openBoundIssue(date, (rows, pdfs) =>
    bindIssue(pdfs, {
      title: `${paper} ${date}`,
      subject: `${paper} 总第${rows[0].issueNumber}期 共${rows.length}版`,
      keywords: [paper, date, `总第${rows[0].issueNumber}期`, ...rows.map((r) => `${pageLabel(r.number)} ${r.name}`)],
      author: paper,
      at: rows[0].releasedAt,
    }),
  );
  if (!opened) return missing();
  const extra = { "Content-Disposition": disposition(downloadName(paper, opened.rows[0], true)) };
  return answer(request, { file: opened.file, etag: etagOf(opened.key, "issue"), type: "application/pdf", cache: KEEP_BOUND, extra });
}
