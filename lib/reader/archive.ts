import "server-only";
import { db } from "@/lib/platform/db";
import { cachedReader } from "@/lib/reader/queries";
import { readerKey } from "@/lib/reader/keys";
import { leadText, parseStoredBody } from "@/lib/stories/body";
import type { StoryKind, TagKind } from "@/lib/stories/schema";
import type { Prisma } from "@/lib/generated/prisma/client";
import { issueDateToString, issueMonthDays, paperDay } from "@/lib/core/dates";
import { parseByline } from "@/lib/contributors/byline";
import { photoSizesOf, photoSizesSelect } from "@/lib/stories/content";
import { inReleasedIssue, ranInPrint, readerVisible } from "@/lib/print-record/in-print";

// The archive around the issues: the back-issue calendar, tag pages and contributors' pages.

export const LIST_PAGE_SIZE = 20;

export type StoryCard = {
  id: string;
  kind: StoryKind;
  kicker: string;
  headline: string;
  excerpt: string;
  byline: string;
  issueDate: string;
  page: { number: number; name: string };
};

export const cardSelect = {
  id: true,
  kind: true,
  kicker: true,
  headline: true,
  byline: true,
  body: true,
  placement: { select: { page: { select: { number: true, name: true, issue: { select: { date: true } } } } } },
} satisfies Prisma.StorySelect;

export function toCard(row: Prisma.StoryGetPayload<{ select: typeof cardSelect }>): StoryCard {
  return {
    id: row.id,
    kind: row.kind,
    kicker: row.kicker,
    headline: row.headline,
    byline: row.byline,
    excerpt: leadText(parseStoredBody(row.body), 90),
    issueDate: row.placement ? issueDateToString(row.placement.page.issue.date) : "",
    page: { number: row.placement?.page.number ?? 0, name: row.placement?.page.name ?? "" },
  };
}

/** What the archive lists for readers: stories they may read, of issues that are out. */
const readable = { AND: [readerVisible, inReleasedIssue] } satisfies Prisma.StoryWhereInput;
/** What the archive counts as a person's published work: stories that ran, in issues that are out. */
const onTheRecord = { AND: [ranInPrint, inReleasedIssue] } satisfies Prisma.StoryWhereInput;

export type CalendarMonth = {
  month: string;
  issues: { date: string; number: number }[];
  previousMonth: string | null;
  nextMonth: string | null;
  /** The months the calendar shows: from the first issue's to the last's, and always the past year. */
  span: { first: string; last: string };
};

const yearBefore = (month: string) => `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;

/** One month of the back-issue calendar ("2026-11"), with the nearest months that have issues. */
export const calendarMonth = cachedReader("calendar", async (month: string): Promise<CalendarMonth> => {
  const { gte: start, lt: end } = issueMonthDays(month);
  const published = { status: "PUBLISHED" } as const;
  const [issues, before, after, range] = await Promise.all([
    db().issue.findMany({ where: { ...published, date: { gte: start, lt: end } }, orderBy: { date: "asc" }, select: { date: true, number: true } }),
    db().issue.findFirst({ where: { ...published, date: { lt: start } }, orderBy: { date: "desc" }, select: { date: true } }),
    db().issue.findFirst({ where: { ...published, date: { gte: end } }, orderBy: { date: "asc" }, select: { date: true } }),
    db().issue.aggregate({ where: published, _min: { date: true }, _max: { date: true } }),
  ]);
  const thisMonth = paperDay().slice(0, 7);
  const monthOf = (date: Date | null) => (date ? issueDateToString(date).slice(0, 7) : thisMonth);
  return {
    month,
    issues: issues.map((i) => ({ date: issueDateToString(i.date), number: i.number })),
    previousMonth: before ? issueDateToString(before.date).slice(0, 7) : null,
    nextMonth: after ? issueDateToString(after.date).slice(0, 7) : null,
    span: {
      first: [monthOf(range._min.date), yearBefore(thisMonth)].sort()[0],
      last: [monthOf(range._max.date), thisMonth].sort()[1],
    },
  };
  // Months beyond the paper's answer 404 and are not kept.
}, (m) => m.month >= m.span.first && m.month <= m.span.last, { about: () => [readerKey.calendar] });

export type StoryList = { stories: StoryCard[]; page: number; totalPages: number; total: number };

async function pageOfStories(where: Prisma.StoryWhereInput, page: number): Promise<StoryList> {
  const filter = { AND: [readable, where] };
  const [total, rows] = await Promise.all([
    db().story.count({ where: filter }),
    db().story.findMany({
      where: filter,
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * LIST_PAGE_SIZE,
      take: LIST_PAGE_SIZE,
      select: cardSelect,
    }),
  ]);
  return { stories: rows.map(toCard), page, total, totalPages: Math.max(1, Math.ceil(total / LIST_PAGE_SIZE)) };
}

export type TagPage = StoryList & { tag: { name: string; kind: TagKind } };

export const tagPage = cachedReader("tag", async (name: string, page: number): Promise<TagPage | null> => {
  const tag = await db().tag.findUnique({ where: { name }, select: { id: true, name: true, kind: true } });
  if (!tag) return null;
  const list = await pageOfStories({ tags: { some: { id: tag.id } } }, page);
  // A tag only drafts use is nobody's business yet; a page past the last is nothing.
  if (list.total === 0 || page > list.totalPages) return null;
  return { ...list, tag: { name: tag.name, kind: tag.kind } };
}, undefined, { about: (name) => [readerKey.tag(name)], shows: listedStories });

/** A list shows its stories' headlines and excerpts: a correction to one of them changes it. */
function listedStories(list: StoryList | null): string[] {
  return list ? list.stories.map((s) => readerKey.story(s.id)) : [];
}

export type AuthorPhoto = { photoId: string; caption: string; storyId: string; width: number; height: number };
export type AuthorPage = StoryList & {
  author: { slug: string; name: string; title: string; affiliation: string };
  /** How many stories they wrote that ran, and how many carry their photos: withdrawn ones too (they were printed). */
  counts: { written: number; photographed: number };
  /** Their newest published photos (first page only), as the stories printed them. */
  photos: AuthorPhoto[];
};

/**
 * A contributor's reader page: the published stories that credit them, written or photographed.
 * People are credited by name in bylines and photo credits, with or without an account.
 */
export const authorPage = cachedReader("author", async (slug: string, page: number): Promise<AuthorPage | null> => {
  const person = await db().contributor.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, affiliation: true, user: { select: { bylineTitle: true } } },
  });
  if (!person) return null;
  const credited = (role?: Prisma.EnumContributorRoleFilter) => ({ contributors: { some: { contributorId: person.id, ...(role ? { role } : {}) } } });
  const list = await pageOfStories(credited(), page);
  if (list.total === 0 || page > list.totalPages) return null;
  const [written, photographed] = await Promise.all([
    db().story.count({ where: { AND: [onTheRecord, credited({ not: "PHOTOGRAPHER" })] } }),
    db().story.count({ where: { AND: [onTheRecord, credited({ equals: "PHOTOGRAPHER" })] } }),
  ]);
  return {
    ...list,
    author: { slug: person.slug, name: person.name, title: person.user?.bylineTitle ?? "", affiliation: person.affiliation },
    counts: { written, photographed },
    photos: page === 1 && photographed > 0 ? await photosBy(person.id, person.name) : [],
  };
}, undefined, { about: (slug) => [readerKey.author(slug)], shows: (author) => [...listedStories(author), ...(author?.photos ?? []).map((p) => readerKey.story(p.storyId))] });

/** The photos a person's credit stands under in published stories, newest first (at most 12). */
async function photosBy(contributorId: string, name: string): Promise<AuthorPhoto[]> {
  const stories = await db().story.findMany({
    where: { AND: [readable, { contributors: { some: { contributorId, role: "PHOTOGRAPHER" } } }] },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: 12,
    select: { id: true, body: true, photos: photoSizesSelect },
  });
  const photos: AuthorPhoto[] = [];
  for (const story of stories) {
    const sizes = photoSizesOf(story.photos);
    for (const block of parseStoredBody(story.body)) {
      if (block.type !== "photo" || !parseByline(block.credit).some((c) => c.name === name) || !sizes[block.photoId]) continue;
      photos.push({ photoId: block.photoId, caption: block.caption, storyId: story.id, ...sizes[block.photoId] });
    }
  }
  return photos.slice(0, 12);
}

/** Every tag with published stories, for the tag index. */
export const allTags = cachedReader("tags", async () => {
  const rows = await db().tag.findMany({
    where: { stories: { some: readable } },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: { name: true, kind: true, _count: { select: { stories: { where: readable } } } },
  });
  return rows.map((r) => ({ name: r.name, kind: r.kind, count: r._count.stories }));
}, undefined, { about: () => [readerKey.tagIndex], whileBuilding: [] });

/** Every story of one issue in page order, for the issue's feed. */
export const issueCards = cachedReader("issue-cards", async (date: string): Promise<StoryCard[]> => {
  const rows = await db().story.findMany({
    where: { ...readerVisible, placement: { page: { issue: { status: "PUBLISHED", date: new Date(`${date}T00:00:00Z`) } } } },
    orderBy: [{ placement: { page: { number: "asc" } } }, { placement: { isLead: "desc" } }, { placement: { position: "asc" } }],
    select: cardSelect,
  });
  return rows.map(toCard);
}, (cards) => cards.length > 0, { about: (date) => [readerKey.issue(date)] });

/** Years that have published issues, newest first, and one year's addresses, for the sitemaps. */
export const sitemapYears = cachedReader("sitemap-years", async (): Promise<number[]> => {
  const rows = await db().$queryRaw<{ year: number }[]>`SELECT DISTINCT extract(year FROM date)::int AS year FROM "Issue" WHERE status = 'PUBLISHED' ORDER BY year DESC`;
  return rows.map((r) => r.year);
}, undefined, { about: () => [readerKey.sitemap] });

export const sitemapYear = cachedReader("sitemap-year", async (year: number) => {
  const issues = await db().issue.findMany({
    where: { status: "PUBLISHED", date: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) } },
    orderBy: { date: "asc" },
    select: {
      date: true,
      publishedAt: true,
      pages: { select: { number: true, placements: { where: { story: readerVisible }, select: { story: { select: { id: true, updatedAt: true } } } } } },
    },
  });
  return issues.map((i) => ({
    date: issueDateToString(i.date),
    publishedAt: i.publishedAt?.toISOString() ?? null,
    pages: i.pages.map((p) => p.number),
    stories: i.pages.flatMap((p) => p.placements.flatMap((pl) => (pl.story ? [{ id: pl.story.id, updatedAt: pl.story.updatedAt.toISOString() }] : []))),
  }));
}, (issues) => issues.length > 0, { about: () => [readerKey.sitemap] });
