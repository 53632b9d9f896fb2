import "server-only";
import { unstable_cache } from "next/cache";
import { db } from "@/lib/platform/db";
import { isBuildPhase } from "@/lib/platform/env";
import { parseStoredBody, type StoryBody } from "@/lib/stories/body";
import { creditsSelect, photoSizesOf, photoSizesSelect, readerCredits, storyContentSelect, type ReaderCredit } from "@/lib/stories/content";
import { KIND_LABELS, type StoryKind, type TagKind } from "@/lib/validation/story";
import { issueDateFromString, issueDateToString } from "@/lib/core/dates";

// What readers see: published issues, pages and stories only. Results are cached by Next and
// dropped when anything is published (see lib/reader/cache.ts), so they are plain JSON values.
export const READER_CACHE_TAG = "reader";

/** Thrown inside a cached query so that an answer about nothing is given but never stored. */
class NotKept<R> extends Error {
  constructor(readonly answer: R) {
    super("not kept");
  }
}

/**
 * A reader query cached by Next under the reader tag (dropped on publication, correction,
 * withdrawal). Only answers that found something are kept: readers can type any address, and a
 * cache entry per made-up story id, tag name, month or year would grow without bound. Queries
 * return null for what does not exist (including pages past the last); `keep` says which other
 * answers are about nothing (an empty month, an empty list).
 */
export function cachedReader<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => Promise<R>,
  keep: (answer: R) => boolean = (a) => a !== null,
  options: { revalidateSeconds?: number; /** the answer while `next build` prerenders: it needs no database, and keeps nothing it makes */ whileBuilding?: R } = {},
) {
  const cached = unstable_cache(
    async (...args: A) => {
      const found = await fn(...args);
      if (!keep(found)) throw new NotKept(found);
      return found;
    },
    [`reader:${name}`],
    { tags: [READER_CACHE_TAG], revalidate: options.revalidateSeconds ?? 3600 },
  );
  const read = async (...args: A): Promise<R> => {
    if (isBuildPhase() && "whileBuilding" in options) return options.whileBuilding as R;
    try {
      return await cached(...args);
    } catch (e) {
      if (e instanceof NotKept) return e.answer as R;
      throw e;
    }
  };
  // The query itself, past the cache: Next's cache lives only in a running server, and the tests
  // of what readers may see (tests/integration/reader-release.test.ts) ask the database directly.
  return Object.assign(read, { uncached: fn });
}

export type PageLink = { number: number; name: string; storyCount: number };
export type IssueView = { date: string; number: number; pages: PageLink[]; previousDate: string | null; nextDate: string | null };
export type PhotoSize = { width: number; height: number };
export type ReaderStory = {
  id: string;
  kind: StoryKind;
  kicker: string;
  headline: string;
  subheadline: string;
  byline: string;
  dateline: string;
  body: StoryBody;
  charCount: number;
  isLead: boolean;
  publishedAt: string | null;
  tags: { name: string; kind: TagKind }[];
  photoSizes: Record<string, PhotoSize>;
  /** Who wrote and photographed it: people, each with their reader page. */
  credits: ReaderCredit[];
};
export type StoryView = ReaderStory & {
  issueDate: string;
  issueNumber: number;
  page: { number: number; name: string };
  corrections: { body: string; createdAt: string }[];
  previous: { id: string; headline: string } | null;
  next: { id: string; headline: string } | null;
};

const published = { status: "PUBLISHED" } as const;

async function loadIssue(date: Date | null): Promise<IssueView | null> {
  const issue = await db().issue.findFirst({
    where: date ? { date, ...published } : published,
    orderBy: { date: "desc" },
    select: {
      date: true,
      number: true,
      pages: { orderBy: { number: "asc" }, select: { number: true, name: true, _count: { select: { placements: true } } } },
    },
  });
  if (!issue) return null;
  const [previous, next] = await Promise.all([
    db().issue.findFirst({ where: { ...published, date: { lt: issue.date } }, orderBy: { date: "desc" }, select: { date: true } }),
    db().issue.findFirst({ where: { ...published, date: { gt: issue.date } }, orderBy: { date: "asc" }, select: { date: true } }),
  ]);
  return {
    date: issueDateToString(issue.date),
    number: issue.number,
    pages: issue.pages.map((p) => ({ number: p.number, name: p.name, storyCount: p._count.placements })),
    previousDate: previous ? issueDateToString(previous.date) : null,
    nextDate: next ? issueDateToString(next.date) : null,
  };
}

export const latestIssue = cachedReader("latest-issue", () => loadIssue(null), undefined, { whileBuilding: null });
export const issueByDate = cachedReader("issue", (date: string) => loadIssue(issueDateFromString(date)));

const storySelect = {
  id: true,
  ...storyContentSelect,
  charCount: true,
  publishedAt: true,
  photos: photoSizesSelect,
  contributors: creditsSelect,
} as const;

type StoryRow = {
  id: string;
  kind: StoryKind;
  kicker: string;
  headline: string;
  subheadline: string;
  byline: string;
  dateline: string;
  body: unknown;
  charCount: number;
  publishedAt: Date | null;
  tags: { name: string; kind: TagKind }[];
  photos: { photo: { id: string; width: number; height: number } }[];
  contributors: Parameters<typeof readerCredits>[0];
  bylineEdited: boolean;
};

function toReaderStory(row: StoryRow, isLead: boolean): ReaderStory {
  const { photos, contributors, bylineEdited: _edited, ...rest } = row;
  return {
    ...rest,
    body: parseStoredBody(row.body),
    isLead,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    photoSizes: photoSizesOf(photos),
    credits: readerCredits(contributors),
  };
}

/** Whether a story was withdrawn: asked only about addresses that show no published story. */
export async function isWithdrawn(id: string): Promise<boolean> {
  return (await db().story.count({ where: { id, status: "WITHDRAWN" } })) > 0;
}

export const storyView = cachedReader("story", async (id: string): Promise<StoryView | null> => {
  const row = await db().story.findFirst({
    where: { id, ...published },
    select: {
      ...storySelect,
      corrections: { select: { body: true, createdAt: true }, orderBy: { createdAt: "asc" } },
      placement: {
        select: {
          isLead: true,
          page: {
            select: {
              number: true,
              name: true,
              issue: { select: { date: true, number: true, status: true } },
              // The page's running order, for previous/next story.
              placements: {
                where: { story: published },
                orderBy: [{ isLead: "desc" }, { position: "asc" }],
                select: { story: { select: { id: true, headline: true, kind: true } } },
              },
            },
          },
        },
      },
    },
  });
  if (!row?.placement || row.placement.page.issue.status !== "PUBLISHED") return null;
  const { placement, corrections, ...story } = row;
  const order = placement.page.placements.flatMap((p) => (p.story ? [{ id: p.story.id, headline: p.story.headline || KIND_LABELS[p.story.kind] }] : []));
  const at = order.findIndex((s) => s.id === id);
  return {
    ...toReaderStory(story, placement.isLead),
    issueDate: issueDateToString(placement.page.issue.date),
    issueNumber: placement.page.issue.number,
    page: { number: placement.page.number, name: placement.page.name },
    corrections: corrections.map((c) => ({ body: c.body, createdAt: c.createdAt.toISOString() })),
    previous: order[at - 1] ?? null,
    next: order[at + 1] ?? null,
  };
});
