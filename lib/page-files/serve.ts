import "server-only";
import { Readable } from "node:stream";
import { API_POLICY } from "@/lib/platform/security-headers";
import { paperProfile } from "@/lib/issues/paper-profile";
import { bindIssue } from "@/lib/page-files/render";
import { downloadName, issuePagePdfs, openPageFile, pageNumberFrom, type PageFileKind } from "@/lib/page-files/page-files";
import { pageLabel } from "@/lib/format";

// Readers' answers for a released page's files. The files of a release never change, so the front
// cache and browsers may keep them for good; an address that names no such file (an unreleased issue,
// a page not rendered yet, an odd date) is 404 and kept by nobody, so it appears once rendered.

const KEEP = "public, max-age=31536000, s-maxage=31536000, immutable";

const missing = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store", "Content-Security-Policy": API_POLICY } });

const CONTENT_TYPES: Record<PageFileKind, string> = { pdf: "application/pdf", large: "image/jpeg", thumb: "image/jpeg" };

/** RFC 6266: an ASCII fallback and the UTF-8 name (Chinese) for browsers that read it. */
function disposition(name: string, inline: boolean): string {
  return `${inline ? "inline" : "attachment"}; filename="page.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function headers(type: string, size: number, extra: Record<string, string> = {}): HeadersInit {
  return { "Content-Type": type, "Content-Length": String(size), "Cache-Control": KEEP, "X-Content-Type-Options": "nosniff", "Content-Security-Policy": API_POLICY, ...extra };
}

/** One page's PDF or picture. */
export async function servePageFile(date: string, numberText: string, kind: PageFileKind, withBody = true): Promise<Response> {
  const number = pageNumberFrom(numberText);
  if (number === null) return missing();
  const opened = await openPageFile(date, number, kind);
  if (!opened) return missing();
  const { row, file } = opened;
  const extra: Record<string, string> = kind === "pdf" ? { "Content-Disposition": disposition(downloadName((await paperProfile()).name, row), true) } : {};
  if (!withBody) {
    file.body.destroy();
    return new Response(null, { headers: headers(CONTENT_TYPES[kind], file.size, extra) });
  }
  return new Response(Readable.toWeb(file.body) as ReadableStream<Uint8Array>, { headers: headers(CONTENT_TYPES[kind], file.size, extra) });
}

/** 合订: the whole issue as one PDF, bound from its page PDFs once every page has one. */
export async function serveIssuePdf(date: string, withBody = true): Promise<Response> {
  const pages = await issuePagePdfs(date);
  if (!pages) return missing();
  const paper = (await paperProfile()).name;
  const first = pages.rows[0];
  const bound = await bindIssue(pages.pdfs, {
    title: `${paper} ${date}`,
    subject: `${paper} 总第${first.issueNumber}期 共${pages.rows.length}版`,
    keywords: [paper, date, `总第${first.issueNumber}期`, ...pages.rows.map((r) => `${pageLabel(r.number)} ${r.name}`)],
    author: paper,
    at: first.releasedAt,
  });
  const extra = { "Content-Disposition": disposition(downloadName(paper, first, true), true) };
  return new Response(withBody ? new Uint8Array(bound) : null, { headers: headers("application/pdf", bound.length, extra) });
}
