import { expect, test, query, expectAccessible, expectFitsPhone, expectHeadingsInOrder } from "./support";
import { makeJumpIssue, setPaperProfile, type FixtureIssue } from "./page-fixtures";

// The e-paper as readers meet it, on the seeded demo issues.

async function aPublishedStory() {
  const [row] = await query<{ id: string; headline: string; date: string; page: number; body: string; username: string; name: string }>(
    `SELECT s.id, s.headline, to_char(i.date, 'YYYY-MM-DD') AS date, p.number AS page, s.body::text AS body, u.username, u.name
     FROM "Story" s JOIN "Placement" pl ON pl."storyId" = s.id JOIN "Page" p ON p.id = pl."pageId" JOIN "Issue" i ON i.id = p."issueId" JOIN "User" u ON u.id = s."authorId"
     WHERE s.status = 'PUBLISHED' AND s.kind = 'FEATURE' AND jsonb_array_length(s."body") > 3 AND s.body::text LIKE '%"photo"%' ORDER BY i.date LIMIT 1`,
  );
  return row;
}

test("a reader moves from today's issue through its pages to a story and back", async ({ page }) => {
  // Today's demo issue, not whatever the other tests released last (issues dated ahead, one page each).
  const [today] = await query<{ date: string }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM "Issue" WHERE status = 'PUBLISHED' AND date <= (now() AT TIME ZONE 'Asia/Shanghai')::date ORDER BY date DESC LIMIT 1`,
  );
  await page.goto(`/issues/${today.date}/pages/1`);
  const pageNav = page.getByRole("navigation", { name: "版面导航" });
  await expect(pageNav.getByRole("link", { name: "第1版 要闻" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: /下一版：综合/ }).click();
  await expect(page).toHaveURL(/\/issues\/\d{4}-\d{2}-\d{2}\/pages\/2$/);
  await expect(pageNav.getByRole("link", { name: "第2版 综合" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: /上一版：要闻/ }).click();
  await expect(page).toHaveURL(/\/pages\/1$/);
  await page.getByRole("link", { name: "上一期" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("总第");
  const first = page.locator("main section ul a").first();
  const title = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});

test("story page: where it ran, byline page, tags, and the next story on the page", async ({ page }) => {
  const story = await aPublishedStory();
  await page.goto(`/stories/${story.id}`);
  await expect(page.getByRole("navigation", { name: "位置" })).toContainText(`第${story.page}版`);
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd).toMatchObject({ "@type": "NewsArticle", headline: story.headline });
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", story.headline);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/stories/${story.id}$`));
  const img = page.locator("article figure img").first();
  expect(Number(await img.getAttribute("width"))).toBeGreaterThan(0);
  expect(Number(await img.getAttribute("height"))).toBeGreaterThan(0);
  expect(await img.getAttribute("srcset")).toContain("480w");

  const next = page.getByRole("navigation", { name: "本版稿件" }).getByRole("link").last();
  await next.click();
  await expect(page).not.toHaveURL(new RegExp(`/stories/${story.id}$`));
  await expect(page.getByRole("navigation", { name: "本版稿件" })).toContainText("本版上一篇");

  await page.goto(`/stories/${story.id}`);
  const tagLink = page.getByRole("list", { name: "标签" }).getByRole("link").first();
  await tagLink.click();
  await expect(page).toHaveURL(/\/tags\//);
  await expect(page.getByRole("link", { name: story.headline })).toBeVisible();

  await page.goto(`/stories/${story.id}`);
  await page.locator("article > p").first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/authors/${story.username}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(story.name);
  await expect(page.getByRole("link", { name: story.headline })).toBeVisible();
});

test("back-issue calendar: days with an issue are links, months move back and forth", async ({ page }) => {
  const issues = await query<{ date: string }>(`SELECT to_char(date, 'YYYY-MM-DD') AS date FROM "Issue" WHERE status = 'PUBLISHED' ORDER BY date DESC`);
  const latest = issues[0].date;
  await page.goto("/calendar");
  await expect(page).toHaveURL(new RegExp(`/calendar/${latest.slice(0, 7)}$`));
  const inMonth = issues.filter((i) => i.date.startsWith(latest.slice(0, 7)));
  await expect(page.getByRole("table").getByRole("link")).toHaveCount(inMonth.length);
  const [y, m] = latest.split("-").map(Number);
  const previousMonth = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  await page.getByRole("link", { name: "上个月" }).click();
  await expect(page).toHaveURL(new RegExp(`/calendar/${previousMonth}$`));
  await page.getByRole("link", { name: "下个月" }).click();
  await expect(page).toHaveURL(new RegExp(`/calendar/${latest.slice(0, 7)}$`));
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/issues/${inMonth[inMonth.length - 1].date}$`));
  expect((await page.goto("/calendar/2026-13"))?.status()).toBe(404);
});

test("search finds Chinese words inside the body, highlights them, and answers odd queries calmly", async ({ page }) => {
  const story = await aPublishedStory();
  // A two-character word from the middle of the story's body text, not its headline.
  const paragraph = (JSON.parse(story.body) as { type: string; text?: string }[]).filter((b) => b.type === "paragraph")[1].text!;
  const word = Array.from(paragraph).slice(6).join("").match(/[\u4e00-\u9fff]{2}/u)![0];
  await page.goto(`/search?${new URLSearchParams({ q: word, from: story.date, to: story.date })}`);
  await expect(page.getByRole("link", { name: story.headline })).toBeVisible();
  const card = page.locator("li", { has: page.getByRole("link", { name: story.headline }) });
  await expect(card.locator("mark").first()).toHaveText(word);

  await page.goto("/search?q=%E7%A7%B8%E7%A7%86");
  await expect(page.getByRole("status")).toContainText("篇包含“秸秆”");
  await expect(page.locator("mark").first()).toHaveText("秸秆");

  await page.goto("/search?q=");
  await expect(page.getByText("输入关键词")).toBeVisible();
  await page.goto("/search?q=%E7%A7%B8");
  await expect(page.getByRole("status")).toHaveText("请至少输入两个字：一个字几乎出现在每篇稿件里。");
  const long = await page.goto(`/search?q=${encodeURIComponent("秋收".repeat(100))}`);
  expect(long?.status()).toBe(200);
  await expect(page.getByRole("status")).toContainText("关键词过长");
  await page.goto(`/search?q=${encodeURIComponent("%_\\'\"<script>")}`);
  await expect(page.getByRole("status")).toContainText("没有找到");
});

test("feeds and the sitemap are well-formed XML", async ({ page, request }) => {
  await page.goto("/");
  for (const path of ["/feed.xml", `/tags/${encodeURIComponent("梨树县")}/feed.xml`, "/sitemap.xml", "/sitemaps/static.xml"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const text = await response.text();
    const parsed = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, "application/xml");
      return { error: doc.getElementsByTagName("parsererror").length, items: doc.getElementsByTagName("item").length + doc.getElementsByTagName("sitemap").length + doc.getElementsByTagName("url").length };
    }, text);
    expect(parsed.error, path).toBe(0);
    expect(parsed.items, path).toBeGreaterThan(0);
  }
});

test("unknown issues, pages and stories answer 404", async ({ page }) => {
  expect((await page.goto("/issues/1999-01-01"))?.status()).toBe(404);
  expect((await page.goto("/issues/not-a-date"))?.status()).toBe(404);
  expect((await page.goto("/stories/doesnotexist123"))?.status()).toBe(404);
  expect((await page.goto("/tags/%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA"))?.status()).toBe(404);
});

test("every reader page type passes axe and fits a 360 px phone", async ({ browser }) => {
  const story = await aPublishedStory();
  // A story with 小标题, whose headings sit under the story's own.
  const [withSubheads] = await query<{ id: string }>(`SELECT id FROM "Story" WHERE status = 'PUBLISHED' AND body::text LIKE '%"subhead"%' LIMIT 1`);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const paths = [
    "/",
    `/issues/${story.date}`,
    `/issues/${story.date}/pages/${story.page}`,
    `/stories/${story.id}`,
    `/stories/${withSubheads.id}`,
    `/calendar/${story.date.slice(0, 7)}`,
    "/tags",
    `/tags/${encodeURIComponent("梨树县")}`,
    `/authors/${story.username}`,
    `/search?q=${encodeURIComponent("秸秆")}`,
  ];
  for (const path of paths) {
    await page.goto(path);
    await expectFitsPhone(page);
    await expectAccessible(page);
    await expectHeadingsInOrder(page);
  }
});

test.describe("the printed page", () => {
  // A released issue made for these tests, on a date no other test reads: page 1 with credits and
  // a story continued on page 2. The paper profile is filled for the masthead.
  let issue: FixtureIssue;
  test.beforeAll(async () => {
    await setPaperProfile({ name: "吉平日报", cnNumber: "CN 22-0099", postalCode: "11-35", publisher: "中共吉平市委主办" });
    issue = await makeJumpIssue("2025-01-29", 8801);
  });

  test("page 1 carries the masthead with 农历 and 总第N期, 标题导航 beside it and the credits at its foot; print keeps the page, not the navigation", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/issues/${issue.date}/pages/1`);
    const sheet = page.locator("article.printed-page");
    const masthead = sheet.locator(".masthead");
    for (const text of ["吉平日报", "中共吉平市委主办", "2025年1月29日 星期三", "农历乙巳年正月初一", "总第8801期", "国内统一连续出版物号 CN 22-0099", "邮发代号 11-35"]) {
      await expect(masthead).toContainText(text);
    }
    const foot = sheet.locator(".page-foot");
    await expect(foot).toHaveText(/责任编辑 刘明\s*美术编辑 王芳\s*校对 李静/);
    const footTop = (await foot.boundingBox())!.y;
    for (const story of await sheet.locator(".page-grid article").all()) {
      const box = (await story.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(footTop);
    }

    const nav = page.getByRole("navigation", { name: "标题导航" });
    await expect(nav.getByRole("link")).toHaveText(["家门口的阅读空间十二个“城市书房”全部开放", "百姓出行更便利城乡公交通到家门口", "老旧小区供热管网完成排查"]);
    const [navBox, sheetBox] = [(await nav.boundingBox())!, (await sheet.boundingBox())!];
    expect(navBox.x).toBeGreaterThanOrEqual(sheetBox.x + sheetBox.width);
    expect(navBox.y).toBeLessThan(sheetBox.y + 200);
    await expectAccessible(page);

    await page.emulateMedia({ media: "print" });
    await expect(masthead).toBeVisible();
    await expect(foot).toBeVisible();
    for (const name of ["版面导航", "标题导航", "站点", "翻版"]) await expect(page.getByRole("navigation", { name })).toBeHidden();
  });

  test("a story continued on another page says 下转 and 上接, each linking to the other half", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const id = issue.storyIds["城乡公交通到家门口"];
    await page.goto(`/issues/${issue.date}/pages/1`);
    const first = page.locator(`#story-${id}`);
    await expect(first).toContainText("入冬以来");
    await expect(first).not.toContainText("暖心车");
    // A link that is not there fails within the expect timeout, not the test's.
    await first.getByRole("link", { name: "（下转第2版）" }).click({ timeout: 30_000 });
    await expect(page).toHaveURL(new RegExp(`/issues/${issue.date}/pages/2#story-${id}$`));
    const rest = page.locator(`#story-${id}`);
    await expect(rest).toContainText("暖心车");
    await expect(rest).not.toContainText("入冬以来");
    await rest.getByRole("link", { name: "（上接第1版）" }).click({ timeout: 30_000 });
    await expect(page).toHaveURL(new RegExp(`/issues/${issue.date}/pages/1#story-${id}$`));
    await expect(page.getByRole("navigation", { name: "标题导航" })).toContainText("下转第2版");
  });
});

test("on a phone the front page is its headlines with first lines and photos, not every story in full", async ({ browser }, testInfo) => {
  // The seeded front page with the most stories on it.
  const [front] = await query<{ date: string }>(
    `SELECT to_char(i.date, 'YYYY-MM-DD') AS date FROM "Issue" i JOIN "Page" p ON p."issueId" = i.id JOIN "Placement" pl ON pl."pageId" = p.id
     WHERE i.status = 'PUBLISHED' AND p.number = 1 GROUP BY i.id ORDER BY count(*) DESC, i.date DESC LIMIT 1`,
  );
  const stories = await query<{ id: string; headline: string; body: string }>(
    `SELECT s.id, s.headline, s.body::text AS body FROM "Story" s JOIN "Placement" pl ON pl."storyId" = s.id JOIN "Page" p ON p.id = pl."pageId" JOIN "Issue" i ON i.id = p."issueId"
     WHERE to_char(i.date, 'YYYY-MM-DD') = $1 AND p.number = 1 AND s.status = 'PUBLISHED'`,
    [front.date],
  );
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`/issues/${front.date}/pages/1`);
  const list = page.getByRole("list", { name: "本版稿件" });
  for (const story of stories) {
    const card = list.locator("li").filter({ has: page.locator(`a[href="/stories/${story.id}"]`) });
    const paragraphs = (JSON.parse(story.body) as { type: string; text?: string }[]).filter((b) => b.type === "paragraph").map((b) => b.text!);
    if (story.headline) await expect(card.getByRole("link", { name: story.headline })).toBeVisible();
    // Its first lines show; what comes after the first paragraph does not.
    if (paragraphs[0]) await expect(card).toContainText(paragraphs[0].slice(0, 12));
    if (paragraphs[1]) await expect(list).not.toContainText(paragraphs[1].slice(0, 20));
  }
  await expect(list.locator("img").first()).toBeVisible();
  await expect(page.locator(".page-grid")).toBeHidden();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  testInfo.annotations.push({ type: "front page height at 360 px", description: `${height} px` });
  console.log(`front page ${front.date} at 360 px: ${height} px tall`);
  expect(height).toBeLessThan(1600);
  await expectFitsPhone(page);
});
