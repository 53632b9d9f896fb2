import type { PhotoBlock, StoryBody } from "@/lib/stories/body";
import { visibleLength } from "@/lib/stories/body";
import { introOf, photosOf } from "@/lib/stories/photo-story";
import type { StoryHead, StoryKind } from "@/lib/stories/schema";
import type { PageStatus } from "@/lib/generated/prisma/enums";
import { blockWeight, SIZE_RULES, type ReservedArea, type SizeClass } from "@/lib/issues/page-plan";
import { splitForJump } from "@/lib/issues/jump";

// The page layout: a pure function from a page plan and its items to what the page shows and how
// full it is. The reader's page, the desk's proof (大样) and the board's miniatures are all drawn
// from its answer, so what the chief editor signs is what readers get.

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
  format: { code: string; name: string; columns: number; capacity: number };
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
};

/**
 * How a 组图 sits in its block: `grid`, its cover across the block and the rest in rows below it,
 * captions numbered after the introduction (图①…); `cover`, its first photo with the count, the set on its own page.
 */
export type PhotoSet = { display: "grid" | "cover"; photos: PhotoBlock[]; count: number };
export type SlotBlock = Extract<LayoutItem, { kind: "slot" }> & { type: "slot"; span: number };
export type ReservedBlock = ReservedArea & { type: "reserved" };
export type PageBlock = StoryBlock | SlotBlock | ReservedBlock;

export const PAGE_FLAGS = { EMPTY: "空版", OVER: "超版", NO_LEAD: "缺头条", OPEN_SLOTS: "计划稿未到", UNSIGNED: "未签" } as const;
export type PageFlag = keyof typeof PAGE_FLAGS;

export type PageLayout = {
  page: PagePlan;
  blocks: PageBlock[];
  fill: { used: number; capacity: number };
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

/** What a part of a story takes of the page, in characters: its text, and its photos by size. */
function weight(body: StoryBody, size: SizeClass, capacity: number): number {
  return body.reduce((n, b) => n + blockWeight(b, size, capacity), 0);
}

/**
 * What a 组图 takes: its introduction, and the photos it prints. A row of n photos each 1/n as
 * wide takes 1/n of the cover's height; a cover alone prints no captions.
 */
function photoSetWeight(story: LayoutStory, set: PhotoSet, size: SizeClass, capacity: number): number {
  const intro = weight(introOf(story.body), size, capacity);
  const photo = SIZE_RULES[size].photoShare * capacity;
  if (set.display === "cover") return intro + photo;
  const rest = set.photos.length - 1;
  const columns = photoSetGridColumns(rest);
  return intro + photo * (1 + Math.ceil(rest / columns) / columns) + set.photos.reduce((n, p) => n + visibleLength(p.caption), 0);
}

export function layoutPage(page: PagePlan, items: LayoutItem[], arriving: ArrivingStory[] = []): PageLayout {
  const { capacity, columns } = page.format;
  // The lead runs first; the rest in the editor's order (items come sorted by position).
  const ordered = [...items.filter((i) => i.isLead), ...items.filter((i) => !i.isLead)];
  const blocks: PageBlock[] = [];
  let used = 0;
  for (const item of ordered) {
    const span = SIZE_RULES[item.size].span(columns);
    if (item.kind === "slot") {
      blocks.push({ ...item, type: "slot", span });
      used += item.targetLength ?? SIZE_RULES[item.size].textShare * capacity;
      continue;
    }
    // A story that fits its space runs whole, whatever the plan says.
    const split = item.continuesOn && canJump(item.story) ? splitForJump(item.story.body, item.size, capacity) : null;
    const jumps = split !== null && split.rest.length > 0;
    const body = jumps ? split.here : item.story.body;
    const gallery = photoSetOnPage(item.story, span);
    blocks.push({ type: "story", id: item.story.id, placementId: item.placementId, size: item.size, span, isLead: item.isLead, story: item.story, body, jumpTo: jumps ? item.continuesOn : null, plannedJump: item.continuesOn, continuedFrom: null, opensMidParagraph: false, gallery });
    used += gallery ? photoSetWeight(item.story, gallery, item.size, capacity) : weight(body, item.size, capacity);
  }
  for (const jump of arriving) {
    if (!canJump(jump.story)) continue;
    const { rest, midParagraph } = splitForJump(jump.story.body, jump.size, jump.originCapacity);
    if (rest.length === 0) continue;
    const size: SizeClass = "SINGLE";
    blocks.push({ type: "story", id: jump.story.id, placementId: jump.placementId, size, span: SIZE_RULES[size].span(columns), isLead: false, story: jump.story, body: rest, jumpTo: null, plannedJump: null, continuedFrom: jump.from, opensMidParagraph: midParagraph, gallery: null });
    used += weight(rest, size, capacity);
  }
  for (const area of page.reserved) {
    blocks.push({ ...area, type: "reserved" });
    used += (area.share / 100) * capacity;
  }
  used = Math.round(used);

  // Copy is stories, the page's own or continued from another; a planned slot is only space.
  const carries = blocks.some((b) => b.type === "story");
  const flags: PageFlag[] = [];
  if (!carries) flags.push("EMPTY");
  if (used > capacity) flags.push("OVER");
  if (items.length > 0 && !items.some((i) => i.isLead)) flags.push("NO_LEAD");
  if (items.some((i) => i.kind === "slot")) flags.push("OPEN_SLOTS");
  if (page.status !== "SIGNED") flags.push("UNSIGNED");

  const headlines = blocks.flatMap((b) =>
    b.type === "story" ? [{ id: b.id, kicker: b.story.kicker, headline: b.story.headline, kind: b.story.kind, jumpTo: b.jumpTo, continuedFrom: b.continuedFrom }] : [],
  );
  return { page, blocks, fill: { used, capacity }, flags, headlines };
}
