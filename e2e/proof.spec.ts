import { expect, test, newUserPage, expectAccessible, expectFitsPhone } from "./support";
import { makeProofIssue, type FixtureIssue } from "./page-fixtures";

// The proof (大样): the page as it will print, before release, for the newsroom only. The issue is
// made for these tests: page 1 has lixue's lead, wangyu's brief, a slot planned for duwen and a
// quarter-page ad; page 2 has zhanghan's story alone.

let issue: FixtureIssue;
const proof = (number: number) => `/desk/issues/${issue.id}/pages/${number}`;

test.beforeAll(async () => {
  issue = await makeProofIssue("2031-03-03", 99001);
});

test("an editor reads the proof of an unreleased page: the page as printed, its planned slot and ad, its state above it", async ({ browser }) => {
  const page = await newUserPage(browser, "bianji");
  await page.setViewportSize({ width: 1280, height: 900 });
  expect((await page.goto(proof(1)))?.status()).toBe(200);
  const sheet = page.locator("article.printed-page");
  await expect(sheet.getByRole("heading", { level: 1 })).toHaveText("第1版 · 要闻");
  const masthead = sheet.locator(".masthead");
  await expect(masthead).toContainText("2031年3月3日 星期一");
  await expect(masthead).toContainText(/农历[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年/);
  await expect(masthead).toContainText("总第99001期");

  await expect(page.getByTestId("page-status")).toHaveText("组版中");
  await expect(page.getByTestId("page-fill")).toHaveText(/^已用 [\d,]+ \/ 9,792 字（\d+%）$/);
  await expect(page.getByRole("list", { name: "本版提示" })).toHaveText(/计划稿未到\s*未签/);
  await expect(page.getByRole("link", { name: "← 返回版面编排" })).toHaveAttribute("href", `/desk/issues/${issue.id}`);

  // Planned space, drawn as such: topic, reporter, length, deadline.
  const slot = sheet.locator(".page-grid .planned-space");
  await expect(slot).toContainText("计划稿 · 双栏");
  await expect(slot).toContainText("冬季供暖保障调度会");
  await expect(slot).toContainText("杜雯");
  await expect(slot).toContainText("1,200 字");
  await expect(slot).toContainText("3月3日 18:00");
  await expect(sheet.getByText("广告 · 商业广告 · 占版 25%")).toBeVisible();
  await expect(sheet.locator(".page-foot")).toHaveText(/责任编辑 陈静\s*校对 李静/);

  // Stories lead to the desk's copy, not to a reader page that does not exist yet.
  const lead = issue.storyIds["城乡公交通到家门口"];
  await expect(sheet.locator(".page-grid").getByRole("link", { name: "城乡公交通到家门口" })).toHaveAttribute("href", `/desk/stories/${lead}`);
  await expect(page.getByRole("navigation", { name: "标题导航" }).getByRole("link")).toHaveText(["百姓出行更便利城乡公交通到家门口", "老旧小区供热管网完成排查"]);
  await page.getByRole("navigation", { name: "版面导航" }).getByRole("link", { name: "第2版 综合" }).click();
  await expect(page).toHaveURL(new RegExp(`${proof(2)}$`));
  await expectAccessible(page);
});

test("a correspondent sees the proof of a page only with their own work on it, and nobody else's unreleased copy", async ({ browser }) => {
  const stranger = await newUserPage(browser, "zhanghan");
  expect((await stranger.goto(proof(1)))?.status()).toBe(404);
  expect((await stranger.goto(proof(2)))?.status()).toBe(200);
  await expect(stranger.locator(".page-grid")).toContainText("废旧物品回收可换积分");

  const author = await newUserPage(browser, "lixue");
  expect((await author.goto(proof(1)))?.status()).toBe(200);
  const grid = author.locator(".page-grid");
  await expect(grid.getByRole("link", { name: "城乡公交通到家门口" })).toBeVisible();
  await expect(grid).toContainText("其他稿件（见报前仅编辑可见）");
  await expect(author.locator("body")).not.toContainText("老旧小区供热管网完成排查");
  await expect(author.locator("body")).not.toContainText("冬季供暖保障调度会");
  await expect(author.getByRole("navigation", { name: "标题导航" }).getByRole("link")).toHaveText(["百姓出行更便利城乡公交通到家门口"]);

  const assignee = await newUserPage(browser, "duwen");
  expect((await assignee.goto(proof(1)))?.status()).toBe(200);
  await expect(assignee.locator(".page-grid .planned-space").first()).toContainText("冬季供暖保障调度会");
  expect((await assignee.goto(proof(2)))?.status()).toBe(404);

  const admin = await newUserPage(browser, "admin");
  expect((await admin.goto(proof(1)))?.status()).toBe(404);

  const editor = await newUserPage(browser, "bianji");
  expect((await editor.goto(proof(9)))?.status()).toBe(404);
  expect((await editor.goto(`/desk/issues/nosuchissue/pages/1`))?.status()).toBe(404);
});

test("visitors without an account are sent to sign in, and the reader address of the unreleased page is not found", async ({ page }) => {
  await page.goto(proof(1));
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdesk%2Fissues%2F/);
  expect((await page.goto(`/issues/${issue.date}/pages/1`))?.status()).toBe(404);
  expect((await page.goto(`/issues/${issue.date}`))?.status()).toBe(404);
});

test("a proof prints on its format's paper (对开 390 × 540 mm) with its masthead and credits, without the desk's navigation", async ({ browser }) => {
  const page = await newUserPage(browser, "bianji");
  await page.goto(proof(1));
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".masthead")).toBeVisible();
  await expect(page.locator(".page-foot")).toBeVisible();
  await expect(page.locator(".page-grid")).toBeVisible();
  for (const name of ["版面导航", "标题导航", "翻版", "采编"]) await expect(page.getByRole("navigation", { name })).toBeHidden();
  await expect(page.getByTestId("page-status")).toBeHidden();
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  // 对开 is 390 × 540 mm: 1105.5 × 1530.7 points.
  const [, width, height] = pdf.match(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/) ?? [];
  expect([Math.round(Number(width)), Math.round(Number(height))]).toEqual([1106, 1531]);
});

test("a proof fits a 360 px phone as the reader's page would", async ({ browser }) => {
  const page = await newUserPage(browser, "bianji");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(proof(1));
  await expect(page.getByRole("list", { name: "本版稿件" })).toContainText("冬季供暖保障调度会");
  await expectFitsPhone(page);
  await expectAccessible(page);
});
