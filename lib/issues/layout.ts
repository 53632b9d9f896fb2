import type { PhotoBlock, StoryBody } from "@/lib/stories/body";
import { visibleLength } from "@/lib/stories/body";
import { introOf, photosOf } from "@/lib/stories/photo-story";
import type { StoryHead, StoryKind } from "@/lib/stories/schema";
import type { PageStatus } from "@/lib/generated/prisma/enums";
import { SIZE_RULES, type ReservedArea, type SizeClass } from "@/lib/issues/page-plan";
import { splitForJump } from "@/lib/issues/jump";
import {
  charsAcross, PHOTO_SET_GAP_MM, geometryOf, headlineLines, linesFor, linesOfHeight, mastheadLines, pageGrid, photoLines, spanWidthMm,
  type PageFormatSpec, type PageGrid,
} from "@/lib/issues/page-geometry";

// The page layout: a pure function from a page plan and its items to what the page shows and how
// full it is. The reader's page, the desk's proof (大样) and the board's miniatures are all drawn
// from its answer, so what the chief editor signs is what readers get. It counts on the format's
// grid (lib/issues/page-geometry.ts): every block is a whole number of body lines tall and whole
// columns wide, placed where the drawing puts it, so the meter counts what the page draws.

export type PhotoSize = { width: number; height: number };

export type LayoutStory = StoryHead & {
  id: string;
  kind: StoryKind;
  body: StoryBody;
  photoSizes: Record<string, PhotoSize>;
  /** For the desk: where the story is in the workflow and who filed it. */
  status?: string;
  authorName?: string;
  credited?: string;
};

export type PageRef = { number: number; name: string };

export type LayoutItem =
  | { kind: "story"; placementId: string; isLead: boolean; size: SizeClass; continuesOn: PageRef | null; story: LayoutStory }
  | {
      kind: "slot";
      placementId: string;
      isLead: boolean;
      size: SizeClass;
      topic: string;
      assignee: { id: string; name: string } | null;
      targetLength: number | null;
      deadline: string | null;
      /** The story filed against the slot, while it is on its way through the desk. */
      filed: { id: string; headline: string; status: string } | null;
    };

/** A story from another page that continues here (上接), with what it needs to be split the same way. */
export type ArrivingStory = { placementId: string; from: PageRef; size: SizeClass; originCapacity: number; story: LayoutStory };

export type PagePlan = {
  number: number;
  name: string;
  format: PageFormatSpec;
  credits: { editor: string; designer: string; proofreader: string };
  reserved: ReservedArea[];
  status: PageStatus;
  version: number;
};

export type StoryBlock = {
  type: "story";
  id: string;
  placementId: string;
  size: SizeClass;
  span: number;
  isLead: boolean;
  story: LayoutStory;
  /** The part of the body printed on this page. */
  body: StoryBody;
  /** 下转第N版: the rest runs on that page. */
  jumpTo: PageRef | null;
  /** The page the editor set it to continue on: no jump when the story fits (the desk says so). */
  plannedJump: PageRef | null;
  /** 上接第N版: this is the rest of a story that starts there. */
  continuedFrom: PageRef | null;
  /** The rest opens inside a paragraph begun on the other page: its first line is not indented. */
  opensMidParagraph: boolean;
  /** A 组图's photos as the page shows them; null for every other story. */
  gallery: PhotoSet | null;
  /**
   * Its parts in body lines: the jump lines, the headline group, the byline, the photo across the
   * block (with `photoBox` lines of picture), a 组图's cover and its `rows` rows of `row` lines,
   * the text's lines per column, and the link under it.
   */
  parts: { jumpFrom: number; head: number; byline: number; photo: number; photoBox: number; cover: number; row: number; rows: number; text: number; more: number; jumpTo: number };
  at: GridPlace;
};

/**
 * Where a block sits on the page's grid: its first column and first line (from 1), how many lines
 * tall it is, and how many of those run past the room the page has (超版).
 */
export type GridPlace = { column: number; row: number; lines: number; overflow: number };

/**
 * How a 组图 sits in its block: `grid`, its cover across the block and the rest in rows below it,
 * captions numbered after the introduction (图①…); `cover`, its first photo with the count, the set on its own page.
 */
export type PhotoSet = { display: "grid" | "cover"; photos: PhotoBlock[]; count: number };
export type SlotBlock = Extract<LayoutItem, { kind: "slot" }> & { type: "slot"; span: number; at: GridPlace };
/** Reserved space runs across the page at its foot, as ads are sold: its share of the page's lines. */
export type ReservedBlock = ReservedArea & { type: "reserved"; at: GridPlace };
export type PageBlock = StoryBlock | SlotBlock | ReservedBlock;

export const PAGE_FLAGS = { EMPTY: "空版", OVER: "超版", NO_LEAD: "缺头条", OPEN_SLOTS: "计划稿未到", UNSIGNED: "未签" } as const;
export type PageFlag = keyof typeof PAGE_FLAGS;

export type PageLayout = {
  page: PagePlan;
  /** The format's grid the page is counted and drawn on. */
  grid: PageGrid;
  /** Lines page 1's 报头 takes across the top; 0 on every other page. */
  masthead: number;
  blocks: PageBlock[];
  /**
   * In characters of the grid: `used` is every column filled down to its lowest block (a hole
   * above a block is spent too), the masthead and reserved space included; `capacity` is the
   * format's characters per line × lines × columns.
   */
  fill: { used: number; capacity: number };
  /** Lines past the bottom of the type area in the fullest column: what does not fit (超版). */
  overflow: number;
  flags: PageFlag[];
  /** 标题导航: every story the page carries, continuations included, in reading order. */
  headlines: { id: string; kicker: string; headline: string; kind: StoryKind; jumpTo: PageRef | null; continuedFrom: PageRef | null }[];
};

/** Below four columns a row of three photos would leave each narrower than a column of text. */
export const PHOTO_SET_GRID_MIN_SPAN = 4;
/** A grid prints at most the cover and two rows of three; the story page carries the whole set. */
export const PHOTO_SET_GRID_MAX = 7;

export function photoSetOnPage(story: LayoutStory, span: number): PhotoSet | null {
  if (story.kind !== "PHOTO_STORY") return null;
  const photos = photosOf(story.body);
  if (photos.length === 0) return null;
  if (span < PHOTO_SET_GRID_MIN_SPAN || photos.length === 1) return { display: "cover", photos: photos.slice(0, 1), count: photos.length };
  return { display: "grid", photos: photos.slice(0, PHOTO_SET_GRID_MAX), count: photos.length };
}

/** The photos after the cover sit two to a row when they pair off evenly, else three. */
export function photoSetGridColumns(rest: number): 2 | 3 {
  return rest % 3 !== 0 && rest % 2 === 0 ? 2 : 3;
}

/** A 组图 runs whole: its photos are one set, never split across pages. */
const canJump = (story: LayoutStory) => story.kind !== "PHOTO_STORY";


/** A text line of the page's body: a paragraph indents its first line two characters, unless it goes on from another page. */
function bodyLines(grid: PageGrid, body: StoryBody, photoSizes: Record<string, PhotoSize>, dateline: string, opensMidParagraph: boolean): number {
  const firstParagraph = body.findIndex((b) => b.type === "paragraph");
  return body.reduce((n, block, i) => {
    if (block.type === "subhead") return n + linesFor(visibleLength(block.text), grid.charsPerLine);
    if (block.type === "photo") return n + photoLines(grid, 1, photoSizes[block.photoId]) + captionLines(block, grid.charsPerLine);
    // The dateline opens the first paragraph, with a space after it at most.
    const opening = i === firstParagraph && dateline ? visibleLength(dateline) + 1 : 0;
    const indent = opensMidParagraph && i === firstParagraph ? 0 : 2;
    return n + linesFor(visibleLength(block.text) + opening, grid.charsPerLine, indent);
  }, 0);
}

/** A photo's caption and credit, set under it on lines of `perLine` characters. */
export function captionLines(photo: PhotoBlock, perLine: number): number {
  const length = visibleLength(photo.caption) + (photo.credit ? visibleLength(photo.credit) + 1 : 0);
  return linesFor(length, perLine);
}

/** The height of each row of a 组图's small photos: cut to 4:3, side by side across the block. */
export function photoSetRowLines(grid: PageGrid, span: number, perRow: number): number {
  const width = (spanWidthMm(grid, span) - (perRow - 1) * PHOTO_SET_GAP_MM) / perRow;
  return Math.max(1, linesOfHeight(grid, (width * 3) / 4));
}

/** A 组图's caption line: 图① caption credit. */
const setCaptionLength = (photo: PhotoBlock) => 3 + visibleLength(photo.caption) + (photo.credit ? visibleLength(photo.credit) + 1 : 0);

/** Where a story's block puts its lines: each part on the grid, so the drawing and the count agree. */
function storyParts(grid: PageGrid, block: Omit<StoryBlock, "parts" | "at">): StoryBlock["parts"] {
  const { story, span, gallery, body } = block;
  const width = spanWidthMm(grid, span);
  const acrossBlock = charsAcross(width, grid.bodySize);
  const lifted = liftedPhoto(block);
  const photo = lifted ? photoLines(grid, span, story.photoSizes[lifted.photoId]) + captionLines(lifted, acrossBlock) : 0;
  const photoBox = lifted ? photoLines(grid, span, story.photoSizes[lifted.photoId]) : 0;
  let cover = 0;
  let row = 0;
  let rows = 0;
  let captions = 0;
  if (gallery) {
    cover = photoLines(grid, span, story.photoSizes[gallery.photos[0].photoId]);
    if (gallery.display === "grid") {
      const rest = gallery.photos.length - 1;
      const perRow = photoSetGridColumns(rest);
      row = photoSetRowLines(grid, span, perRow);
      rows = Math.ceil(rest / perRow);
      captions = gallery.photos.reduce((n, p) => n + linesFor(setCaptionLength(p), grid.charsPerLine), 0);
    }
  }
  const text = gallery ? introOf(body) : lifted ? body.filter((b) => b !== lifted) : body;
  const textLines = bodyLines(grid, text, story.photoSizes, block.continuedFrom ? "" : story.dateline, block.opensMidParagraph) + captions;
  const parts = {
    jumpFrom: block.continuedFrom ? 1 : 0,
    head: story.headline ? headlineLines(grid, block.size, width, story) : 0,
    byline: story.byline && story.kind !== "NEWS_BRIEF" && !block.continuedFrom ? linesFor(visibleLength(story.byline), acrossBlock) : 0,
    photo,
    photoBox,
    cover,
    row,
    rows,
    // Text flows down the block's columns: the block is as tall as its longest column. Columns
    // balance at line breaks the count cannot see (a paragraph's last short line, a subhead kept
    // with its text), so a text set in two or more columns gets one line of slack.
    text: Math.ceil(textLines / span) + (span > 1 && textLines > span ? 1 : 0),
    // 查看组图 / 查看图片新闻 under the block.
    more: gallery || !story.headline ? 1 : 0,
    jumpTo: block.jumpTo ? 1 : 0,
  };
  return parts;
}

/** A block two or more columns wide opens with its first photo across the block, as a lead does in print. */
export function liftedPhoto(block: Pick<StoryBlock, "gallery" | "span" | "body">): PhotoBlock | null {
  if (block.gallery || block.span < 2) return null;
  return block.body.find((b): b is PhotoBlock => b.type === "photo") ?? null;
}

/** The blank line between one story and the next block below it. */
export const STORY_GAP_LINES = 1;

const partsTotal = (p: StoryBlock["parts"]) => p.jumpFrom + p.head + p.byline + p.photo + p.cover + p.row * p.rows + p.text + p.more + p.jumpTo;

/** A planned slot holds its target length (or its size's usual share) under a headline of its size. */
function slotLines(grid: PageGrid, item: Extract<LayoutItem, { kind: "slot" }>, span: number): number {
  const length = item.targetLength ?? SIZE_RULES[item.size].textShare * grid.capacity;
  return headlineLines(grid, item.size, spanWidthMm(grid, span), { kicker: "", headline: item.topic, subheadline: "" }) + Math.ceil(linesFor(length, grid.charsPerLine) / span);
}

export function layoutPage(page: PagePlan, items: LayoutItem[], arriving: ArrivingStory[] = []): PageLayout {
  const grid = pageGrid(geometryOf(page.format));
  const { columns, linesPerColumn, charsPerLine } = grid;
  // Where a jumping story breaks is counted on the stored capacity, which the other page reads too, so the halves meet.
  const { capacity: splitCapacity } = page.format;
  const masthead = page.number === 1 ? mastheadLines(grid) : 0;
  const reservedLines = page.reserved.map((area) => Math.max(1, Math.round((area.share / 100) * linesPerColumn)));
  // Ads and fillers sit at the page's foot; the copy fills what is above them.
  const room = Math.max(masthead, linesPerColumn - reservedLines.reduce((a, b) => a + b, 0));
  const tops = Array.from({ length: columns }, () => masthead);
  // The blank line under the lowest story of a column is air, not copy: it neither fills nor overflows the page.
  const airAtFoot = Array.from({ length: columns }, () => 0);
  /** The block goes where its columns are least filled, the leftmost of equals: the page fills from the top left. */
  const place = (span: number, lines: number, air = 0): GridPlace => {
    const width = Math.min(span, columns);
    let best = 0;
    let bestTop = Infinity;
    for (let c = 0; c + width <= columns; c++) {
      const top = Math.max(...tops.slice(c, c + width));
      if (top < bestTop) [best, bestTop] = [c, top];
    }
    for (let c = best; c < best + width; c++) [tops[c], airAtFoot[c]] = [bestTop + lines, air];
    return { column: best + 1, row: bestTop + 1, lines, overflow: Math.min(lines, Math.max(0, bestTop + lines - air - room)) };
  };

  // The lead runs first; the rest in the editor's order (items come sorted by position).
  const ordered = [...items.filter((i) => i.isLead), ...items.filter((i) => !i.isLead)];
  const blocks: PageBlock[] = [];
  const addStory = (block: Omit<StoryBlock, "parts" | "at">) => {
    const parts = storyParts(grid, block);
    // One line of air under every story, as pages are set: the next block never touches its last line.
    blocks.push({ ...block, parts, at: place(block.span, partsTotal(parts) + STORY_GAP_LINES, STORY_GAP_LINES) });
  };
  for (const item of ordered) {
    const span = Math.min(SIZE_RULES[item.size].span(columns), columns);
    if (item.kind === "slot") {
      blocks.push({ ...item, type: "slot", span, at: place(span, slotLines(grid, item, span)) });
      continue;
    }
    // A story that fits its space runs whole, whatever the plan says.
    const split = item.continuesOn && canJump(item.story) ? splitForJump(item.story.body, item.size, splitCapacity) : null;
    const jumps = split !== null && split.rest.length > 0;
    const body = jumps ? split.here : item.story.body;
    const gallery = photoSetOnPage(item.story, span);
    addStory({ type: "story", id: item.story.id, placementId: item.placementId, size: item.size, span, isLead: item.isLead, story: item.story, body, jumpTo: jumps ? item.continuesOn : null, plannedJump: item.continuesOn, continuedFrom: null, opensMidParagraph: false, gallery });
  }
  for (const jump of arriving) {
    if (!canJump(jump.story)) continue;
    const { rest, midParagraph } = splitForJump(jump.story.body, jump.size, jump.originCapacity);
    if (rest.length === 0) continue;
    const size: SizeClass = "SINGLE";
    addStory({ type: "story", id: jump.story.id, placementId: jump.placementId, size, span: SIZE_RULES[size].span(columns), isLead: false, story: jump.story, body: rest, jumpTo: null, plannedJump: null, continuedFrom: jump.from, opensMidParagraph: midParagraph, gallery: null });
  }
  let below = room;
  for (const [i, area] of page.reserved.entries()) {
    const lines = reservedLines[i];
    blocks.push({ ...area, type: "reserved", at: { column: 1, row: below + 1, lines, overflow: Math.max(0, below + lines - linesPerColumn) } });
    below += lines;
  }
  const reservedTotal = below - room;
  const copyLines = tops.map((t, c) => t - airAtFoot[c]);
  const used = (copyLines.reduce((a, b) => a + b, 0) + reservedTotal * columns) * charsPerLine;
  const overflow = Math.max(0, ...copyLines.map((t) => t - room), below - linesPerColumn);

  // Copy is stories, the page's own or continued from another; a planned slot is only space.
  const carries = blocks.some((b) => b.type === "story");
  const flags: PageFlag[] = [];
  if (!carries) flags.push("EMPTY");
  if (overflow > 0 || used > grid.capacity) flags.push("OVER");
  if (items.length > 0 && !items.some((i) => i.isLead)) flags.push("NO_LEAD");
  if (items.some((i) => i.kind === "slot")) flags.push("OPEN_SLOTS");
  if (page.status !== "SIGNED") flags.push("UNSIGNED");

  const headlines = blocks.flatMap((b) =>
    b.type === "story" ? [{ id: b.id, kicker: b.story.kicker, headline: b.story.headline, kind: b.story.kind, jumpTo: b.jumpTo, continuedFrom: b.continuedFrom }] : [],
  );
  return { page, grid, masthead, blocks, fill: { used, capacity: grid.capacity }, overflow, flags, headlines };
}
