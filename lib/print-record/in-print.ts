import type { Prisma } from "@/lib/generated/prisma/client";
import type { StoryStatus } from "@/lib/generated/prisma/enums";

// 刊用 / 见报, defined once: each rule is a Prisma `where` for lists and a yes/no for one record,
// and every query that asks "has this run" or "may readers read this" takes it from here.
//
// - Ran in print: what the paper printed, the record. A withdrawn story (撤稿) ran: withdrawal
//   takes it off the e-paper, not out of the printed paper. Read by the photo library's 已刊用
//   (Photo.hasRun) and its uses, by photo access and the name and tag pickers (what went out in
//   print is no longer a correspondent's private draft), and by the author page's counts of a
//   person's published work.
// - Reader-visible: what readers may read now: published and not withdrawn. Read by the e-paper's
//   pages and stories, the archive's lists (tag and author pages, the tag index, feeds, sitemaps),
//   search, and a photo file served to anyone. A withdrawn story's text, headline and photos stay
//   off them; its address answers with the withdrawal notice (410, withdrawnAfterPrint).
//
// Both are read from the story's own state: a release moves its stories and its issue together in
// one transaction, and a story reaches PUBLISHED no other way (an imported back issue is released).
// A withdrawn story is told from one never released by publishedAt, written by the release and
// never cleared: the workflow withdraws only published copy, and should a story ever be pulled
// before release (WITHDRAWN without publishedAt), it did not run. PrintRecord (lib/print-record)
// keeps how each story ran, frozen, for 采用 and 稿酬; these filters ask about the story as it is.

/** Withdrawn after it ran: its reader address answers with the withdrawal notice. */
export const withdrawnAfterPrint = { status: "WITHDRAWN", publishedAt: { not: null } } as const satisfies Prisma.StoryWhereInput;

/** Ran in print: released with its issue, and still printed if withdrawn since. */
export const ranInPrint: Prisma.StoryWhereInput = { OR: [{ status: "PUBLISHED" }, withdrawnAfterPrint] };

export function hasRunInPrint(story: { status: StoryStatus; publishedAt: Date | null }): boolean {
  return story.status === "PUBLISHED" || (story.status === "WITHDRAWN" && story.publishedAt !== null);
}

/** What a story needs selected for hasRunInPrint. */
export const inPrintSelect = { status: true, publishedAt: true } as const satisfies Prisma.StorySelect;

/** Readers may read it now, on the e-paper and everywhere it lists stories. */
export const readerVisible = { status: "PUBLISHED" } as const satisfies Prisma.StoryWhereInput;

export function isReaderVisible(story: { status: StoryStatus }): boolean {
  return story.status === "PUBLISHED";
}

/** readerVisible for raw SQL, `story` being the Story table's alias in the query. */
export const readerVisibleSql = (story: string) => `${story}.status = 'PUBLISHED'`;

/**
 * On a page of an issue that is out. The reader's archive asks it besides the story's state, so a
 * state written by hand (a fault, a test's shortcut) shows nothing of an issue not yet released.
 */
export const inReleasedIssue = { placement: { page: { issue: { status: "PUBLISHED" } } } } as const satisfies Prisma.StoryWhereInput;

/**
 * Photos that ran (已刊用): some story that ran in print carries them, a withdrawn one too. Kept as
 * Photo.hasRun (lib/photos/links.ts refreshPhotosRun); Photo.hasRun is its yes/no.
 */
export const photoRanInPrint: Prisma.PhotoWhereInput = { stories: { some: { story: ranInPrint } } };

// Where a story prints: on the page it is placed on and, when it jumps (转版), on the page it
// continues on. The two queries below are the one statement of it, read from either side: a
// signed page goes back to 待签 when anything it prints changes, a proof shows its own and arriving copy.

/** The placed stories a page prints: its own, and the rest of those continued from another page (上接). */
export function storiesPrintedOn(page: Prisma.PageWhereInput): Prisma.PlacementWhereInput {
  return { storyId: { not: null }, OR: [{ page }, { continuesOn: page }] };
}

/** The pages that print the placed stories `which` picks: the pages they are on, and the pages they continue on. */
export function pagesPrinting(which: Prisma.PlacementWhereInput): Prisma.PageWhereInput {
  const placed = { AND: [which, { storyId: { not: null } }] };
  return { OR: [{ placements: { some: placed } }, { arriving: { some: placed } }] };
}
