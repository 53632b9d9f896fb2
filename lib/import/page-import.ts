// The page import desk's working copy (/desk/import): the stories the copy parser found on a pasted
// page, as the editor corrects them — merged, split, fields edited, left out — before they are filed.
// Pure, so the browser runs it as the editor works and the unit tests run it as a table.

import { guessKind, isPageFurniture, parseParagraphs, splitPage, TRAILING_CREDIT, withoutJumpMarks, type ImportedBlock, type ImportedStory, type NameRun, type PageStory, type WholeParagraph } from "@/lib/import/copy-parser";
import { completenessErrors, HEAD_FIELD_NAMES, HEAD_FIELDS, STORY_KINDS, type HeadField, type StoryDraft, type StoryHead, emptyHead, headOf } from "@/lib/stories/schema";

/** One story on the desk: its head fields as text, its body as one block per line (see bodyToText). */
export type ImportCard = Pick<StoryDraft, "kind"> & StoryHead & {
  key: string;
  range: [number, number];
  include: boolean;
  bodyText: string;
  /** Names the copy ran together and how they were read (absent on cards kept from before). */
  nameRuns?: NameRun[];
};

/** How many stories one import files: a printed page holds far fewer; more is a paste gone wrong. */
export const IMPORT_MAX_STORIES = 40;

export type PageFolio = { date: string; pageNumber: string; pageName: string; issueNumber: string };

// The body as the editor edits it in one box: a paragraph per line; subheads and photo captions
// marked at the line start, so every kind of block can be typed, moved or removed as text.
export const SUBHEAD_MARK = "【小标题】";
export const PHOTO_MARK = "【图】";

export function bodyToText(body: readonly ImportedBlock[]): string {
  return body
    .map((b) => (b.type === "subhead" ? SUBHEAD_MARK + b.text : b.type === "photo" ? `${PHOTO_MARK}${b.caption}${b.credit ? `（${b.credit}）` : ""}` : b.text))
    .join("\n");
}

export function textToBody(text: string): ImportedBlock[] {
  const blocks: ImportedBlock[] = [];
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith(SUBHEAD_MARK)) {
      const t = line.slice(SUBHEAD_MARK.length).trim();
      if (t) blocks.push({ type: "subhead", text: t });
    } else if (line.startsWith(PHOTO_MARK)) {
      const t = line.slice(PHOTO_MARK.length).trim();
      // Its credit printed after it in brackets: （本报记者 赵晨 摄）.
      const m = TRAILING_CREDIT.exec(t);
      blocks.push({ type: "photo", caption: m ? t.slice(0, m.index).trim() : t, credit: m ? m[1].trim() : "" });
    } else blocks.push({ type: "paragraph", text: line });
  }
  return blocks;
}

let keys = 0;
const newKey = () => `c${Date.now().toString(36)}${(keys++).toString(36)}`;

export function cardOf(story: PageStory): ImportCard {
  return {
    key: newKey(),
    range: story.range,
    include: true,
    kind: story.kind,
    ...headOf(story),
    bodyText: bodyToText(story.body),
    nameRuns: story.nameRuns,
  };
}

/**
 * What the card asks the editor to check: names the copy ran together, while the dateline still
 * prints them as they were read (once the editor has written them otherwise, the question is answered).
 */
export function nameChecks(card: Pick<ImportCard, "dateline" | "nameRuns">): string[] {
  return (card.nameRuns ?? []).filter((r) => card.dateline.includes(r.names.join(" "))).map((r) => `电头里连写的“${r.written}”读作 ${r.names.join("、")}，请核对`);
}

/** A pasted page read into cards, one per story found. */
export function cardsOfPage(source: string): ImportCard[] {
  return splitPage(source).map(cardOf);
}

/**
 * Two stories the parser split apart that are one: the second's head lines become subheads of the
 * first (they were subheads or a cut paragraph start), its dateline opens its first paragraph.
 */
export function mergeWithNext(cards: readonly ImportCard[], index: number): ImportCard[] {
  const a = cards[index];
  const b = cards[index + 1];
  if (!a || !b) return [...cards];
  const heads = [b.kicker, b.headline, b.subheadline].filter(Boolean).map((h) => SUBHEAD_MARK + h);
  const bodyLines = b.bodyText.split("\n").filter((l) => l.trim());
  // The dateline opens the first paragraph, never a subhead or a caption line.
  const firstText = bodyLines.findIndex((l) => !l.startsWith(SUBHEAD_MARK) && !l.startsWith(PHOTO_MARK));
  if (b.dateline && firstText >= 0) bodyLines[firstText] = b.dateline + bodyLines[firstText];
  else if (b.dateline) bodyLines.unshift(b.dateline);
  const byline = a.byline || b.byline;
  const merged: ImportCard = {
    ...a,
    byline,
    range: [Math.min(a.range[0], b.range[0]), Math.max(a.range[1], b.range[1])],
    bodyText: [a.bodyText, ...heads, ...bodyLines].filter((l) => l.trim()).join("\n"),
  };
  return [...cards.slice(0, index), merged, ...cards.slice(index + 2)];
}

/**
 * One story the parser read as one that is two: the body is cut before line `line` (0-based, blank
 * lines not counted). The new story's head is read again from its first lines, as the parser reads a
 * story: a subhead or a short line there is its headline (two, kicker and headline), a dateline
 * opening its first paragraph is its dateline and names its byline, and its kind is guessed from
 * what it holds; a photo there stays its first block (photo news has no headline of its own).
 */
export function splitAtLine(cards: readonly ImportCard[], index: number, line: number, source: string): ImportCard[] {
  const card = cards[index];
  if (!card) return [...cards];
  const lines = card.bodyText.split("\n").filter((l) => l.trim());
  if (line <= 0 || line >= lines.length) return [...cards];
  const cut = lines[line].trim();
  const rest = lines.slice(line);
  const story = rereadStory(rest);
  const at = findInSource(source, cut.replace(SUBHEAD_MARK, "").replace(PHOTO_MARK, "").replace(TRAILING_CREDIT, ""), card.range[0], card.range[1])?.[0] ?? card.range[1];
  const before: ImportCard = { ...card, bodyText: lines.slice(0, line).join("\n"), range: [card.range[0], at] };
  // A kind the editor chose stays; one that was only guessed is guessed again for what is left.
  if (guessedKind(card) === card.kind) before.kind = guessedKind(before);
  const after: ImportCard = { ...cardOf({ ...story, range: [at, card.range[1]] }), include: card.include };
  return [...cards.slice(0, index), before, after, ...cards.slice(index + 1)];
}

const guessedKind = (card: ImportCard) => guessKind({ ...card, body: textToBody(card.bodyText) });

/** A card's body lines read as a story of their own: each line a whole paragraph, marks as their styles. */
export function rereadStory(lines: readonly string[]): ImportedStory {
  const paragraphs: WholeParagraph[] = lines.flatMap((raw, n): WholeParagraph[] => {
    const line = raw.trim();
    if (line.startsWith(SUBHEAD_MARK)) return [{ text: line.slice(SUBHEAD_MARK.length), role: "heading" }];
    // A caption line stands for its picture: the parser takes the caption below a picture.
    if (line.startsWith(PHOTO_MARK)) return [{ picture: n }, { text: line.slice(PHOTO_MARK.length), role: "caption" }];
    return [{ text: line }];
  });
  return parseParagraphs(paragraphs);
}

/** The line of a text box a cursor offset stands on, blank lines not counted (as splitAtLine counts). */
export function lineAtOffset(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").slice(0, -1).filter((l) => l.trim()).length;
}

// ---------------------------------------------------------------------------------------------
// Where each part stands in the source, for the side-by-side view

/**
 * Finds `text` in source[from, to) allowing line breaks, indents and the spaces extraction adds
 * between any two characters (a headline printed over two lines, a paragraph over columns).
 */
export function findInSource(source: string, text: string, from = 0, to = source.length): [number, number] | null {
  const chars = Array.from(text.replace(/\s+/gu, ""));
  if (chars.length === 0) return null;
  const pattern = chars.map((c) => c.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")).join("[\\s\\u3000]*");
  const re = new RegExp(pattern, "gu");
  re.lastIndex = from;
  const m = re.exec(source);
  if (!m || m.index + m[0].length > to) return null;
  return [m.index, m.index + m[0].length];
}

export type PartName = "kicker" | "headline" | "subheadline" | "byline" | "dateline" | "subhead" | "caption";
export const PART_LABELS: Record<PartName, string> = {
  ...(Object.fromEntries(HEAD_FIELD_NAMES.map((f) => [f, HEAD_FIELDS[f].label])) as Record<HeadField, string>),
  subhead: "小标题",
  caption: "图片说明",
};

export type SourceMark = { start: number; end: number; part: PartName };

/** The parts of a card found in its range of the source, in order; a part the editor retyped may not be found. */
export function partsInSource(source: string, card: ImportCard): SourceMark[] {
  const marks: SourceMark[] = [];
  let from = card.range[0];
  const [, to] = card.range;
  const find = (part: PartName, text: string) => {
    // A subheadline is printed with its dash; the dash may be typed differently, so only the words are looked for.
    const found = findInSource(source, part === "subheadline" ? text.replace(/^[—－-]+/u, "") : text, from, to);
    if (!found) return;
    marks.push({ start: found[0], end: found[1], part });
    from = found[1];
  };
  if (card.kicker) find("kicker", card.kicker);
  if (card.headline) find("headline", card.headline);
  if (card.subheadline) find("subheadline", card.subheadline);
  if (card.byline) find("byline", card.byline);
  if (card.dateline) find("dateline", card.dateline);
  for (const block of textToBody(card.bodyText)) {
    if (block.type === "subhead") find("subhead", block.text);
    else if (block.type === "photo") find("caption", block.caption);
  }
  return marks;
}

// ---------------------------------------------------------------------------------------------
// The page's own furniture, read to fill the back-issue form

const FOLIO_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u;
// 第2版, 第二版, A2版; a 转版 mark (下转第2版) names another page, so it is taken out first.
const FOLIO_PAGE = /第\s*[A-Z]?([\d一二三四五六七八九十]{1,3})\s*版|(?<![\p{Script=Han}\d])[A-Z](\d{1,2})\s*版/u;
const LUNAR = /^农历/u;
export const FOLIO_ISSUE = /总第\s*(\d{1,7})\s*期/u;
const WEEKDAY = /^星期[一二三四五六日天]$/u;

/** The date, page number, page name and running number printed on the page, where it prints them. */
export function readFolio(source: string): PageFolio {
  const folio: PageFolio = { date: "", pageNumber: "", pageName: "", issueNumber: "" };
  const head = source
    .split(/\r?\n/u)
    .map(withoutJumpMarks)
    .filter((l) => l.trim())
    .slice(0, 8);
  for (const line of head) {
    const date = FOLIO_DATE.exec(line);
    if (date && !folio.date) folio.date = `${date[1]}-${date[2].padStart(2, "0")}-${date[3].padStart(2, "0")}`;
    const issue = FOLIO_ISSUE.exec(line);
    if (issue && !folio.issueNumber) folio.issueNumber = issue[1];
    const page = FOLIO_PAGE.exec(line);
    if (!page || folio.pageNumber) continue;
    folio.pageNumber = String(pageNumberOf(page[1] ?? page[2]));
    // The page name is the other word on the folio line: not the date, the weekday or the page number.
    const words = line
      .replace(FOLIO_DATE, " ")
      .replace(FOLIO_PAGE, " ")
      .replace(FOLIO_ISSUE, " ")
      .split(/[\s\u3000·・|｜]+/u)
      .filter((w) => isPageName(w) && !WEEKDAY.test(w) && !LUNAR.test(w));
    folio.pageName = words[0] ?? "";
  }
  // A page name printed on a line of its own (县区新闻), not the paper's own name (四平日报).
  if (!folio.pageName) folio.pageName = head.map((l) => l.trim()).find((l) => isPageName(l) && isPageFurniture(l)) ?? "";
  return folio;
}

/** A word that can name a page (要闻, 县区新闻): a few Chinese characters, not the paper's own name (四平日报). */
export const isPageName = (word: string) => /^\p{Script=Han}{2,6}$/u.test(word) && !/报$/u.test(word);

const CHINESE_DIGITS = "一二三四五六七八九";
/** 2, 二, 十二: the page numbers folios print. */
function pageNumberOf(written: string): number {
  if (/^\d+$/u.test(written)) return Number(written);
  const [tens, ones] = written.includes("十") ? written.split("十") : ["", written];
  const digit = (c: string) => CHINESE_DIGITS.indexOf(c) + 1;
  return (written.includes("十") ? (tens ? digit(tens) : 1) * 10 : 0) + (ones ? digit(ones) : 0);
}

/** What the server is sent for one card: the fields of a story, the body as blocks. */
export function storyOfCard(card: ImportCard) {
  const kind = (STORY_KINDS as readonly string[]).includes(card.kind) ? card.kind : "NEWS_BRIEF";
  const head = Object.fromEntries(HEAD_FIELD_NAMES.map((f) => [f, card[f].trim()])) as StoryHead;
  return { kind, ...head, body: textToBody(card.bodyText) };
}
export type ImportedCopy = ReturnType<typeof storyOfCard>;

type TextBlock = Exclude<ImportedBlock, { type: "photo" }>;

/**
 * The body an imported story is filed with. A picture cannot come from text, so its placeholder goes
 * (its caption goes to a note for the desk); photo copy whose only text was its captions keeps them.
 */
export function fileableBody(body: readonly ImportedBlock[]): TextBlock[] {
  const text = body.filter((b): b is TextBlock => b.type !== "photo");
  if (text.some((b) => b.type === "paragraph")) return text;
  return [...text, ...body.flatMap((b) => (b.type === "photo" ? [{ type: "paragraph" as const, text: b.caption }] : []))];
}

/**
 * Why an imported story cannot be filed, in the words submission uses (headline, byline, text);
 * its pictures are the desk's to attach later. Null when it can be.
 */
export function importProblem(story: Pick<StoryDraft, "kind" | "headline" | "byline" | "body">): string | null {
  const hasText = story.body.some((b) => b.type === "paragraph" && b.text.trim());
  if (!story.headline.trim() && !hasText) return "既没有标题也没有正文，请补上或不导入这一篇";
  const draft = { ...emptyHead(), contributors: [], bylineEdited: false, tags: [], ...story };
  return Object.values(completenessErrors(draft, { picturesLater: true })).flat()[0] ?? null;
}

/** What the desk's import actions answer: where to go next, or why nothing was imported. */
export type ImportAnswer = { ok: true; message: string; href: string; linkText: string } | { ok: false; message: string; fieldErrors: Record<string, string[]> };
