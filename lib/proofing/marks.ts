import type { ListsEvery } from "@/lib/core/stored-enums";
import type { MarkResolution as StoredResolution, ProofMarkKind as StoredKind } from "@/lib/generated/prisma/enums";
import type { BodyBlock } from "@/lib/stories/body";

// 三校's marks, pure: what a mark says, where it sits in a story's text, what the text should read
// once it is applied, and 核红 (has a later proof got it right?). Shared by the server, the proof's
// marking panel and the tests. A mark is anchored to one field's text and a character range in it,
// with a little of the text on either side, so it is found again after the copy around it changed.

export const MARK_KINDS = ["WRONG_CHAR", "EXTRA", "MISSING", "PUNCTUATION", "QUERY"] as const satisfies readonly StoredKind[];
export type MarkKind = (typeof MARK_KINDS)[number];
true satisfies ListsEvery<StoredKind, MarkKind>;
export const MARK_KIND_LABELS: Record<MarkKind, string> = { WRONG_CHAR: "错字", EXTRA: "多字", MISSING: "漏字", PUNCTUATION: "标点", QUERY: "疑问" };

export const RESOLUTIONS = ["APPLIED", "KEPT"] as const satisfies readonly StoredResolution[];
export type Resolution = (typeof RESOLUTIONS)[number];
true satisfies ListsEvery<StoredResolution, Resolution>;
export const RESOLUTION_LABELS: Record<Resolution, string> = { APPLIED: "改", KEPT: "不改" };

const ROUND_NAMES = ["一校", "二校", "三校", "四校", "五校"];
/** A proofreading round's name: 一校, 二校, 三校… */
export const roundName = (n: number) => ROUND_NAMES[n - 1] ?? `第${n}校`;

/** The fields a mark may sit in, as the page prints them. */
export const MARK_FIELDS = ["kicker", "headline", "subheadline", "dateline", "body"] as const;
export type MarkField = (typeof MARK_FIELDS)[number];
export const MARK_FIELD_LABELS: Record<MarkField, string> = { kicker: "引题", headline: "主题", subheadline: "副题", dateline: "电头", body: "正文" };

/** Between the body's blocks in its marked text: no mark may span two blocks. */
export const BLOCK_BREAK = "\u2029";
/** How much text either side of a mark is kept to find it again. */
export const CONTEXT_CHARS = 8;

type Marked = { kicker: string; headline: string; subheadline: string; dateline: string; body: readonly BodyBlock[] };

/** A field's text as a mark's offsets count it: the body's paragraphs, subheads and captions in order. */
export function fieldText(story: Marked, field: MarkField): string {
  if (field !== "body") return story[field];
  return story.body.map((b) => (b.type === "photo" ? b.caption : b.text)).join(BLOCK_BREAK);
}

/** The story with one field's text replaced (the body's blocks take their texts back in order). */
export function withFieldText<S extends Marked>(story: S, field: MarkField, text: string): S {
  if (field !== "body") return { ...story, [field]: text };
  const texts = text.split(BLOCK_BREAK);
  return { ...story, body: story.body.map((b, i) => (b.type === "photo" ? { ...b, caption: texts[i] ?? "" } : { ...b, text: texts[i] ?? "" })) };
}

/** What the marked text should read once the mark is applied; none for a question. */
export function expectedText(mark: { kind: MarkKind; quote: string; suggestion: string }): string | null {
  switch (mark.kind) {
    case "WRONG_CHAR":
    case "PUNCTUATION":
      return mark.suggestion;
    case "EXTRA":
      return "";
    case "MISSING":
      return mark.quote + mark.suggestion;
    case "QUERY":
      return null;
  }
}

export type Anchor = { start: number; end: number; quote: string; before: string; after: string };

/** The anchor of a range in a field's text, or why it cannot be one. */
export function anchorIn(text: string, start: number, end: number): Anchor | { problem: string } {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > text.length) return { problem: "请先在稿件上选中要标记的文字" };
  const quote = text.slice(start, end);
  if (quote.includes(BLOCK_BREAK)) return { problem: "一处标记只能在一段之内" };
  return { start, end, quote, before: text.slice(Math.max(0, start - CONTEXT_CHARS), start), after: text.slice(end, end + CONTEXT_CHARS) };
}

/**
 * The surroundings to look for a mark by, widest first: all the text kept either side, then less,
 * down to one character each side (none only where the mark was at the field's start or end).
 * Copy edited close to a mark, or another mark applied beside it, still leaves it findable.
 */
function contexts(anchor: Pick<Anchor, "before" | "after">): [string, string][] {
  // All of it, then 4, 2 and 1 characters: enough steps to step past a nearby change, few enough
  // that 核红 for a page of 1,500 marks stays well within a proof's drawing.
  const sizes = (n: number) => (n === 0 ? [0] : [...new Set([n, 4, 2, 1].filter((k) => k <= n))]);
  const pairs = sizes(anchor.before.length).flatMap((b) => sizes(anchor.after.length).map((a) => [b, a] as const));
  pairs.sort((x, y) => y[0] + y[1] - (x[0] + x[1]) || y[0] - x[0]);
  return pairs.map(([b, a]) => [anchor.before.slice(anchor.before.length - b), anchor.after.slice(0, a)]);
}

/** Where `middle` sits between these surroundings, the occurrence nearest where the mark was. */
function findBetween(text: string, before: string, after: string, middle: string, near: number): number | null {
  const needle = before + middle + after;
  let best: number | null = null;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    const at = i + before.length;
    if (best === null || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best;
}

/** Where the mark's text now sits in `text`, found by the widest surroundings that still match. */
function locate(text: string, anchor: Pick<Anchor, "before" | "after" | "start">, middle: string): number | null {
  for (const [before, after] of contexts(anchor)) {
    const at = findBetween(text, before, after, middle, anchor.start);
    if (at !== null) return at;
  }
  return null;
}

/** Where a mark's text sits in the field now, to draw it there; null once that text is gone. */
export function locateMark(text: string, mark: Pick<Anchor, "before" | "after" | "start" | "quote">): { start: number; end: number } | null {
  const at = locate(text, mark, mark.quote);
  return at === null ? null : { start: at, end: at + mark.quote.length };
}

/** The field's text with the mark applied, or null when the marked text is no longer there. */
export function applyMark(text: string, mark: Anchor & { kind: MarkKind; suggestion: string }): string | null {
  const expected = expectedText(mark);
  if (expected === null) return null;
  const at = locate(text, mark, mark.quote);
  return at === null ? null : text.slice(0, at) + expected + text.slice(at + mark.quote.length);
}

/** 核红: 已改, 漏改 (the marked text is still there as it was), 错改 (changed, not as marked). */
export type CheckResult = "FIXED" | "MISSED" | "WRONG";
export const CHECK_LABELS: Record<CheckResult, string> = { FIXED: "已改", MISSED: "漏改", WRONG: "错改" };

/** 核红 of one mark against the field's text now; none for a question, which is answered, not applied. */
export function checkMark(text: string, mark: Anchor & { kind: MarkKind; suggestion: string }): CheckResult | null {
  const expected = expectedText(mark);
  if (expected === null) return null;
  // Widest surroundings first; at each, the text as marked to read before the text as it was (a
  // 漏字 put in leaves the quote in place, followed by what was missing).
  for (const [before, after] of contexts(mark)) {
    if (findBetween(text, before, after, expected, mark.start) !== null) return "FIXED";
    if (findBetween(text, before, after, mark.quote, mark.start) !== null) return "MISSED";
  }
  return "WRONG";
}

/** What a mark of this kind needs besides its place, or why it is not a mark. */
export function markProblem(mark: { kind: MarkKind; quote: string; suggestion: string; note: string }): string | null {
  if (mark.suggestion.includes(BLOCK_BREAK) || mark.suggestion.includes("\n")) return "改正的文字不能换行";
  switch (mark.kind) {
    case "WRONG_CHAR":
    case "PUNCTUATION":
      if (!mark.suggestion) return `请写明正确的${mark.kind === "WRONG_CHAR" ? "文字" : "标点"}`;
      if (mark.suggestion === mark.quote) return "正确的文字与原文相同";
      return null;
    case "MISSING":
      return mark.suggestion ? null : "请写明漏掉的文字";
    case "EXTRA":
      return null;
    case "QUERY":
      return mark.note ? null : "请写明要问编辑的问题";
  }
}
