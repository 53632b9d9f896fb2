import type { Prisma } from "@/lib/generated/prisma/client";
import type { StoryStatus } from "@/lib/stories/workflow";

// 刊用 / 见报, defined once: each rule is a Prisma `where` for lists and a yes/no for one record,
// and every query that asks "has this run" or "may readers read this" takes it from here.
//
// - Ran in print: what the paper printed, the record (the photo library's 已刊用, a person's count
//   of published work, who and what is no longer private to a correspondent's drafts).
// - Reader-visible: what readers may read now (the e-paper, its lists, feeds, search, public files).
//
// Both are read from the story's own state: a release moves its stories and its issue together in
// one transaction, and a story reaches PUBLISHED no other way (an imported back issue is released).

/** Ran in print: released with its issue. */
export const ranInPrint = { status: "PUBLISHED" } as const satisfies Prisma.StoryWhereInput;

export function hasRunInPrint(story: { status: StoryStatus; publishedAt: Date | null }): boolean {
  return story.status === "PUBLISHED";
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

/** Photos that ran: some story that ran in print carries them (kept as Photo.hasRun, lib/photos/links.ts). */
export const photoRanInPrint = { stories: { some: { story: ranInPrint } } } as const satisfies Prisma.PhotoWhereInput;
