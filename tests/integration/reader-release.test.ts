import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { installJobQueues } from "@/lib/platform/jobs";
import { ALL_QUEUES } from "@/lib/jobs/queues";
import { createIssue } from "@/lib/issues/mutations";
import { releaseNow, scheduleRelease } from "@/lib/issues/release";
import { changeStory, createStory, withdrawStory } from "@/lib/desk/story-commands";
import { issueByDate, latestIssue, storyView } from "@/lib/reader/queries";
import { loadPageView } from "@/lib/issues/page-view";
import { publishedPageView } from "@/lib/issues/released-page";
import { allTags, authorPage, calendarMonth, issueCards, sitemapYear, sitemapYears, tagPage } from "@/lib/reader/archive";
import { findStories } from "@/lib/reader/search";
import { completeDraft, makeUser, pagesOf, placeAtEnd, readyForRelease } from "../support/factories";

// What readers may see of issues not yet out, asked of every reader query on a real Postgres: an
// issue in the making (PLANNING) and one set to go out next year (SCHEDULED) show nothing, beside a
// released one that shows its story. A story the database marks published on an unreleased issue
// (a state only a fault makes: release publishes issue and stories in one transaction) must not
// show either: the queries' own released-issue filters keep it out, not only the story's state.
// A story withdrawn from the released issue shows nowhere too (the queries' story filters); only the
// correspondent's count of work that ran still counts it.
// The queries are asked past Next's cache (`.uncached`), which lives only in a running server.

const RELEASED = "2071-03-10";
const PLANNED = "2071-03-11";
const SCHEDULED = "2072-01-05";

/** A word no other test writes: two characters from CJK Extension A. */
const word = () => String.fromCodePoint(...[0, 1].map(() => 0x3400 + Math.floor(Math.random() * 6000)));
const tag = (what: string) => `${what}${word()}`;

const shared = tag("全都有");
const only = { released: tag("已见报"), withdrawn: tag("已撤"), planned: tag("计划中"), scheduled: tag("待定时"), fault: tag("错标") };
const words = { released: word(), withdrawn: word(), planned: word(), scheduled: word(), fault: word() };
const correspondent = `宁${word()}`;
let ids: { released: string; withdrawn: string; planned: string; scheduled: string; faultPlanned: string; faultScheduled: string };
let authorSlug: string;

type Editor = Awaited<ReturnType<typeof makeUser>>;

/** A story filed by the correspondent, approved and placed on page 1 of the issue. */
async function storyOn(editor: Editor, author: Editor, issueId: string, own: string, text: string): Promise<string> {
  const draft = completeDraft({
    byline: `本报通讯员 ${correspondent}`,
    contributors: [{ name: correspondent, role: "CORRESPONDENT" }],
    body: [{ type: "paragraph", text: `近日，县里的${text}工作有了新进展。` }],
    tags: [{ name: shared, kind: "TOPIC" }, { name: own, kind: "TOPIC" }],
  });
  const filed = await createStory(author, draft, { submit: true });
  await changeStory(editor, { action: "approve", storyId: filed.id, baseVersion: filed.version });
  await placeAtEnd(editor, filed.id, (await pagesOf(issueId))[0].id);
  return filed.id;
}

beforeAll(async () => {
  await installJobQueues(ALL_QUEUES);
  const editor = await makeUser("EDITOR");
  const chief = await makeUser("CHIEF_EDITOR");
  const author = await makeUser("CORRESPONDENT", correspondent);

  const released = await createIssue(editor, { date: RELEASED });
  const releasedStory = await storyOn(editor, author, released.id, only.released, words.released);
  const withdrawn = await storyOn(editor, author, released.id, only.withdrawn, words.withdrawn);
  await readyForRelease(released.id);
  await releaseNow(chief, released.id);
  const { version } = await db().story.findUniqueOrThrow({ where: { id: withdrawn }, select: { version: true } });
  await withdrawStory(chief, withdrawn, version, "数据有误，撤回核实。");

  const planned = await createIssue(editor, { date: PLANNED });
  const plannedStory = await storyOn(editor, author, planned.id, only.planned, words.planned);
  const faultPlanned = await storyOn(editor, author, planned.id, only.fault, words.fault);

  const scheduled = await createIssue(editor, { date: SCHEDULED });
  const scheduledStory = await storyOn(editor, author, scheduled.id, only.scheduled, words.scheduled);
  const faultScheduled = await storyOn(editor, author, scheduled.id, only.fault, words.fault);
  await readyForRelease(scheduled.id);
  // The paper's usual release time on its own date, next year: its time has not come.
  await scheduleRelease(chief, scheduled.id);

  await db().story.updateMany({ where: { id: { in: [faultPlanned, faultScheduled] } }, data: { status: "PUBLISHED", publishedAt: new Date() } });
  ids = { released: releasedStory, withdrawn, planned: plannedStory, scheduled: scheduledStory, faultPlanned, faultScheduled };
  authorSlug = (await db().contributor.findFirstOrThrow({ where: { name: correspondent }, select: { slug: true } })).slug;
});

describe("reader queries and issues not yet released", () => {
  it("start from the issues as the desk left them", async () => {
    const issues = await db().issue.findMany({ where: { date: { in: [RELEASED, PLANNED, SCHEDULED].map((d) => new Date(`${d}T00:00:00Z`)) } }, orderBy: { date: "asc" }, select: { status: true, publishAt: true } });
    expect(issues.map((i) => i.status)).toEqual(["PUBLISHED", "PLANNING", "SCHEDULED"]);
    expect(issues[2].publishAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("issue by date: only the released one, and it names no unreleased issue as the next", async () => {
    expect(await issueByDate.uncached(PLANNED)).toBeNull();
    expect(await issueByDate.uncached(SCHEDULED)).toBeNull();
    expect(await issueByDate.uncached(RELEASED)).toMatchObject({ date: RELEASED, nextDate: null });
    expect(await latestIssue.uncached()).toMatchObject({ date: RELEASED, nextDate: null });
  });

  it("page: only the released issue's, by date or by issue", async () => {
    expect(await publishedPageView.uncached(PLANNED, 1)).toBeNull();
    expect(await publishedPageView.uncached(SCHEDULED, 1)).toBeNull();
    const planned = await db().issue.findFirstOrThrow({ where: { date: new Date(`${PLANNED}T00:00:00Z`) }, select: { id: true } });
    expect(await loadPageView({ issueId: planned.id }, 1, true)).toBeNull();
    const page = await publishedPageView.uncached(RELEASED, 1);
    expect(page?.issue).toMatchObject({ date: RELEASED, nextDate: null });
    expect(JSON.stringify(page)).toContain(ids.released);
    expect(JSON.stringify(page)).not.toContain(ids.withdrawn);
  });

  it("story: none of the unreleased issues' stories, whatever their state says, nor the withdrawn one", async () => {
    for (const id of [ids.planned, ids.scheduled, ids.faultPlanned, ids.faultScheduled, ids.withdrawn]) expect(await storyView.uncached(id), id).toBeNull();
    expect(await storyView.uncached(ids.released)).toMatchObject({ id: ids.released, issueDate: RELEASED });
  });

  it("lists: tag pages, the tag index and the correspondent's page hold the released story only (the page's count its withdrawn one too)", async () => {
    expect((await tagPage.uncached(shared, 1))?.stories.map((s) => s.id)).toEqual([ids.released]);
    for (const name of [only.planned, only.scheduled, only.fault, only.withdrawn]) expect(await tagPage.uncached(name, 1), name).toBeNull();
    const tags = (await allTags.uncached()).filter((t) => [shared, ...Object.values(only)].includes(t.name));
    expect(tags).toEqual(expect.arrayContaining([{ name: shared, kind: "TOPIC", count: 1 }, { name: only.released, kind: "TOPIC", count: 1 }]));
    expect(tags).toHaveLength(2);
    const author = await authorPage.uncached(authorSlug, 1);
    expect(author?.stories.map((s) => s.id)).toEqual([ids.released]);
    // The count is of what ran in print: the withdrawn story too, not the faults of unreleased issues.
    expect(author?.counts).toEqual({ written: 2, photographed: 0 });
  });

  it("feeds: an unreleased issue's feed is empty, the released one's has its standing story", async () => {
    expect(await issueCards.uncached(PLANNED)).toEqual([]);
    expect(await issueCards.uncached(SCHEDULED)).toEqual([]);
    expect((await issueCards.uncached(RELEASED)).map((c) => c.id)).toEqual([ids.released]);
  });

  it("search: finds nothing of the unreleased issues' stories", async () => {
    const found = async (q: string) => {
      const result = await findStories({ q, page: 1 });
      return result.kind === "results" ? result.hits.map((h) => h.id) : [];
    };
    expect(await found(words.planned)).toEqual([]);
    expect(await found(words.scheduled)).toEqual([]);
    expect(await found(words.withdrawn)).toEqual([]);
    expect(await found(words.released)).toEqual([ids.released]);
    // Search filters on the story's state alone (a story is marked published only by its issue's
    // release); the faulty state above is left out of this one.
  });

  it("calendar and sitemaps: only the released issue's day, month and year", async () => {
    expect(await calendarMonth.uncached("2071-03")).toMatchObject({ issues: [{ date: RELEASED }], nextMonth: null, span: { last: "2071-03" } });
    expect((await calendarMonth.uncached("2072-01")).issues).toEqual([]);
    const years = await sitemapYears.uncached();
    expect(years).toContain(2071);
    expect(years).not.toContain(2072);
    const year = await sitemapYear.uncached(2071);
    expect(year.map((i) => i.date)).toEqual([RELEASED]);
    expect(year[0].stories.map((s) => s.id)).toEqual([ids.released]);
    expect(await sitemapYear.uncached(2072)).toEqual([]);
  });
});
