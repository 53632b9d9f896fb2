import type { APIRequestContext } from "@playwright/test";
import { expect, newUserPage, query, test } from "./support";

// The e-paper read through the front cache (Varnish with deploy/varnish/newsroom.vcl, started by
// scripts/test.mjs before the test build): what the real Next answers to its router's headers
// never reaches other readers, and a change purges what shows it, not the rest.

const front = process.env.E2E_FRONT_URL ?? "";
test.beforeAll(() => {
  if (!front) throw new Error("no front cache: run the browser tests through scripts/test.mjs, which starts one and names it in E2E_FRONT_URL");
});

type Published = { id: string; headline: string; date: string; page: number };

/** Published news stories no other test corrects or withdraws, each of its own issue when asked. */
async function publishedStories(count: number, { ownIssues = false } = {}): Promise<Published[]> {
  const rows = await query<Published>(
    `SELECT DISTINCT ON (${ownIssues ? "i.date" : "s.id"}) s.id, s.headline, to_char(i.date, 'YYYY-MM-DD') AS date, p.number AS page
       FROM "Story" s JOIN "Placement" pl ON pl."storyId" = s.id JOIN "Page" p ON p.id = pl."pageId" JOIN "Issue" i ON i.id = p."issueId"
      WHERE s.status = 'PUBLISHED' AND i.status = 'PUBLISHED' AND s.kind = 'NEWS_BRIEF' AND s.headline <> ''
        AND NOT EXISTS (SELECT 1 FROM "Correction" c WHERE c."storyId" = s.id)
      ORDER BY ${ownIssues ? "i.date," : ""} s.id DESC`,
  );
  expect(rows.length).toBeGreaterThanOrEqual(count);
  return rows.slice(-count);
}

async function cacheOf(request: APIRequestContext, path: string) {
  const answer = await request.get(`${front}${path}`, { maxRedirects: 0 });
  return { status: answer.status(), cache: answer.headers()["x-cache"], text: await answer.text(), headers: answer.headers() };
}

/** Fetched until the front cache keeps it: the second answer of a fresh page is its copy. */
async function cached(request: APIRequestContext, path: string) {
  await cacheOf(request, path);
  await expect.poll(async () => (await cacheOf(request, path)).cache).toBe("HIT");
}

test("Next's router headers cannot make a reader page a redirect for other readers", async ({ browser, request }) => {
  const [story] = await publishedStories(1);
  const paths = ["/", `/stories/${story.id}`, `/issues/${story.date}/pages/${story.page}`, "/feed.xml"];
  // The header variants Next's router sends: navigation, prefetch, segment prefetch, state tree, intercepting route.
  const variants: Record<string, string>[] = [
    { RSC: "1" },
    { RSC: "1", "Next-Router-Prefetch": "1" },
    { RSC: "1", "Next-Router-Prefetch": "1", "Next-Router-Segment-Prefetch": "/_tree" },
    { RSC: "1", "Next-Router-State-Tree": encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }, null, null, true])) },
    { RSC: "1", "Next-Url": "/search" },
  ];
  for (const path of paths) {
    for (const headers of variants) {
      for (const address of [path, `${path}${path.includes("?") ? "&" : "?"}_rsc=abc`]) {
        for (let i = 0; i < 3; i++) await request.get(`${front}${address}`, { headers, maxRedirects: 0 });
      }
    }
    // A reader's request of the page is the page: no redirect, from the cache the second time.
    const [first, second] = [await cacheOf(request, path), await cacheOf(request, path)];
    expect([first.status, second.status], path).toEqual([200, 200]);
    expect(second.cache, path).toBe("HIT");
    expect(second.headers.location, path).toBeUndefined();
  }
  // A browser reads the front page through the cache and moves to a story by the router (its data
  // requests go through the cache too).
  const reader = await newUserPage(browser);
  const opened = await reader.goto(`${front}/`);
  expect(opened?.status()).toBe(200);
  await reader.goto(`${front}/issues/${story.date}/pages/${story.page}`);
  await reader.getByRole("link", { name: story.headline }).first().click();
  await expect(reader).toHaveURL(`${front}/stories/${story.id}`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(story.headline);
});

test("a correction reaches readers through the front cache at once, and the other issues' pages stay cached", async ({ browser, request }) => {
  const [other, story] = await publishedStories(2, { ownIssues: true });
  expect(other.date).not.toBe(story.date);
  const otherPaths = [`/stories/${other.id}`, `/issues/${other.date}/pages/${other.page}`];
  for (const path of [`/stories/${story.id}`, ...otherPaths]) await cached(request, path);

  const chief = await newUserPage(browser, "zongbian");
  await chief.goto(`/desk/stories/${story.id}`);
  await chief.getByLabel("更正说明（显示在稿件下方，注明日期）").fill("本文所述的开工日期应为十一月二十日。");
  await chief.getByRole("button", { name: "发布更正" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "更正已发布" })).toBeVisible();

  await expect.poll(async () => (await cacheOf(request, `/stories/${story.id}`)).text).toContain("本文所述的开工日期应为十一月二十日。");
  for (const path of otherPaths) expect((await cacheOf(request, path)).cache, path).toBe("HIT");
});

test("a withdrawn story answers 410 Gone at its own address through the front cache", async ({ browser, request }) => {
  const [story] = await publishedStories(1);
  await cached(request, `/stories/${story.id}`);
  const chief = await newUserPage(browser, "zongbian");
  await chief.goto(`/desk/stories/${story.id}`);
  await chief.getByLabel("撤稿原因").fill("稿件所涉工程的开工时间尚待核实。");
  chief.once("dialog", (d) => d.accept());
  await chief.getByRole("button", { name: "撤稿" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "稿件已撤下" })).toBeVisible();

  await expect.poll(async () => (await cacheOf(request, `/stories/${story.id}`)).status).toBe(410);
  const gone = await cacheOf(request, `/stories/${story.id}`);
  expect(gone.headers.location).toBeUndefined();
  expect(gone.text).toContain("稿件已撤回");
});

test("answers that are not pages leave the front cache for nobody else to keep", async ({ request }) => {
  for (const path of ["/issues/2099-01-01", "/stories/cnotastoryatall0000000000"]) {
    const answer = await cacheOf(request, path);
    expect(answer.status, path).toBe(404);
    expect(answer.headers["cache-control"], path).toBe("public, max-age=0, must-revalidate");
  }
});
