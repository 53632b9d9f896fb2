import "server-only";
import { unstable_cache } from "next/cache";
import { db } from "@/lib/platform/db";
import { isBuildPhase } from "@/lib/platform/env";
import { parseStoredBody, type StoryBody } from "@/lib/stories/body";
import { creditsSelect, photoSizesOf, photoSizesSelect, readerCredits, storyContentSelect, type ReaderCredit } from "@/lib/stories/content";
import { KIND_LABELS, type StoryHead, type StoryKind, type TagKind } from "@/lib/stories/schema";
import { issueDateFromString, issueDateToString } from "@/lib/core/dates";
import { EVERY_READER_PAGE, readerKey } from "@/lib/reader/keys";
import { readerVisible, withdrawnAfterPrint } from "@/lib/print-record/in-print";

// What readers see: published issues, pages and stories only. Results are cached by Next under the
// keys of what they show (lib/reader/keys.ts) and dropped when that changes (lib/reader/purge.ts), so
// they are plain JSON values.

/** Thrown inside a cached query so that an answer about nothing is given but never stored. */
class NotKept<R> extends Error {
  constructor(readonly answer: R) {
    super("not kept");
  }
}

type ReaderQueryOptions<A extends unknown[], R> = {
  /** Keys known from the arguments: what the answer is about (a story by its id, an issue by its date). */
  about?: (...args: A) => string[];
  /** Keys known only from the answer: other things it shows (the stories a list names, a story's issue). */
  shows?: (answer: R) => string[];
  revalidateSeconds?: number;
  /** the answer while `next build` prerenders: it needs no database, and keeps nothing it makes */
  whileBuilding?: R;
};

/**
 * A reader query cached by Next, tagged with the keys of what it is about and what it shows: the page
 * rendered from it collects those tags, and both caches drop it when one of them is purged. Only
 * answers that found something are kept: readers can type any address, and a cache entry per
 * made-up story id, tag name, month or year would grow without bound. Queries return null for what
 * does not exist (including pages past the last); `keep` says which other answers are about nothing.
 */
export function cachedReader<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => Promise<R>,
  keep: (answer: R) => boolean = (a) => a !== null,
  options: ReaderQueryOptions<A, R> = {},
) {
  const query = async (...args: A) => {
    const found = await fn(...args);
    if (!keep(found)) throw new NotKept(found);
    return found;
  };
  const revalidate = options.revalidateSeconds ?? 3600;
  const read = async (...args: A): Promise<R> => {
    if (isBuildPhase() && "whileBuilding" in options) return options.whileBuilding as R;
    let answer: R;
    try {
      answer = await unstable_cache(query, [`reader:${name}`], { tags: [EVERY_READER_PAGE, ...(options.about?.(...args) ?? [])], revalidate })(...args);
    } catch (e) {
      if (!(e instanceof NotKept)) throw e;
      answer = e.answer as R;
    }
    if (options.shows) await showsToo(options.shows(answer), revalidate);
    return answer;
  };
  // The query itself, past the cache: Next's cache lives only in a running server, and the tests
  // of what readers may see (tests/integration/reader-release.test.ts) ask the database directly.
  return Object.assign(read, { uncached: fn });
}

/**
 * Adds keys to the page being rendered that its queries' arguments could not name (what an answer
 * turned out to show). Next collects the tags of every cached call a render makes; this call caches
 * nothing worth reading, it is there for its tags.
 */
async function showsToo(keys: string[], revalidate: number): Promise<void> {
  const unique = [...new Set(keys)].sort();
  if (unique.length === 0) return;
  await unstable_cache(async () => true, ["reader:shows", ...unique], { tags: unique, revalidate })();
}

export type PageLink = { number: number; name: string; storyCount: number };
export type IssueView = { date: string; number: number; pages: PageLink[]; previousDate: string | null; nextDate: string | null };
export type PhotoSize = { width: number; height: number };
export type ReaderStory = StoryHead & {
  id: string;
  kind: StoryKind;
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

/** An issue that is out. */
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

// An issue's 上一期/下一期 links show its neighbours: a release changes them (lib/reader/purge.ts).
export const latestIssue = cachedReader("latest-issue", () => loadIssue(null), undefined, {
  about: () => [readerKey.latest],
  shows: (issue) => (issue ? [readerKey.issue(issue.date)] : []),
  whileBuilding: null,
});
export const issueByDate = cachedReader("issue", (date: string) => loadIssue(issueDateFromString(date)), undefined, { about: (date) => [readerKey.issue(date)] });

const storySelect = {
  id: true,
  ...storyContentSelect,
  charCount: true,
  publishedAt: true,
  photos: photoSizesSelect,
  contributors: creditsSelect,
} as const;

type StoryRow = StoryHead & {
  id: string;
  kind: StoryKind;
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

/** Whether a story ran and was withdrawn since: asked only about addresses that show no published story. */
export async function isWithdrawn(id: string): Promise<boolean> {
  return (await db().story.count({ where: { id, ...withdrawnAfterPrint } })) > 0;
}

// A story page names its page neighbours (上一篇/下一篇): it shows its issue too.
export const storyView = cachedReader("story", async (id: string): Promise<StoryView | null> => {
  const row = await db().story.findFirst({
    where: { id, ...readerVisible },
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
                where: { story: readerVisible },
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
}, undefined, {
  about: (id) => [readerKey.story(id)],
  shows: (story) => (story ? [readerKey.issue(story.issueDate), ...story.credits.map((c) => readerKey.author(c.slug))] : []),
});
