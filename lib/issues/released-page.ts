import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { issueDateFromString } from "@/lib/core/dates";
import { loadPageView, loadPageViews, neighbours, type PageView } from "@/lib/issues/page-view";
import type { StoryBlock } from "@/lib/issues/layout";
import { cachedReader } from "@/lib/reader/queries";
import { readerKey } from "@/lib/reader/keys";
import { readerVisible } from "@/lib/print-record/in-print";

// A released page is what ran. The release freezes each page's view (layout, masthead, the words and
// photos of every block) in its own transaction; readers' page views and the page's files (PDF,
// pictures, lib/page-files) are drawn from that, so a later correction, a change of page format or
// of the paper profile never re-lays out an archived page. What changes after: a withdrawn story
// leaves the web page (the PDF keeps it: it was printed), and a corrected one is named beside it.

/** What is kept of a page view: everything but what depends on later issues (上一期/下一期). */
type FrozenView = Omit<PageView, "corrections">;

/**
 * Freezes every page of an issue being released, as readers will see it, and marks each for its
 * printed record (the render job, sent with the release, makes the files). In the release's transaction.
 */
export async function freezeReleasedPages(tx: Tx, issueId: string, at: Date, numbers?: readonly number[]): Promise<number> {
  // Every page in one read: the release waits for it.
  const views = (await loadPageViews({ issueId }, numbers ?? null, true, tx)).map((view) => ({ number: view.layout.page.number, view: view as FrozenView }));
  await tx.releasedPage.createMany({
    data: views.map(({ number, view }) => ({ issueId, number, releasedAt: at, view: view as unknown as Prisma.InputJsonValue })),
  });
  await tx.pageRender.createMany({ data: views.map(({ number }) => ({ issueId, number })) });
  return views.length;
}

// The frozen JSON is ours, written by the code above; it is checked for shape only as far as the
// readers' code leans on it, so an old row that lacks a newer field still draws.
const frozenShape = z.object({
  issue: z.object({ id: z.string(), date: z.string(), number: z.number(), pages: z.array(z.object({ number: z.number(), name: z.string() })) }),
  pageId: z.string(),
  layout: z.object({ page: z.object({ number: z.number() }), blocks: z.array(z.object({ type: z.string() }).loose()), headlines: z.array(z.object({ id: z.string() }).loose()) }).loose(),
  masthead: z.unknown(),
  withheld: z.array(z.string()),
});

/** A page as it ran, or null when its issue was released before pages were frozen (then it is drawn live). */
async function frozenPageView(date: string, number: number): Promise<FrozenView | null> {
  const row = await db().releasedPage.findFirst({
    where: { number, issue: { date: issueDateFromString(date), status: "PUBLISHED" } },
    select: { view: true },
  });
  if (!row) return null;
  const parsed = frozenShape.safeParse(row.view);
  if (!parsed.success) throw new Error(`the frozen view of ${date} page ${number} does not read: ${parsed.error.message}`);
  return row.view as unknown as FrozenView;
}

/** Withdrawn stories leave the web page; the rest of what ran stays as it ran. */
async function withoutWithdrawn(view: FrozenView): Promise<FrozenView> {
  const ids = view.layout.blocks.flatMap((b) => (b.type === "story" ? [b.id] : []));
  if (ids.length === 0) return view;
  const visible = new Set((await db().story.findMany({ where: { id: { in: ids }, ...readerVisible }, select: { id: true } })).map((s) => s.id));
  if (visible.size === new Set(ids).size) return view;
  const blocks = view.layout.blocks.filter((b) => b.type !== "story" || visible.has((b as StoryBlock).id));
  const headlines = view.layout.headlines.filter((h) => visible.has(h.id));
  return { ...view, layout: { ...view.layout, blocks, headlines } };
}

/** Corrections made after the page ran to the stories on it, newest first, one per story. */
async function correctionsOn(issueId: string, pageNumber: number): Promise<NonNullable<PageView["corrections"]>> {
  const rows = await db().printRecord.findMany({
    // A story withdrawn since has left the page, its correction with it.
    where: { issueId, pageNumber, event: "CORRECTED", story: readerVisible },
    orderBy: { recordedAt: "desc" },
    select: { storyId: true, headline: true, recordedAt: true },
  });
  const seen = new Set<string>();
  return rows.flatMap((r) => (seen.has(r.storyId) ? [] : (seen.add(r.storyId), [{ storyId: r.storyId, headline: r.headline, at: r.recordedAt.toISOString() }])));
}

/** The issue's pages as they are now (a back-issue import may add one), each saying whether its printed record (PDF, pictures) is ready. */
async function pagesWithFiles(issueId: string): Promise<PageView["issue"]["pages"]> {
  const pages = await db().page.findMany({ where: { issueId }, orderBy: { number: "asc" }, select: { number: true, name: true } });
  const done = new Set((await db().pageRender.findMany({ where: { issueId, state: "DONE" }, select: { number: true } })).map((r) => r.number));
  return pages.map((p) => ({ ...p, rendered: done.has(p.number) }));
}

/**
 * A released page as readers see it: as it ran when it was frozen at release, else (issues released
 * before that) drawn from the current data. Cached; the render job purges the issue when its files are ready.
 */
export const publishedPageView = cachedReader(
  "page-view",
  async (date: string, number: number): Promise<PageView | null> => {
    const frozen = await frozenPageView(date, number);
    const view = frozen ? await withoutWithdrawn(frozen) : await loadPageView({ date }, number, true);
    if (!view) return null;
    const [[previousDate, nextDate], pages, corrections] = await Promise.all([neighbours(date), pagesWithFiles(view.issue.id), correctionsOn(view.issue.id, number)]);
    return { ...view, issue: { ...view.issue, pages, previousDate, nextDate }, corrections };
  },
  undefined,
  { about: (date) => [readerKey.issue(date)] },
);
