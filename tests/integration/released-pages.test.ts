import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { installJobQueues } from "@/lib/platform/jobs";
import { ALL_QUEUES } from "@/lib/jobs/queues";
import { releaseNow } from "@/lib/issues/release";
import { correctStory, withdrawStory } from "@/lib/desk/story-commands";
import { publishedPageView } from "@/lib/issues/released-page";
import { MAX_ATTEMPTS, renderIssueFiles } from "@/lib/page-files/job";
import { pageRenderReport, renderAgain } from "@/lib/page-files/admin";
import { openPageFile } from "@/lib/page-files/page-files";
import { makeUser, releasableIssue } from "../support/factories";

// A released page is what ran: the release freezes each page's view in its own transaction, and
// readers' page views come from that, whatever changes afterwards (a story's words, the page format).
// A correction is named beside the page; a withdrawn story leaves it. The release also sends the job
// that prints the pages; without a browser engine that job says so for the administrator and the
// release is untouched. (The printing itself runs in e2e/page-files.spec.ts, where the app answers.)

const DATE = "2045-04-12";
type Editor = Awaited<ReturnType<typeof makeUser>>;
let chief: Editor;
let admin: Editor;
let issue: Awaited<ReturnType<typeof releasableIssue>>;
const savedChromium = process.env.CHROMIUM_PATH;

beforeAll(async () => {
  await installJobQueues(ALL_QUEUES);
  const editor = await makeUser("EDITOR");
  chief = await makeUser("CHIEF_EDITOR");
  admin = await makeUser("ADMIN");
  issue = await releasableIssue(editor, { date: DATE, pages: 2, stories: 4 });
  await releaseNow(chief, issue.issueId);
});

afterAll(() => {
  if (savedChromium === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = savedChromium;
});

const headlinesOn = async (number: number) => (await publishedPageView.uncached(DATE, number))?.layout.headlines.map((h) => h.id) ?? [];

describe("a released page", () => {
  it("is frozen with the release, page by page, each waiting for its printed record, with the job that prints them sent", async () => {
    const frozen = await db().releasedPage.findMany({ where: { issueId: issue.issueId }, orderBy: { number: "asc" }, select: { number: true, render: { select: { state: true } } } });
    expect(frozen).toEqual([{ number: 1, render: { state: "PENDING" } }, { number: 2, render: { state: "PENDING" } }]);
    const jobs = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'page-render' AND data->>'issueId' = ${issue.issueId}`;
    expect(jobs[0].n).toBe(1);
    expect((await headlinesOn(1)).sort()).toEqual([issue.storyIds[0], issue.storyIds[2]].sort());
  });

  it("shows what ran after a story's words and the page format change", async () => {
    const [story] = issue.storyIds;
    const before = await publishedPageView.uncached(DATE, 1);
    const ran = before!.layout.headlines.find((h) => h.id === story)!.headline;
    const page = await db().page.findFirstOrThrow({ where: { issueId: issue.issueId, number: 1 }, select: { formatCode: true, format: { select: { columns: true } } } });
    await db().story.update({ where: { id: story }, data: { headline: "见报后改过的标题" } });
    await db().pageFormat.update({ where: { code: page.formatCode }, data: { columns: page.format.columns + 1 } });
    try {
      const after = await publishedPageView.uncached(DATE, 1);
      expect(after!.layout.headlines.find((h) => h.id === story)!.headline).toBe(ran);
      expect(after!.layout.page.format.columns).toBe(page.format.columns);
      expect(JSON.stringify(after!.layout.blocks)).toBe(JSON.stringify(before!.layout.blocks));
    } finally {
      await db().pageFormat.update({ where: { code: page.formatCode }, data: { columns: page.format.columns } });
    }
  });

  it("names a correction beside the page, and loses a withdrawn story, while its frozen row stays as it was", async () => {
    const [, second, third] = issue.storyIds;
    const version = async (id: string) => (await db().story.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
    await correctStory(chief, third, await version(third), "本文第一段的日期应为四月十一日。");
    // Corrected, then withdrawn: its correction leaves the page with it.
    await correctStory(chief, second, await version(second), "本文第二段的数字应为十二。");
    await withdrawStory(chief, second, await version(second), "所涉数据尚待核实，撤回。");
    expect((await publishedPageView.uncached(DATE, 2))!.corrections).toEqual([]);
    const one = await publishedPageView.uncached(DATE, 1);
    expect(one!.corrections!.map((c) => c.storyId)).toEqual([third]);
    expect(await headlinesOn(2)).not.toContain(second);
    const row = await db().releasedPage.findUniqueOrThrow({ where: { issueId_number: { issueId: issue.issueId, number: 2 } }, select: { view: true } });
    expect(JSON.stringify(row.view)).toContain(second);
    await expect(db().releasedPage.update({ where: { issueId_number: { issueId: issue.issueId, number: 2 } }, data: { view: {} } })).rejects.toThrow(/见报记录不能修改/);
  });
});

describe("the page printer without a browser engine", () => {
  it("marks the pages failed with the reason, tells the administrator, and leaves the release and the files alone", async () => {
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    const outcome = await renderIssueFiles(issue.issueId, "http://127.0.0.1:9");
    expect(outcome.rendered).toBe(0);
    expect(outcome.skipped).toContain("不存在");
    const report = await pageRenderReport(admin);
    expect(report.engine.installed).toBe(false);
    expect(report.troubles.filter((t) => t.issueId === issue.issueId).map((t) => [t.number, t.state])).toEqual([[1, "FAILED"], [2, "FAILED"]]);
    expect((await db().issue.findUniqueOrThrow({ where: { id: issue.issueId }, select: { status: true } })).status).toBe("PUBLISHED");
    expect(await openPageFile(DATE, 1, "pdf")).toBeNull();
  });

  it("starts the pages again for an administrator only, by a job", async () => {
    await expect(renderAgain(chief, issue.issueId)).rejects.toThrow(/只有管理员/);
    await expect(pageRenderReport(chief)).rejects.toThrow(/只有管理员/);
    expect(await renderAgain(admin, issue.issueId)).toBe(2);
    const rows = await db().pageRender.findMany({ where: { issueId: issue.issueId }, select: { state: true, attempts: true } });
    expect(rows).toEqual([{ state: "PENDING", attempts: 0 }, { state: "PENDING", attempts: 0 }]);
    const jobs = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'page-render' AND data->>'issueId' = ${issue.issueId}`;
    expect(jobs[0].n).toBe(2);
  });
});

describe("the page printer when a page cannot be printed", () => {
  // The system's Chromium, as the app uses it; an address where no app answers, so every page fails.
  const NOWHERE = "http://127.0.0.1:9";
  let failing: Awaited<ReturnType<typeof releasableIssue>>;

  beforeAll(async () => {
    if (savedChromium === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = savedChromium;
    failing = await releasableIssue(await makeUser("EDITOR"), { date: "2045-04-13", pages: 2, stories: 2 });
    await releaseNow(chief, failing.issueId);
  });

  const attempts = async () => (await db().pageRender.findMany({ where: { issueId: failing.issueId }, orderBy: { number: "asc" }, select: { state: true, attempts: true } })).map((r) => [r.state, r.attempts]);

  it("two runs at once print each page once: the second finds it claimed", async () => {
    const [a, b] = await Promise.all([renderIssueFiles(failing.issueId, NOWHERE), renderIssueFiles(failing.issueId, NOWHERE)]);
    expect(a.failed.length + b.failed.length).toBe(2);
    expect(await attempts()).toEqual([["FAILED", 1], ["FAILED", 1]]);
    expect([...a.failed, ...b.failed].every((f) => !f.final && /127\.0\.0\.1:9|ERR_CONNECTION_REFUSED/.test(f.error))).toBe(true);
  });

  it("gives a page up after its last attempt, reports it, and is not tried again until an administrator asks", async () => {
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      const outcome = await renderIssueFiles(failing.issueId, NOWHERE);
      expect(outcome.failed.map((f) => f.final)).toEqual([attempt === MAX_ATTEMPTS, attempt === MAX_ATTEMPTS]);
    }
    expect(await renderIssueFiles(failing.issueId, NOWHERE)).toEqual({ rendered: 0, failed: [], skipped: null });
    expect(await attempts()).toEqual([["FAILED", MAX_ATTEMPTS], ["FAILED", MAX_ATTEMPTS]]);
    const listed = (await pageRenderReport(admin)).troubles.filter((t) => t.issueId === failing.issueId);
    expect(listed.map((t) => [t.number, t.attempts]).sort()).toEqual([[1, MAX_ATTEMPTS], [2, MAX_ATTEMPTS]]);
    await renderAgain(admin, failing.issueId);
    expect(await attempts()).toEqual([["PENDING", 0], ["PENDING", 0]]);
  });
});
