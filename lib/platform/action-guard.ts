// Checks on a Server Action request before Next decodes it. Next answers a cross-site action, an
// oversized body or an undecodable one with a 500; these are the caller's mistakes, so they get
// the 4xx they deserve here and never reach the action. (The action itself still checks the
// user and the arguments: lib/actions/desk-action.ts.)

/** Server Actions carry small forms; a story's text is a few hundred kilobytes at most. */
export const ACTION_BODY_LIMIT = 2 * 1024 * 1024;

export type Refusal = { status: 400 | 403 | 413 | 415; message: string };

/** The host a browser thinks it is talking to: the proxy's forwarded host, else Host. */
function requestHost(headers: Headers): string | null {
  return headers.get("x-forwarded-host")?.split(",")[0].trim() || headers.get("host");
}

/** A POST from a page of another site (or a sandboxed frame) is refused before anything runs. */
export function crossSiteRefusal(headers: Headers): Refusal | null {
  const origin = headers.get("origin");
  if (!origin) return null; // not a browser form or fetch: it carries no one's cookies but its sender's
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return { status: 403, message: "跨站请求已被拒绝" };
  }
  return originHost === requestHost(headers) ? null : { status: 403, message: "跨站请求已被拒绝" };
}

/** Reads at most `limit` + 1 bytes; returns null when the body is longer (it is not read further). */
export async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}

/** The encodings Next's action handler reads, checked for the shape it needs. */
export function malformedActionBody(contentType: string, body: Uint8Array): Refusal | null {
  const type = contentType.split(";")[0].trim().toLowerCase();
  const malformed: Refusal = { status: 400, message: "请求格式不正确，请刷新页面后再试" };
  if (type === "multipart/form-data") {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return malformed;
    return new TextDecoder().decode(body).includes(`--${boundary}`) ? null : malformed;
  }
  if (type === "application/x-www-form-urlencoded") return null;
  if (type === "text/plain" || type === "") {
    // A fetch action sends its arguments as one JSON array.
    try {
      return Array.isArray(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body))) ? null : malformed;
    } catch {
      return malformed;
    }
  }
  return { status: 415, message: "不支持的请求格式" };
}

/** Everything wrong with a Server Action request that can be told from the outside, or null. */
export async function actionRefusal(request: Request): Promise<Refusal | null> {
  const crossSite = crossSiteRefusal(request.headers);
  if (crossSite) return crossSite;
  const tooLarge: Refusal = { status: 413, message: "提交的内容太大（超过 2 MB），请缩短后再试" };
  if (Number(request.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT) return tooLarge;
  // Chunked bodies say nothing of their size: count while reading, stop at the limit.
  const body = await readCapped(request.body, ACTION_BODY_LIMIT);
  if (!body) return tooLarge;
  return malformedActionBody(request.headers.get("content-type") ?? "", body);
}
