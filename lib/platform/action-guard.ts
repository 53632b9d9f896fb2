import busboy from "busboy";
import { Readable } from "node:stream";
import limits from "@/lib/platform/limits.json";

// Checks on a Server Action request before Next decodes it. Next answers a cross-site action, an
// oversized body or an undecodable one with a 500; these are the caller's mistakes, so they get
// the 4xx they deserve here and never reach the action. (The action itself still checks the
// user and the arguments: lib/actions/desk-action.ts.)
//
// Next treats a POST as a possible action when it names one (`Next-Action` header, sent by the
// app's own scripts) or when its body is a form (`multipart/form-data` or urlencoded, a form sent
// before the page's scripts ran). The shapes below are the ones React's client encoder writes for
// the plain values our actions take; anything else is refused rather than handed to the decoder.

/** Server Actions carry small forms; a story's text is a few hundred kilobytes at most. */
export const ACTION_BODY_LIMIT = limits.actionBodyBytes;
const MAX_ARGUMENTS = 1000; // Next refuses more, with a 500
const MAX_PARTS = 1000;

export type Refusal = { status: 400 | 403 | 413 | 415; message: string };

const MALFORMED: Refusal = { status: 400, message: "请求格式不正确，请刷新页面后再试" };
const TOO_LARGE: Refusal = { status: 413, message: `提交的内容太大（超过 ${ACTION_BODY_LIMIT / 1024 / 1024} MB），请缩短后再试` };
const CROSS_SITE: Refusal = { status: 403, message: "跨站请求已被拒绝" };

/**
 * A POST from a page of another site (or a sandboxed frame) is refused before anything runs. The
 * Origin must name this site: the public address it is configured with, or the Host the request
 * came to (a client cannot set Origin or Host from another site's page).
 */
export function crossSiteRefusal(headers: Headers, publicUrl?: string): Refusal | null {
  const origin = headers.get("origin");
  if (!origin) return null; // not a browser form or fetch: it carries no one's cookies but its sender's
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return CROSS_SITE;
  }
  const own = [headers.get("host"), publicUrl ? new URL(publicUrl).host : null];
  return own.includes(originHost) ? null : CROSS_SITE;
}

/** How Next will read the body: its test is exact and case-sensitive, so ours is too. */
export function actionKind(method: string, headers: Headers): "fetch" | "form" | "urlencoded" | null {
  if (method !== "POST") return null;
  const type = headers.get("content-type") ?? "";
  if (headers.has("next-action")) return "fetch";
  if (type.startsWith("multipart/form-data")) return "form";
  if (type === "application/x-www-form-urlencoded") return "urlencoded";
  return null;
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

// The "$" strings React's encoder writes for plain values; a literal "$" is written "$$".
const PLAIN_VALUE = /^\$(?:\$.*|undefined|NaN|Infinity|-Infinity|-0|D.*|n-?\d+)$/s;

// Our actions' arguments nest a few levels (a page import: stories, their body, its blocks). React's
// decoder walks them recursively, and so did this check once: 20,000 nested arrays overflowed its stack.
const MAX_DEPTH = 32;

/**
 * Whether a decoded argument list holds only plain values (and, in forms, references to their own
 * parts), nested no deeper than MAX_DEPTH. Walked with a list of its own, never by recursion.
 */
function plainArguments(value: unknown, references: { form: Set<string>; outlined: Set<string> }): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [next, depth] = pending.pop()!;
    if (typeof next === "string") {
      if (!plainString(next, references)) return false;
    } else if (next && typeof next === "object") {
      if (depth >= MAX_DEPTH) return false;
      for (const inner of Array.isArray(next) ? next : Object.values(next)) pending.push([inner, depth + 1]);
    }
  }
  return true;
}

function plainString(value: string, references: { form: Set<string>; outlined: Set<string> }): boolean {
  if (!value.startsWith("$") || PLAIN_VALUE.test(value)) return true;
  const form = /^\$K(\d+)$/.exec(value); // a FormData argument: its fields travel as "<n>_name" parts
  if (form) return references.form.has(form[1]) || references.form.has("*");
  const outlined = /^\$@(\d+)$/.exec(value); // a bound argument list sent as its own part
  return !!outlined && references.outlined.has(outlined[1]);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function decodeUtf8(body: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return null;
  }
}

/** A fetch action's arguments sent as text: one JSON array of plain values. */
function checkTextArguments(body: Uint8Array): Refusal | null {
  const text = decodeUtf8(body);
  const parsed = text === null ? { ok: false as const } : parseJson(text);
  if (!parsed.ok || !Array.isArray(parsed.value) || parsed.value.length > MAX_ARGUMENTS) return MALFORMED;
  return plainArguments(parsed.value, { form: new Set(), outlined: new Set() }) ? null : MALFORMED;
}

/** Splits a multipart body into its text fields; null when it is not a well-formed form of text fields. */
function formFields(contentType: string, body: Uint8Array): Promise<Map<string, string> | null> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { "content-type": contentType }, limits: { parts: MAX_PARTS, fieldSize: ACTION_BODY_LIMIT } });
    } catch {
      return resolve(null);
    }
    const fields = new Map<string, string>();
    let broken = false;
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) broken = true;
      fields.set(name, value);
    });
    // The desk sends photos to /api/photos, never through an action.
    parser.on("file", (_name, stream) => {
      broken = true;
      stream.resume();
    });
    parser.on("partsLimit", () => (broken = true));
    parser.on("error", () => resolve(null));
    parser.on("close", () => resolve(broken ? null : fields));
    Readable.from([Buffer.from(body)]).pipe(parser);
  });
}

/** A form sent by the app's scripts (field "0" holds the arguments) or before they ran ($ACTION_ fields). */
function checkFormArguments(fields: Map<string, string>, fetchAction: boolean): Refusal | null {
  const names = [...fields.keys()];
  const formIds = new Set(names.flatMap((n) => /^(\d+)_/.exec(n)?.[1] ?? []));
  if (fetchAction) {
    const args = fields.get("0");
    const parsed = args === undefined ? { ok: false as const } : parseJson(args);
    if (!parsed.ok || !Array.isArray(parsed.value) || parsed.value.length > MAX_ARGUMENTS) return MALFORMED;
    // An empty FormData argument has no fields of its own, so a $K reference may name no part.
    return plainArguments(parsed.value, { form: new Set([...formIds, "*"]), outlined: new Set() }) ? null : MALFORMED;
  }
  // Before the scripts ran: the action is named by a field, and its bound arguments are JSON parts.
  if (!names.some((n) => n.startsWith("$ACTION_ID_") || n.startsWith("$ACTION_REF_"))) return MALFORMED;
  for (const [name, value] of fields) {
    const part = /^\$ACTION_(\d+):(\d+)$/.exec(name);
    if (!part) continue;
    const parsed = parseJson(value);
    const outlined = new Set(names.flatMap((n) => (n.startsWith(`$ACTION_${part[1]}:`) ? [n.split(":")[1]] : [])));
    if (!parsed.ok || !plainArguments(parsed.value, { form: new Set([...formIds, "*"]), outlined })) return MALFORMED;
  }
  return null;
}

/** Everything wrong with a possible Server Action request that can be told from the outside, or null. */
export async function actionRefusal(request: Request, publicUrl?: string): Promise<Refusal | null> {
  const kind = actionKind(request.method, request.headers);
  if (!kind) return null;
  const crossSite = crossSiteRefusal(request.headers, publicUrl);
  if (crossSite) return crossSite;
  if (Number(request.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT) return TOO_LARGE;
  // Chunked bodies say nothing of their size: count while reading, stop at the limit.
  const body = await readCapped(request.body, ACTION_BODY_LIMIT);
  if (!body) return TOO_LARGE;
  if (kind === "urlencoded") return null;
  const contentType = request.headers.get("content-type") ?? "";
  if (kind === "form") {
    const fields = await formFields(contentType, body);
    return fields ? checkFormArguments(fields, request.headers.has("next-action")) : MALFORMED;
  }
  // A fetch action: arguments as text, or as a form when one of them is a FormData.
  if (contentType.startsWith("multipart/form-data")) {
    const fields = await formFields(contentType, body);
    return fields ? checkFormArguments(fields, true) : MALFORMED;
  }
  if (contentType === "" || contentType.startsWith("text/plain")) return checkTextArguments(body);
  return { status: 415, message: "不支持的请求格式" };
}
