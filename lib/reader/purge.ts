import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/platform/db";
import { sendJob, type JobHandler } from "@/lib/platform/jobs";
import { expireCacheKeys } from "@/lib/platform/cache/expire";
import { purgeFrontCache } from "@/lib/platform/front-cache";
import { appPort, env } from "@/lib/platform/env";
import { QUEUES } from "@/lib/jobs/queues";
import { issueDateToString } from "@/lib/core/dates";
import { EVERY_READER_PAGE, readerKey } from "@/lib/reader/keys";
import { pagesPrinting, readerVisible } from "@/lib/print-record/in-print";

// After a change readers can see, the answers that show it are dropped from both caches (Next's and
// the front cache) by the keys of what changed, and nothing else: the rest of the cache stays warm
// for the readers arriving at release time. The purge is a job written in the same transaction as
// the change, so it exists exactly when the change does, and is retried until both caches confirm;
// it runs once more right after the commit, so the one who made the change sees it at once.

export type ReaderPurge = {
  /** Why, for the job list and the logs: "总第6621期见报". */
  why: string;
  keys: string[];
  /** Reader addresses to fetch once purged, so the first readers are served from the cache. */
  warm: string[];
};

const purgeData = z.object({
  why: z.string().max(200),
  keys: z.array(z.string().min(1).max(300)).max(5000),
  warm: z.array(z.string().regex(/^\/[^/\\]/u).or(z.literal("/"))).max(500),
});

/** A page fetched by Next just before its data was expired may be stored just after: purged again this much later. */
const SECOND_PASS_AFTER_MS = 1500;
const WARM_AT_ONCE = 4;
const WARM_TIMEOUT_MS = 30_000;

/** Writes the purge as a job in the caller's transaction: it is done if and only if the change is committed. */
export async function sendReaderPurge(tx: Tx, purge: ReaderPurge): Promise<ReaderPurge> {
  const data = purgeData.parse({ ...purge, keys: [...new Set(purge.keys)], warm: [...new Set(purge.warm)] });
  await sendJob(tx, QUEUES.readerPurge, data);
  return data;
}

/** Both caches drop the keys' answers. Throws when either cannot confirm. */
async function purgeBothCaches(keys: string[]): Promise<number> {
  await expireCacheKeys(keys);
  return purgeFrontCache(keys);
}

/**
 * Right after the commit, for the one who made the change: the job does it again (and warms),
 * so a failure here only costs a second or two.
 */
export async function purgeNow(purge: ReaderPurge): Promise<void> {
  try {
    await purgeBothCaches(purge.keys);
  } catch (e) {
    console.error(`[reader-purge] ${purge.why}: ${e instanceof Error ? e.message : e}; the queued purge tries again`);
  }
}

/** The job: purge, purge again a moment later, then warm. Safe to run twice. */
export const readerPurgeJob: JobHandler = async (data) => {
  const purge = purgeData.parse(data);
  const first = await purgeBothCaches(purge.keys);
  await new Promise((resolve) => setTimeout(resolve, SECOND_PASS_AFTER_MS));
  const second = await purgeBothCaches(purge.keys);
  const warmed = await warm(purge.warm);
  return { why: purge.why, keys: purge.keys.length, frontCachePurged: first + second, warmed };
};

/**
 * Fetches pages as a reader's browser would (gzip), through the front cache when there is one,
 * else from this instance (filling Next's cache). A page that fails is left for the first reader.
 */
async function warm(paths: string[]): Promise<number> {
  const base = env().FRONT_CACHE_URL ?? `http://127.0.0.1:${appPort()}`;
  let done = 0;
  const queue = [...paths];
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      try {
        const response = await fetch(new URL(path, base), { headers: { "Accept-Encoding": "gzip" }, signal: AbortSignal.timeout(WARM_TIMEOUT_MS) });
        await response.arrayBuffer();
        if (response.ok) done++;
      } catch (e) {
        console.error(`[reader-purge] warming ${path} failed: ${e instanceof Error ? e.message : e}`);
      }
    }
  };
  await Promise.all(Array.from({ length: WARM_AT_ONCE }, worker));
  return done;
}

const storyKeysSelect = {
  id: true,
  tags: { select: { name: true } },
  contributors: { select: { contributor: { select: { slug: true } } } },
  photos: { select: { photoId: true } },
} as const;

/**
 * An issue going out (a release, or a back issue imported): its own pages and stories (which
 * answered 404 until now), its neighbours' 上一期/下一期 links, the lists it joins (the front page if
 * it is the newest, the calendar, tag and author pages, feeds, sitemaps, search).
 */
export async function issueReleasePurge(tx: Tx, issueId: string): Promise<ReaderPurge> {
  const issue = await tx.issue.findUniqueOrThrow({
    where: { id: issueId },
    select: { date: true, number: true, pages: { orderBy: { number: "asc" }, select: { number: true } } },
  });
  const [previous, next, stories] = await Promise.all([
    tx.issue.findFirst({ where: { status: "PUBLISHED", date: { lt: issue.date } }, orderBy: { date: "desc" }, select: { date: true } }),
    tx.issue.findFirst({ where: { status: "PUBLISHED", date: { gt: issue.date } }, orderBy: { date: "asc" }, select: { date: true } }),
    tx.story.findMany({ where: { ...readerVisible, placement: { page: { issueId } } }, select: storyKeysSelect }),
  ]);
  const date = issueDateToString(issue.date);
  const newest = next === null;
  return {
    why: `总第${issue.number}期见报`,
    keys: [
      readerKey.issue(date),
      ...[previous, next].flatMap((i) => (i ? [readerKey.issue(issueDateToString(i.date))] : [])),
      ...(newest ? [readerKey.latest] : []),
      readerKey.calendar,
      readerKey.tagIndex,
      readerKey.feed,
      readerKey.sitemap,
      readerKey.search,
      ...stories.flatMap((s) => [readerKey.story(s.id), ...s.tags.map((t) => readerKey.tag(t.name)), ...s.contributors.map((c) => readerKey.author(c.contributor.slug))]),
    ],
    warm: [
      ...(newest ? ["/"] : []),
      `/issues/${date}`,
      ...issue.pages.map((p) => `/issues/${date}/pages/${p.number}`),
      ...stories.map((s) => `/stories/${s.id}`),
    ],
  };
}

/**
 * A published story corrected or withdrawn: every answer showing it carries its key (its page, the
 * printed page, lists that name it); its issue's pages print its text. A withdrawal also changes
 * counts (tag and author lists, the tag index) and may make its photos private again.
 */
export async function storyChangePurge(tx: Tx, storyId: string, change: "correct" | "withdraw"): Promise<ReaderPurge> {
  const story = await tx.story.findUniqueOrThrow({
    where: { id: storyId },
    select: { ...storyKeysSelect, headline: true, placement: { select: { page: { select: { issue: { select: { date: true } } } } } } },
  });
  const date = story.placement ? issueDateToString(story.placement.page.issue.date) : null;
  // A story that jumps (转版) prints on two pages: both are warmed again.
  const pages = await tx.page.findMany({ where: pagesPrinting({ storyId }), orderBy: { number: "asc" }, select: { number: true } });
  const withdrawn = change === "withdraw";
  return {
    why: `${withdrawn ? "撤稿" : "更正"}《${story.headline || "图片新闻"}》`,
    keys: [
      readerKey.story(storyId),
      ...(date ? [readerKey.issue(date)] : []),
      readerKey.feed,
      readerKey.sitemap,
      readerKey.search,
      ...(withdrawn
        ? [
            readerKey.tagIndex,
            ...story.tags.map((t) => readerKey.tag(t.name)),
            ...story.contributors.map((c) => readerKey.author(c.contributor.slug)),
            ...story.photos.map((p) => readerKey.photo(p.photoId)),
          ]
        : []),
    ],
    warm: [`/stories/${storyId}`, ...(date ? pages.map((p) => `/issues/${date}/pages/${p.number}`) : [])],
  };
}

/** Something every reader page shows changed (the masthead's paper profile): all of them go. */
export function everyReaderPagePurge(why: string): ReaderPurge {
  return { why, keys: [EVERY_READER_PAGE], warm: ["/"] };
}
