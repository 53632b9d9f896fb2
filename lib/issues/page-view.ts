import "server-only";
import { creditedLine } from "@/lib/contributors/byline";
import { db, type Db, type Tx } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseStoredBody } from "@/lib/stories/body";
import { creditsSelect, photoSizesOf, photoSizesSelect, storyContentSelect } from "@/lib/stories/content";
import { headOf } from "@/lib/stories/schema";
import { issueDateFromString, issueDateToString } from "@/lib/core/dates";
import { layoutPage, type ArrivingStory, type LayoutItem, type LayoutStory, type PageLayout } from "@/lib/issues/layout";
import { parseReserved } from "@/lib/issues/page-plan";
import { paperProfile, type PaperProfile } from "@/lib/issues/paper-profile";
import { formatLunarDate } from "@/lib/core/lunar-date";
import { readerVisible } from "@/lib/print-record/in-print";

// The page-view model: one printed page as readers see it and as the desk's proof shows it before
// release. Both come from here, drawn by the same components, so a signed proof is the page. It
// lives with the pages, not the reader: the desk's board and proof read it, and the reader's side
// (its queries, caches and purges) sits below the desk that releases and purges.

/** `rendered`: the page's printed record (PDF, pictures) is there to download (released pages only). */
export type PageLink = { number: number; name: string; rendered?: boolean };
export type IssueNav = { id: string; date: string; number: number; pages: PageLink[]; previousDate: string | null; nextDate: string | null };
/** Page 1's 报头: the paper's fixed parts and the issue's date and running number. */
/** 农历 is worked out here, on the server: the calendar library is too big for a browser bundle. */
export type Masthead = Omit<PaperProfile, "releaseTime"> & { date: string; number: number; lunar: string };
/**
 * `withheld`: placements whose copy this viewer may not read before release (another writer's
 * story or slot on a correspondent's proof); their blocks arrive emptied and are drawn as taken space.
 */
export type PageView = {
  issue: IssueNav;
  pageId: string;
  layout: PageLayout;
  masthead: Masthead | null;
  withheld: string[];
  /** 更正: stories of a released page corrected since it ran; the page shows what ran, the notice says so. */
  corrections?: { storyId: string; headline: string; at: string }[];
};

const storyFields = {
  id: true,
  ...storyContentSelect,
  status: true,
  author: { select: { name: true } },
  photos: photoSizesSelect,
  contributors: creditsSelect,
} satisfies Prisma.StorySelect;

type StoryRow = Prisma.StoryGetPayload<{ select: typeof storyFields }>;

/** A story as the page shows it; the workflow state and the filing account are for the desk only. */
function layoutStory(row: StoryRow, published: boolean): LayoutStory {
  return {
    id: row.id,
    kind: row.kind,
    ...headOf(row),
    body: parseStoredBody(row.body),
    photoSizes: photoSizesOf(row.photos),
    ...(published ? {} : { status: row.status, authorName: row.author.name, credited: creditedLine(row.byline, row.contributors) }),
  };
}

/** A page as the view needs it: its plan, its items and the stories arriving from other pages. */
const pageSelect = (published: boolean) => {
  const storyFilter = published ? readerVisible : {};
  return {
    id: true,
    number: true,
    name: true,
    status: true,
    version: true,
    editorCredit: true,
    designerCredit: true,
    proofreaderCredit: true,
    reserved: true,
    // The whole format: what the page is drawn to (its geometry) travels with the view, and is frozen with it at release.
    format: true,
    placements: {
      where: published ? { story: storyFilter } : {},
      orderBy: { position: "asc" },
      select: {
        id: true,
        isLead: true,
        size: true,
        continuesOn: { select: { number: true, name: true } },
        slotTopic: true,
        assignee: { select: { id: true, name: true } },
        targetLength: true,
        deadline: true,
        filed: { select: { id: true, headline: true, status: true } },
        story: { select: storyFields },
      },
    },
    arriving: {
      where: { story: { ...storyFilter } },
      orderBy: { position: "asc" },
      select: { id: true, size: true, page: { select: { number: true, name: true, format: { select: { capacity: true } } } }, story: { select: storyFields } },
    },
  } satisfies Prisma.PageSelect;
};

type PageRow = Prisma.PageGetPayload<{ select: ReturnType<typeof pageSelect> }>;

function layoutOf(page: PageRow, published: boolean): PageLayout {
  const items: LayoutItem[] = page.placements.map((p) =>
    p.story
      ? { kind: "story", placementId: p.id, isLead: p.isLead, size: p.size, continuesOn: p.continuesOn, story: layoutStory(p.story, published) }
      : {
          kind: "slot",
          placementId: p.id,
          isLead: p.isLead,
          size: p.size,
          topic: p.slotTopic,
          assignee: p.assignee,
          targetLength: p.targetLength,
          deadline: p.deadline?.toISOString() ?? null,
          filed: p.filed,
        },
  );
  const arriving: ArrivingStory[] = page.arriving.flatMap((a) =>
    a.story ? [{ placementId: a.id, from: { number: a.page.number, name: a.page.name }, size: a.size, originCapacity: a.page.format.capacity, story: layoutStory(a.story, published) }] : [],
  );
  return layoutPage(
    {
      number: page.number,
      name: page.name,
      format: page.format,
      credits: { editor: page.editorCredit, designer: page.designerCredit, proofreader: page.proofreaderCredit },
      reserved: parseReserved(page.reserved),
      status: page.status,
      version: page.version,
    },
    items,
    arriving,
  );
}

/**
 * Loads pages of an issue (`numbers`, or all) and lays them out, in one read whatever their number
 * (the release freezes every page in its transaction). `published`: only what readers may see
 * (released issues, published stories, no slots); otherwise everything on the page, as the desk plans it.
 */
export async function loadPageViews(where: { issueId: string } | { date: string }, numbers: readonly number[] | null, published: boolean, client: Db | Tx = db()): Promise<PageView[]> {
  const issue = await client.issue.findFirst({
    where: { ...("issueId" in where ? { id: where.issueId } : { date: issueDateFromString(where.date) }), ...(published ? { status: "PUBLISHED" as const } : {}) },
    select: {
      id: true,
      date: true,
      number: true,
      pages: { orderBy: { number: "asc" }, select: { number: true, name: true } },
    },
  });
  if (!issue) return [];
  const pages = await client.page.findMany({
    where: { issueId: issue.id, ...(numbers ? { number: { in: [...numbers] } } : {}) },
    orderBy: { number: "asc" },
    select: pageSelect(published),
  });
  const date = issueDateToString(issue.date);
  const profile = pages.some((p) => p.number === 1) ? await paperProfile() : null;
  return pages.map((page) => ({
    issue: { id: issue.id, date, number: issue.number, pages: issue.pages, previousDate: null, nextDate: null },
    pageId: page.id,
    layout: layoutOf(page, published),
    masthead: profile && page.number === 1 ? { name: profile.name, cnNumber: profile.cnNumber, postalCode: profile.postalCode, publisher: profile.publisher, date, number: issue.number, lunar: formatLunarDate(date) } : null,
    withheld: [],
  }));
}

/** One page of an issue, laid out (see loadPageViews). */
export async function loadPageView(where: { issueId: string } | { date: string }, number: number, published: boolean, client: Db | Tx = db()): Promise<PageView | null> {
  return (await loadPageViews(where, [number], published, client))[0] ?? null;
}

/** The released issues before and after, for 上一期 / 下一期. */
export async function neighbours(date: string): Promise<[string | null, string | null]> {
  const published = { status: "PUBLISHED" } as const;
  const day = issueDateFromString(date);
  const [previous, next] = await Promise.all([
    db().issue.findFirst({ where: { ...published, date: { lt: day } }, orderBy: { date: "desc" }, select: { date: true } }),
    db().issue.findFirst({ where: { ...published, date: { gt: day } }, orderBy: { date: "asc" }, select: { date: true } }),
  ]);
  return [previous ? issueDateToString(previous.date) : null, next ? issueDateToString(next.date) : null];
}
