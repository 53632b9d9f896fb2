// The copy parser: reads Chinese newspaper copy (a filed story, or a whole printed page taken as
// text) into the story model. Pure: no database, no Node APIs, so the browser can run it on paste.
// Table-tested in tests/unit/copy-parser.test.ts and scored on tests/fixtures/import (npm run bench:import).

import { composeByline, parseByline, type Credit } from "@/lib/contributors/byline";
import { splitRunTogetherNames } from "@/lib/contributors/person-names";
import { HEADLINE_MAX, type StoryHead, type StoryKind } from "@/lib/stories/schema";

/**
 * A photo as copy names it: there is no picture yet, only its caption and credit. Read from whole
 * paragraphs, `picture` is the number of the picture paragraph it stands for.
 */
export type PhotoPlaceholder = { type: "photo"; caption: string; credit: string; picture?: number };
export type ImportedBlock = { type: "paragraph"; text: string } | { type: "subhead"; text: string } | PhotoPlaceholder;

/** One story read from copy, in the fields of StoryDraft (lib/stories/schema.ts), before any photo is attached. */
export type ImportedStory = StoryHead & {
  kind: StoryKind;
  contributors: Credit[];
  body: ImportedBlock[];
  /** Every caption of the story, in order, for a desk that attaches pictures later. */
  captions: { caption: string; credit: string }[];
  /** Names its dateline ran together, as they were taken apart: the desk is asked to check them. */
  nameRuns: NameRun[];
};

/** A story found on a page, with where it stands in the source text: [start, end) in UTF-16 units, as String#slice counts. */
export type PageStory = ImportedStory & { range: [number, number] };

// ---------------------------------------------------------------------------------------------
// Lines

/** `continued`: the line goes on a story from another page (上接第一版), so it starts a story of its own. */
type SourceLine = { text: string; start: number; end: number; role?: ParagraphRole; picture?: number; continued?: boolean };

/**
 * A paragraph as a word processor keeps it: whole, never cut at a column end. Its style may say
 * more than its words: `title` (Word's Title style: the headline), `heading` (a Heading style, or a
 * short line set bold or centred: a head line above the text, a subhead within it), `caption`; a
 * picture stands where it is in the text, numbered by the caller.
 */
export type WholeParagraph = { text: string; role?: ParagraphRole } | { picture: number };
/** What a Word paragraph's style says it is; "text" is body text whatever its words look like (a table row). */
export type ParagraphRole = "title" | "heading" | "caption" | "text";

// Full-width spaces (indents), no-break spaces and tabs are what extraction leaves around lines.
const SPACES = /[\s\u3000\u00a0\ufeff]+/gu;
const tidy = (s: string) => s.replace(SPACES, " ").trim();

// 转版 marks: （下转第2版） where a story breaks off, （上接第一版） where the rest of one goes on.
const JUMP_MARK = /[（(]\s*(上接|下转|转)\s*第?\s*[A-Z]?[\d一二三四五六七八九十]{1,3}\s*版\s*[）)]/gu;
// E-paper text also prints them bare, on a line of their own: 下转第2版.
const BARE_JUMP_LINE = /^(上接|下转|转)\s*第?\s*[A-Z]?[\d一二三四五六七八九十]{1,3}\s*版$/u;

/** A line without its 转版 marks: empty when it was only a mark. */
export function withoutJumpMarks(line: string): string {
  return BARE_JUMP_LINE.test(tidy(line)) ? "" : line.replace(JUMP_MARK, " ");
}

function sourceLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const re = /[^\r\n]*(\r\n|\r|\n|$)/gu;
  let m: RegExpExecArray | null;
  let continued = false;
  let markStart: number | null = null; // where a 上接 mark on a line of its own began
  while ((m = re.exec(text)) && m[0] !== "") {
    const raw = m[0].replace(/[\r\n]+$/u, "");
    const lead = raw.length - raw.replace(/^[\s\u3000\u00a0\ufeff]+/u, "").length;
    const body = raw.replace(/[\s\u3000\u00a0\ufeff]+$/u, "");
    if (body.length > lead) {
      // The marks are dropped from the text (the source range still covers them).
      const bare = BARE_JUMP_LINE.exec(tidy(raw));
      const marks = bare ? [bare] : [...raw.matchAll(JUMP_MARK)];
      continued ||= marks.some((mark) => mark[1] === "上接");
      const words = bare ? "" : tidy(raw.replace(JUMP_MARK, " "));
      if (words) {
        lines.push({ text: words, start: markStart ?? m.index + lead, end: m.index + body.length, ...(continued ? { continued } : {}) });
        continued = false;
        markStart = null;
      } else if (continued) markStart ??= m.index + lead;
    }
    if (re.lastIndex >= text.length) break;
  }
  return lines;
}

// A sentence is over when a line ends in 。！？…； (a closing quote or bracket may follow).
const SENTENCE_END = /[。！？!?…；;][”’"'」』）)》]*$/u;
export const endsSentence = (line: string) => SENTENCE_END.test(line.trim());

// A line ending in a comma, a pause mark or a colon was cut in the middle of a sentence.
const MID_SENTENCE = /[，,、：:“‘（(《]$/u;

// Commas and full stops inside a line belong to running text; headlines and subheads go without them.
const IN_SENTENCE = /[，,。；;]/u;

// Page furniture: folios, the page name, dates with the weekday, the page editors' line, the masthead.
const PAGE_NAMES = /^(要闻|综合|县区新闻|县区|副刊|评论|经济|社会|民生|文体|时政|专版|专题|国内|国际|农业农村|图片新闻|简讯|新闻速递)$/u;
const FURNITURE: RegExp[] = [
  /(责任编辑|美术编辑|版式设计|本版编辑|校对|编辑)\s*[:：]/u,
  /星期[一二三四五六日天]/u,
  /总第\s*\d+\s*期/u,
  /^(第\s*)?[A-Z]?\d{1,3}\s*版(\s|$)/u,
  /\s(第\s*)?[A-Z]?\d{1,3}\s*版(\s|$)/u,
  /^[-—－\s]*[A-Z]?\d{1,3}[-—－\s]*$/u,
  /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/u,
  /^\S{2,6}(日报|晚报|都市报)$/u,
];
export function isPageFurniture(line: string): boolean {
  const t = tidy(line);
  if (!t || t.length > 60 || endsSentence(t)) return false;
  return PAGE_NAMES.test(t) || FURNITURE.some((re) => re.test(t));
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

// Two Latin letters meet across a break only when a word was split: keep a space there.
const joinPair = (a: string, b: string) => (/[A-Za-z]$/u.test(a) && /^[A-Za-z]/u.test(b) ? `${a} ${b}` : a + b);

// Extraction puts stray spaces between Chinese characters ("农 产品"); between Latin words they are real.
const HAN_GAP = /(?<=[\p{Script=Han}，。、；：？！“”（）《》])\s+|\s+(?=[\p{Script=Han}，。、；：？！“”（）《》])/gu;
// A half-width mark beside a Chinese character is a typesetter's slip (2,300 keeps its comma).
const HALF_MARKS: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）" };
const HALF_BY_HAN = /(?<=\p{Script=Han})[,;:?!()]|[,;:?!()](?=\p{Script=Han})/gu;
const fullWidthMarks = (s: string) => s.replace(HALF_BY_HAN, (m) => HALF_MARKS[m]);

export function cleanParagraph(s: string): string {
  const t = fullWidthMarks(tidy(s));
  // The space between a title and a name inside a dateline (本报讯（记者 张三）) is meant.
  // A dateline without brackets (本报讯 记者 王芳 报道) keeps the space that ends it.
  const frame = DATELINE.exec(t)?.[0] ?? "";
  const rest = t.slice(frame.length).replace(HAN_GAP, "");
  return frame && !DATELINE_CLOSED.test(frame) && rest ? `${frame} ${rest.trimStart()}` : frame + rest.trimStart();
}

/**
 * Joins lines into paragraphs: a line that does not end a sentence was cut where a printed column
 * ended, so the next line goes on it; a line that ends a sentence ends its paragraph.
 */
export function joinBrokenLines(lines: readonly string[]): string[] {
  const paragraphs: string[] = [];
  let open = false;
  for (const raw of lines) {
    const line = cleanParagraph(raw);
    if (!line) continue;
    if (open) paragraphs[paragraphs.length - 1] = joinPair(paragraphs[paragraphs.length - 1], line);
    else paragraphs.push(line);
    open = !endsSentence(line);
  }
  return paragraphs;
}

// ---------------------------------------------------------------------------------------------
// Items: what each line (or run of joined lines) is

type ItemKind = "head" | "dash" | "byline" | "credit" | "caption" | "text" | "picture";
/** `realHead`: a head line the page's column width shows was not cut from a paragraph (see columnWidth). */
type Item = { kind: ItemKind; text: string; start: number; end: number; credit?: string; open?: boolean; title?: boolean; picture?: number; continued?: boolean; realHead?: boolean };

// 本报记者 XX, 本报通讯员 XX, 实习记者 XX, 本报评论员, 文/XX; □ and ◎ lead a commentary's author line.
const BYLINE_LINE = /^[□◎●■☆]?\s*(本报(记者|通讯员|实习记者|特约记者|摄影记者|评论员)|实习记者|特约记者|特约通讯员|摄影记者|记者|通讯员|评论员|文\s*[/／]|作者[:：]|[□◎]\s*\S)/u;
// 本报讯（记者 XX）, 梨树讯（通讯员 XX）, 新华社长春11月27日电（记者 XX） open a brief's first paragraph.
/** How long a subhead line may be; a longer line without stops is a headline or text. */
export const SUBHEAD_LINE_MAX = 40;

/** A dateline that closes itself (with its bracket or a colon); one that does not is followed by a space. */
export const DATELINE_CLOSED = /[）)：:]$/u;
// Some papers print the people without brackets: 本报讯 记者 王芳 通讯员 李可 报道, or 本报讯 记者 王芳：
const DATELINE = /^(本报讯|本报[^\s，。（(]{0,10}讯|[^\s，。（(]{2,8}讯|新华社[^\s，。（(]{0,12}电|本报[^\s，。（(]{0,12}电)(\s*[（(][^（）()]{0,40}[）)]|(\s+(本报)?(记者|通讯员|实习记者|特约记者|摄影记者)\s*[\p{Script=Han}·]{2,4})+(\s+报道)?(\s*[：:]|(?=\s|$)))/u;
// A dateline whose bracket a column end cut off: 本报讯（实习记者 刘洋 / 陈思）近日…
const DATELINE_OPEN = /^(本报讯|本报[^\s，。（(]{0,10}讯|[^\s，。（(]{2,8}讯|新华社[^\s，。（(]{0,12}电|本报[^\s，。（(]{0,12}电)\s*[（(][^（）()]{0,40}$/u;
const opensDateline = (t: string) => DATELINE.test(t) || DATELINE_OPEN.test(t);
// A caption's last sentence followed by its photographer, in copy from print: ……。 张涛 摄 (the
// space often lost). Only names may stand there, so a sentence ending in 拍摄 is no credit.
const CAPTION_CREDIT_END = /(?<=[。！？!?”])\s*((?:本报)?(?:摄影记者|实习记者|特约记者|记者|通讯员)?\s*[\p{Script=Han}·]{2,4}(?:\s+[\p{Script=Han}·]{2,4}){0,3}\s*摄)$/u;
// A caption cut where its credit began: ……。 张 / 涛 摄.
const CREDIT_CUT = /[。！？!?”]\s*[\p{Script=Han}·\s]{0,12}$/u;
const spacedCredit = (credit: string) => tidy(credit).replace(/\s*摄$/u, " 摄");

// A picture's credit: XX 摄, （本报记者 XX 摄）, 县委宣传部 提供.
const CREDIT_LINE = /^[（(]?[^。！？，]{1,36}?\s*(摄|摄影|提供|供图)[）)]?$/u;
export const TRAILING_CREDIT = /[（(]([^（）()]{1,36}(摄|摄影|提供|供图))[）)]$/u;
// Captions that name their picture: 图为…, ①…, 图① …, 图1 ….
const CAPTION_LEAD = /^(图为|[①-⑳]|图\s*[①-⑳\d]+\s*[：:、]?)/u;

// 组图 number their pictures: ①…, 图①….
const NUMBERED_CAPTION = /^(图\s*)?[①-⑳]|^图\s*\d+/u;

const isCreditLine = (t: string) => t.length <= 40 && CREDIT_LINE.test(t) && !/^图为/u.test(t);
// Column labels that begin like a byline (记者手记) but name no one.
const REPORTER_COLUMN = /^(记者|通讯员)(手记|观察|调查|札记|见闻|笔记|随笔|感言|日记|探访|走基层)$/u;
const isBylineLine = (t: string) => t.length <= 40 && !/[。！？，]/u.test(t) && BYLINE_LINE.test(t) && !DATELINE.test(t) && !REPORTER_COLUMN.test(t);
const isDash = (t: string) => /^(——|—|--|－－)/u.test(t);

// In a Word file the credit often follows the caption's last sentence unbracketed: 图为……。 张三 摄.
const SENTENCE_CREDIT = /(?<=[。！？!?”])\s*([^。！？!?，,（）()\s][^。！？!?，,（）()]{0,35}?\s*(摄|摄影|提供|供图))$/u;

function captionItem(line: SourceLine, whole = false): Item {
  const m = TRAILING_CREDIT.exec(line.text) ?? (whole ? SENTENCE_CREDIT.exec(line.text) : null);
  const text = m ? line.text.slice(0, m.index).trim() : line.text;
  return { kind: "caption", text: cleanParagraph(text), credit: m ? tidy(m[1]) : undefined, start: line.start, end: line.end };
}

/** Below a picture in a Word file: the paragraph is its caption when it says so by its words or its style. */
function isPictureCaption(line: SourceLine, after: SourceLine | undefined): boolean {
  const t = line.text;
  if (Array.from(t).length > 300 || DATELINE.test(t)) return false;
  const creditBelow = after?.picture === undefined && after !== undefined && isCreditLine(after.text);
  return line.role === "caption" || CAPTION_LEAD.test(t) || TRAILING_CREDIT.test(t) || SENTENCE_CREDIT.test(t) || creditBelow;
}

// Widths in a printed column's cells: a Chinese character or full-width mark takes one, a Latin
// letter, digit or half-width mark half of one (counted here in halves).
const cellsOf = (t: string) => Array.from(t).reduce((n, ch) => n + (/[\x20-\x7e]/u.test(ch) ? 1 : 2), 0);

/**
 * The width of the page's text columns, in half cells, when the text was copied from a printed page
 * whose lines were cut at column ends: most lines then have one width. Null for copy whose lines are
 * whole paragraphs (a filed story) or of no common width.
 */
export function columnWidth(lines: readonly string[]): number | null {
  const widths = lines.map(cellsOf).filter((w) => w >= 16);
  if (widths.length < 8) return null;
  // Full lines are the commonest exact width (a paragraph has one first line, indented, and one last).
  const counts = new Map<number, number>();
  for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [w, count] of counts) if (count > bestCount || (count === bestCount && w > best)) [best, bestCount] = [w, count];
  // Half-width digits and hanging punctuation move a full line by a cell or so.
  return widths.filter((x) => Math.abs(x - best) <= 2).length >= widths.length * 0.4 ? best : null;
}

/**
 * A heading-looking line (no stops or commas) that is really the start of a paragraph cut at a
 * column end: it fills the column (less the indent a paragraph's first line drops), and the next
 * line goes on the same paragraph, filling the column too, or ending a sentence. A line followed by
 * a dateline, a byline, a dash or a credit heads what follows.
 */
function isCutHeadLike(t: string, next: string | undefined, column: number): boolean {
  // A pause mark (、) is running text's, so such a line needs no punctuation below it to be text.
  return cellsOf(t) >= column - 5 && continuesColumn(next, column, true, t.includes("、"));
}

/**
 * Whether `next` goes on the paragraph of a line that filled the column: it is running text of the
 * column's width (a paragraph's first line is narrower, by its indent), or, with `orLast`, its last
 * line. A line much wider than the column (a caption set across a picture, a headline) is not.
 */
function continuesColumn(next: string | undefined, column: number, orLast: boolean, textAbove = false): boolean {
  if (next === undefined || opensDateline(next) || isDash(next) || isCreditLine(next) || isBylineLine(next) || CAPTION_LEAD.test(next) || isPageFurniture(next)) return false;
  // A headline as wide as the column has no commas or stops; a column of running text has some.
  const width = cellsOf(next);
  // A full line is the column's width, a cell short where a half-width character left half a cell;
  // a first line with its stop hung past the indent is two short.
  return width <= column + 3 && (textAbove || /[，,、。；;：:]/u.test(next)) && (width >= column - 1 || (orLast && endsSentence(next)));
}

/** A full column line that ends at a full stop while its paragraph goes on below it. */
const stopsMidParagraph = (t: string, next: string | undefined, column: number | null) =>
  column !== null && endsSentence(t) && cellsOf(t) >= column - 1 && continuesColumn(next, column, false);

/**
 * Reads lines into items, joining broken paragraphs; a caption printed inside a paragraph's columns
 * does not end it. `whole`: each line is a whole paragraph (a Word file), joined to nothing.
 */
function readItems(lines: readonly SourceLine[], whole = false): Item[] {
  const items: Item[] = [];
  let openText: Item | null = null;
  const column = whole ? null : columnWidth(lines.map((l) => l.text));
  // A caption whose credit has arrived: its text and credit part, and it is closed.
  const closeAsCaption = (item: Item) => {
    // Only a line ending in a credit can close a caption: the test is cheap, the patterns are not.
    if (!/(摄|摄影|提供|供图)[）)]?$/u.test(item.text)) return false;
    const m = CAPTION_CREDIT_END.exec(item.text) ?? TRAILING_CREDIT.exec(item.text);
    if (!m) return false;
    item.kind = "caption";
    item.credit = spacedCredit(m[1]);
    item.text = item.text.slice(0, m.index).trim();
    item.open = false;
    return true;
  };
  for (const [n, line] of lines.entries()) {
    const t = line.text;
    if (line.picture !== undefined) {
      items.push({ kind: "picture", text: "", picture: line.picture, start: line.start, end: line.end });
      continue;
    }
    if (whole) {
      const item = wholeItem(line, lines[n - 1], lines[n + 1]);
      if (item) {
        items.push(item);
        continue;
      }
    }
    if (isPageFurniture(t)) continue;
    // The rest of a story from another page is not the end of the paragraph before it.
    if (line.continued && openText) openText = null;
    // A dateline opens a paragraph: what was open before it was a head or a finished line.
    if (openText && opensDateline(t)) openText = null;
    if (openText) {
      // A caption cut where its credit began (……。 张 / 涛 摄) takes the rest of the credit.
      const creditGoesOn = CREDIT_CUT.test(openText.text) && CAPTION_CREDIT_END.test(joinPair(openText.text, cleanParagraph(t)));
      if (!creditGoesOn && openText.kind !== "caption" && (CAPTION_LEAD.test(t) || isCreditLine(t))) {
        items.push(isCreditLine(t) ? { kind: "credit", text: t, start: line.start, end: line.end } : captionItem(line));
        continue;
      }
      openText.text = joinPair(openText.text, cleanParagraph(t));
      openText.end = line.end;
      if (closeAsCaption(openText) || (endsSentence(t) && !stopsMidParagraph(t, lines[n + 1]?.text, column))) {
        openText.open = false;
        openText = null;
      }
      continue;
    }
    let item: Item;
    if (isDash(t)) item = { kind: "dash", text: t, start: line.start, end: line.end };
    // A byline ending in 摄 credits a picture, so the credit test comes first.
    else if (isCreditLine(t)) item = { kind: "credit", text: t, start: line.start, end: line.end };
    else if (isBylineLine(t)) item = { kind: "byline", text: t, start: line.start, end: line.end };
    else if (CAPTION_LEAD.test(t)) {
      item = captionItem(line);
      // A caption cut at the end of its line goes on, up to its credit or its last sentence.
      if (!whole && !item.credit && !endsSentence(t) && !closeAsCaption(item)) {
        item.open = true;
        openText = item;
      }
    } else if (!whole && /摄[）)]?$/u.test(t) && !DATELINE.test(t) && closeAsCaption({ kind: "text", text: cleanParagraph(t), start: 0, end: 0 })) {
      item = { kind: "text", text: cleanParagraph(t), start: line.start, end: line.end };
      closeAsCaption(item);
    }
    // A head line has no commas or stops; one longer than a headline may be is text all the same.
    else if (endsSentence(t) || MID_SENTENCE.test(t) || IN_SENTENCE.test(t) || t.length > HEADLINE_MAX || opensDateline(t) || (column !== null && isCutHeadLike(t, lines[n + 1]?.text, column))) {
      // A dateline's people keep their spaces until its bracket closes.
      item = { kind: "text", text: DATELINE_OPEN.test(t) ? t : cleanParagraph(t), start: line.start, end: line.end, open: !endsSentence(t) || stopsMidParagraph(t, lines[n + 1]?.text, column) };
      if (item.open && !whole) openText = item;
    } else item = { kind: "head", text: t, start: line.start, end: line.end, ...(column !== null ? { realHead: true } : {}) };
    if (line.continued) item.continued = true;
    items.push(item);
  }
  return items;
}

/** What a Word paragraph's place and style decide before its words are read; null: the words decide. */
function wholeItem(line: SourceLine, before: SourceLine | undefined, after: SourceLine | undefined): Item | null {
  const t = line.text;
  const at = { start: line.start, end: line.end };
  if (before?.picture !== undefined && isPictureCaption(line, after)) {
    // A caption with its credit at the end, or a credit line alone (the picture has no caption).
    const caption = captionItem(line, true);
    return caption.credit || !isCreditLine(t) ? caption : { kind: "credit", text: t, ...at };
  }
  if (line.role === "text") return { kind: "text", text: cleanParagraph(t), ...at };
  if (line.role !== "title" && line.role !== "heading") return null;
  if (isDash(t) || isCreditLine(t) || isBylineLine(t) || DATELINE.test(t)) return null;
  return { kind: "head", text: t, title: line.role === "title", ...at };
}

// ---------------------------------------------------------------------------------------------
// Stories

// Column labels that mark a commentary; printed above the headline, they are not its kicker.
const COMMENTARY_LABEL = /^(短评|时评|快评|评论|新论|言论|观察|随笔|杂谈|论坛|社论|编后|编后语|本报评论员|评论员文章|新闻观察|[^\s]{0,4}时评|[^\s]{0,4}快评)$/u;
const COMMENTARY_BYLINE = /评论员/u;

const hasDateline = (it: Item | undefined) => it?.kind === "text" && DATELINE.test(it.text);

/**
 * Where stories begin, on a page read into items. A story begins with a headline group (two or more
 * heading lines, or a dash subheadline), with a single heading line followed by a byline, a dateline
 * or a captioned photo, with a 本报讯 paragraph after body text (a run of briefs), or with a caption
 * and its credit after body text (图片新闻 without a headline). Any other single heading line inside
 * a story is a subhead.
 */
function storyStarts(items: readonly Item[]): number[] {
  const starts: number[] = [];
  let bodySeen = false; // the current story has text or a photo after its head
  let brief = false; // the current story opened its text with a dateline
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const begin = () => {
      starts.push(i);
      bodySeen = false;
      brief = false;
    };
    if (starts.length === 0) {
      begin();
    } else if (it.kind === "head" || it.kind === "dash") {
      let j = i;
      while (j < items.length && (items[j].kind === "head" || items[j].kind === "dash")) j++;
      const run = items.slice(i, j);
      const next = items[j];
      const afterNext = items[j + 1];
      const single = run.length === 1 && it.kind === "head";
      const startsStory =
        !single ||
        next === undefined ||
        next.kind === "byline" ||
        next.kind === "credit" ||
        hasDateline(next) ||
        (next.kind === "text" && afterNext?.kind === "credit") ||
        next.kind === "caption" ||
        COMMENTARY_LABEL.test(it.text) ||
        // A brief carries no subheads: a head line the column shows was not cut heads the next story.
        (brief && it.realHead === true);
      if (startsStory && bodySeen) begin();
      i = j - 1;
      continue;
    } else if (bodySeen && (hasDateline(it) || it.continued)) {
      begin();
    } else if (bodySeen && it.kind === "text" && items[i + 1]?.kind === "credit") {
      // A caption and its credit after a finished story: 图片新闻 without a headline.
      begin();
    }
    if (it.kind === "text" && !bodySeen) brief = hasDateline(it);
    if (it.kind === "text" || it.kind === "caption" || it.kind === "credit") bodySeen = true;
  }
  return starts;
}

// A headline broken over two printed lines leaves a short tail: join it back.
function mergeSplitHeadline(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && Array.from(line).length <= 6 && !line.includes(" ") && Array.from(prev).length >= 8) out[out.length - 1] = prev + line;
    else out.push(line);
  }
  return out;
}

type HeadFields = { kicker: string; headline: string; subheadline: string; commentary: boolean };

function readHead(head: readonly Item[], whole: boolean): HeadFields {
  let commentary = false;
  const plain: string[] = [];
  const dashes: string[] = [];
  let title = -1;
  for (const it of head) {
    const t = tidy(it.text);
    if (it.kind === "dash") dashes.push(t.replace(/^(—|-|－)+\s*/u, "——"));
    else if (COMMENTARY_LABEL.test(t)) commentary = true;
    else {
      if (it.title && title < 0) title = plain.length;
      plain.push(t);
    }
  }
  // A Word headline is one paragraph, never broken at a column end; its Title style names it.
  const lines = whole ? plain : mergeSplitHeadline(plain);
  const fields: HeadFields = { kicker: "", headline: "", subheadline: dashes.join(" "), commentary };
  if (title >= 0) {
    fields.kicker = lines.slice(0, title).join(" ");
    fields.headline = lines[title];
    fields.subheadline = [lines.slice(title + 1).join(" "), fields.subheadline].filter(Boolean).join(" ");
    return fields;
  }
  // One line is the headline; two without a dash line are 引题 + 主题 (the kicker sits above);
  // a third plain line is the 副题 printed without a dash.
  if (lines.length === 1) fields.headline = lines[0];
  else if (lines.length >= 2) {
    fields.kicker = lines[0];
    fields.headline = lines[1];
    if (lines.length > 2) fields.subheadline = [lines.slice(2).join(" "), fields.subheadline].filter(Boolean).join(" ");
  }
  return fields;
}

/** Names the copy ran together (刘洋陈思) and the names they were read as, for the desk to check. */
export type NameRun = { written: string; names: string[] };

/** The dateline as printed, its people spaced (see tidyPeople), with the runs of names taken apart. */
function normalizeDateline(s: string): { dateline: string; runs: NameRun[] } {
  const runs: NameRun[] = [];
  const dateline = tidy(s)
    .replace(/\s*[（(]\s*/u, "（")
    .replace(/\s*[）)]\s*$/u, "）")
    .replace(/（([^（）]*)）$/u, (_, people: string) => `（${tidyPeople(people, runs)}）`);
  return { dateline, runs };
}

// The titles a dateline names its people under: 记者 周敏 通讯员 韩晓东.
const PEOPLE_TITLE = /(本报)?(摄影记者|实习记者|特约记者|特约通讯员|记者|通讯员)/gu;
/**
 * A dateline's people as the paper prints them: a space after each title and between names, names
 * written together (刘洋陈思) taken apart and noted in `runs`. Anything but titles and names is left as it came.
 */
export function tidyPeople(people: string, runs: NameRun[] = []): string {
  const tokens = people.replace(PEOPLE_TITLE, " $& ").trim().split(/\s+/u);
  const isTitle = (t: string) => t.replace(PEOPLE_TITLE, "") === "";
  if (!tokens.every((t) => isTitle(t) || /^[\p{Script=Han}·]{2,12}$/u.test(t))) return people;
  return tokens
    .flatMap((t) => {
      if (isTitle(t)) return [t];
      const { names } = splitRunTogetherNames(t);
      if (names.length > 1) runs.push({ written: t, names });
      return names;
    })
    .join(" ");
}

// Heading lines in a brief, or very short ones in a feature, are the start of a paragraph cut at a
// column end; four characters is already a subhead (风雪无阻).
// A Word paragraph is never a fragment: it was not cut.
function isFragment(it: Item, briefLike: boolean, whole: boolean): boolean {
  return !whole && !it.realHead && it.kind === "head" && (briefLike || (Array.from(it.text).length < 4 && !it.text.includes(" ")));
}

function assembleStory(items: readonly Item[], whole = false): ImportedStory {
  let i = 0;
  const head: Item[] = [];
  while (i < items.length && (items[i].kind === "head" || items[i].kind === "dash")) head.push(items[i++]);
  // A story that opens with a caption and credit has no head: 图片新闻.
  const fields = readHead(head, whole);
  const bylines: string[] = [];
  while (i < items.length && items[i].kind === "byline") bylines.push(tidy(items[i++].text));
  // A lone credit under the headline is the byline of photo copy: 组图 with one photographer.
  if (bylines.length === 0 && items[i]?.kind === "credit" && items[i + 1]?.kind !== undefined && head.length > 0 && items[i + 1].kind !== "credit") {
    bylines.push(tidy(items[i++].text));
  }
  let byline = bylines.map((b) => b.replace(/^[□◎●■☆]\s*/u, "")).join(" ");
  let dateline = "";
  let nameRuns: NameRun[] = [];
  const body: ImportedBlock[] = [];
  const captions: { caption: string; credit: string }[] = [];
  const briefLike = hasDateline(items[i]);
  let carry = ""; // a paragraph start cut off at a column end, read as a heading line

  for (; i < items.length; i++) {
    const it = items[i];
    if (it.kind === "picture") {
      // A picture takes the caption and credit read right below it, if any.
      const photo: PhotoPlaceholder = { type: "photo", caption: "", credit: "", picture: it.picture };
      if (items[i + 1]?.kind === "caption") {
        photo.caption = items[++i].text;
        photo.credit = items[i].credit ?? "";
      }
      if (!photo.credit && items[i + 1]?.kind === "credit") photo.credit = tidy(items[++i].text).replace(/^[（(]|[）)]$/gu, "");
      body.push(photo);
      captions.push({ caption: photo.caption, credit: photo.credit });
      continue;
    }
    if (it.kind === "text") {
      let text = carry + it.text;
      carry = "";
      if (!dateline && body.every((b) => b.type === "photo")) {
        const m = DATELINE.exec(text);
        if (m) {
          ({ dateline, runs: nameRuns } = normalizeDateline(m[0]));
          text = text.slice(m[0].length).trim();
        }
      }
      const next = items[i + 1];
      if (next?.kind === "credit") {
        // A paragraph followed by a credit is that photo's caption.
        const photo: PhotoPlaceholder = { type: "photo", caption: text, credit: tidy(next.text).replace(/^[（(]|[）)]$/gu, "") };
        body.push(photo);
        captions.push({ caption: photo.caption, credit: photo.credit });
        i++;
        continue;
      }
      if (text) body.push({ type: "paragraph", text });
    } else if (it.kind === "caption") {
      const credit = it.credit ?? (items[i + 1]?.kind === "credit" ? tidy(items[++i].text).replace(/^[（(]|[）)]$/gu, "") : "");
      body.push({ type: "photo", caption: it.text, credit });
      captions.push({ caption: it.text, credit });
    } else if (it.kind === "credit") {
      // A credit on its own closes the last photo that lacks one, or credits the whole photo story.
      const credit = tidy(it.text).replace(/^[（(]|[）)]$/gu, "");
      const last = [...body].reverse().find((b): b is PhotoPlaceholder => b.type === "photo" && !b.credit);
      if (last) {
        last.credit = credit;
        captions[captions.findIndex((c) => c.caption === last.caption)].credit = credit;
      } else if (!byline) byline = credit;
    } else if (it.kind === "head" || it.kind === "dash") {
      if (isFragment(it, briefLike, whole)) carry += it.text;
      // A long line without stops may head a story (up to 80 characters), never a section: that is text.
      else if (Array.from(it.text).length > SUBHEAD_LINE_MAX) body.push({ type: "paragraph", text: cleanParagraph(it.text) });
      else body.push({ type: "subhead", text: tidy(it.text) });
    } else if (it.kind === "byline") {
      if (!byline) byline = tidy(it.text);
    }
  }
  if (carry) body.push({ type: "paragraph", text: carry });

  // A 组图 credited once under its headline: that credit is every picture's.
  if (/摄$/u.test(byline)) {
    for (const b of body) if (b.type === "photo" && !b.credit) b.credit = byline;
    for (const c of captions) if (!c.credit) c.credit = byline;
  }
  // A brief names its people in the dateline only; the byline is composed from it, as the desk does.
  if (!byline && dateline) byline = bylineOfDateline(dateline);
  // Photo news is credited by its one picture; a 组图 credits each picture and leaves the byline to the desk.
  if (!byline) byline = creditOfOnePicture(body);
  const story: ImportedStory = {
    kind: "NEWS_BRIEF",
    kicker: fields.kicker,
    headline: fields.headline,
    subheadline: fields.subheadline,
    byline,
    contributors: parseByline(byline),
    dateline,
    body,
    captions,
    nameRuns,
  };
  story.kind = guessKind(story, fields.commentary);
  return story;
}

/** Copy with one picture and no byline of its own is credited by that picture (photo news). */
export function creditOfOnePicture(body: readonly ImportedBlock[]): string {
  const photos = body.filter((b): b is PhotoPlaceholder => b.type === "photo");
  return photos.length === 1 ? photos[0].credit : "";
}

// Agency copy (新华社长春11月22日电（记者 X）) is the agency's reporter's, never 本报's.
const AGENCY = /^(新华社|中新社)/u;
function bylineOfDateline(dateline: string): string {
  const credits = parseByline(dateline.replace(/[：:]$/u, ""));
  const agency = AGENCY.exec(dateline)?.[1];
  if (!agency) return composeByline(credits);
  return credits.length ? `${agency}记者 ${credits.map((c) => c.name).join(" ")}` : agency;
}

/**
 * How a story's kind is guessed, first match wins: a commentary column label (短评, 时评 …) or a
 * 评论员 byline → COMMENTARY; photos and no text paragraph → PHOTO_NEWS for one, PHOTO_STORY (组图) for
 * more; two or more photos under a headline, numbered (①, 图①) or as many as the paragraphs → PHOTO_STORY
 * (a feature with a picture or two stays a feature); a dateline → NEWS_BRIEF;
 * a byline line or subheads → FEATURE (a 通讯 carries its byline above the text); else NEWS_BRIEF.
 */
export function guessKind(story: Pick<ImportedStory, "byline" | "dateline" | "body" | "headline">, commentaryLabel = false): StoryKind {
  const photos = story.body.filter((b) => b.type === "photo").length;
  const paragraphs = story.body.filter((b) => b.type === "paragraph").length;
  if (commentaryLabel || COMMENTARY_BYLINE.test(story.byline)) return "COMMENTARY";
  if (photos > 0 && paragraphs === 0) return photos === 1 ? "PHOTO_NEWS" : "PHOTO_STORY";
  const numbered = story.body.filter((b) => b.type === "photo" && NUMBERED_CAPTION.test(b.caption)).length;
  if (photos >= 2 && story.headline && (numbered >= 2 || photos >= paragraphs)) return "PHOTO_STORY";
  if (story.dateline) return "NEWS_BRIEF";
  if (story.byline || story.body.some((b) => b.type === "subhead")) return "FEATURE";
  return "NEWS_BRIEF";
}

/** Reads one story's copy (as filed, or pasted from a PDF) into the story's fields and body. */
export function parseStory(text: string): ImportedStory {
  return assembleStory(readItems(sourceLines(text)));
}

/**
 * Reads one story from whole paragraphs (a Word file): each is a paragraph of its own, never joined
 * to the next; styles mark the headline and heading lines; pictures become photo placeholders with
 * the caption and credit below them.
 */
export function parseParagraphs(paragraphs: readonly WholeParagraph[]): ImportedStory {
  const lines: SourceLine[] = [];
  let at = 0;
  for (const p of paragraphs) {
    if ("picture" in p) lines.push({ text: "", start: at, end: at, picture: p.picture });
    else {
      const text = tidy(p.text);
      if (!text) continue;
      lines.push({ text, start: at, end: at + text.length, role: p.role });
      at += text.length + 1;
    }
  }
  return assembleStory(readItems(lines, true), true);
}

/** Reads a printed page into its stories, each with the source range it was read from; furniture is dropped. */
export function splitPage(text: string): PageStory[] {
  const items = readItems(sourceLines(text));
  const starts = storyStarts(items);
  return starts.map((start, n) => {
    const group = items.slice(start, starts[n + 1] ?? items.length);
    return { ...assembleStory(group), range: [group[0].start, group[group.length - 1].end] as [number, number] };
  });
}
