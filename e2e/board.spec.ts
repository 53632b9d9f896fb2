import type { Page } from "@playwright/test";
import { expect, expectStatus, newUserPage, query, test } from "./support";
import { boardColumn, dragTo, keepOnlyFirstPage, newIssue, reviewedThrough, proofreadInDb } from "./desk-steps";

// The page desk: editors plan and arrange pages on the board, reporters write for planned slots.

const unique = () => Date.now().toString().slice(-6);


/** A brief filed by a correspondent and approved by the desk, through the app. */
async function approvedBrief(reporter: Page, editor: Page, headline: string) {
  await reporter.goto("/desk/stories/new");
  await reporter.getByLabel("主题（标题）").fill(headline);
  await reporter.getByLabel("正文第 1 段").fill(`${headline}。近日，有关部门召开会议部署相关工作，要求各单位抓好落实。`);
  await reporter.getByRole("button", { name: /^署我的名字/ }).click();
  await reporter.getByRole("button", { name: "提交审稿" }).click();
  await expectStatus(reporter, "已提交");
  await editor.goto(new URL(reporter.url()).pathname);
  await editor.getByRole("button", { name: "初审通过" }).click();
  await editor.waitForURL(/\/desk\/queue/);
  return new URL(reporter.url()).pathname;
}

const column = boardColumn;

test("an editor plans a slot; the assigned reporter writes for it; approved, the story takes the slot's place", async ({ browser }) => {
  const topic = `雪后清雪保通${unique()}`;
  const editor = await newUserPage(browser, "bianji");
  const board = await newIssue(editor, 40);

  const page2 = column(editor, 2);
  await page2.getByText("加计划稿").click();
  await page2.getByLabel("选题").fill(topic);
  await page2.getByLabel("记者").selectOption({ label: "张晗（伊通满族自治县融媒体中心）" });
  // Typed the paper's way, 24-hour, whatever the browser's language.
  await page2.getByLabel("截稿时间（北京时间）").fill("2030年1月1日 18:00");
  await page2.getByRole("button", { name: "排上计划稿" }).click();
  await expect(editor.getByTestId("board-message")).toHaveText("计划稿已排上，已通知记者");
  await expect(page2.getByTestId("board-item")).toContainText(`计划稿“${topic}”`);
  await expect(page2).toContainText("计划稿未到");

  const reporter = await newUserPage(browser, "zhanghan");
  await reporter.goto("/desk/inbox");
  await expect(reporter.getByTestId("inbox-message").first()).toContainText(`约你写稿：“${topic}”`);
  await reporter.goto("/desk/stories");
  const assignment = reporter.getByTestId("assignment").filter({ hasText: topic });
  await assignment.getByRole("link", { name: "写这篇稿" }).click();
  await expect(reporter.getByRole("note")).toContainText(`为约稿“${topic}”写稿`);
  await reporter.getByLabel("主题（标题）").fill(`伊通县清雪保通 ${topic}`);
  await reporter.getByLabel("正文第 1 段").fill("雪停后，伊通满族自治县组织清雪机械连夜作业，全县农村公路已全部恢复通行。");
  await reporter.getByRole("button", { name: /^署我的名字/ }).click();
  await reporter.getByRole("button", { name: "提交审稿" }).click();
  await expectStatus(reporter, "已提交");
  const storyPath = new URL(reporter.url()).pathname;

  await editor.goto(storyPath);
  await editor.getByRole("button", { name: "通过" }).click();
  await editor.waitForURL(/\/desk\/queue/);
  await editor.goto(board);
  await expect(column(editor, 2).getByRole("link", { name: `伊通县清雪保通 ${topic}` })).toBeVisible();
  await expect(column(editor, 2)).not.toContainText("计划稿未到");
});

test("stories move onto and between pages by drag and by keyboard, without a reload, and stay there", async ({ browser }) => {
  const tag = unique();
  const reporter = await newUserPage(browser, "wangyu");
  const editor = await newUserPage(browser, "bianji");
  const [first, second] = [`双辽市冬储菜上市${tag}`, `双辽市新增公交线路${tag}`];
  await approvedBrief(reporter, editor, first);
  await approvedBrief(reporter, editor, second);
  const board = await newIssue(editor, 41);
  await editor.evaluate(() => ((window as unknown as { boardMarker: number }).boardMarker = 1));

  // Drag from the waiting copy onto page 1.
  const waitingCard = editor.getByTestId("waiting-story").filter({ hasText: first });
  await dragTo(editor, waitingCard.getByRole("button", { name: `拖动《${first}》` }), column(editor, 1).getByRole("list", { name: "第1版的稿件" }));
  await expect(column(editor, 1).getByRole("link", { name: first })).toBeVisible();
  await expect(editor.getByTestId("board-message")).toHaveText("已上版");

  // The second by keyboard from the waiting copy: lift, step right onto page 1 then page 2; Escape
  // puts it back, Space drops it. Screen readers hear where the story is going.
  const announced = (text: string) => expect(editor.locator("[role=status][aria-live]").filter({ hasText: text })).toHaveCount(1);
  const waitingHandle = editor.getByTestId("waiting-story").filter({ hasText: second }).getByRole("button", { name: `拖动《${second}》` });
  await waitingHandle.focus();
  await editor.keyboard.press("Space");
  await editor.keyboard.press("ArrowRight");
  await announced(`《${second}》移到第1版要闻`);
  await editor.keyboard.press("Escape");
  await announced(`已取消，《${second}》放回原处`);
  await waitingHandle.focus();
  await editor.keyboard.press("Space");
  await editor.keyboard.press("ArrowRight");
  await announced(`《${second}》移到第1版要闻`);
  await editor.keyboard.press("ArrowRight");
  await announced(`《${second}》移到第2版综合`);
  await editor.keyboard.press("Space");
  await expect(column(editor, 2).getByRole("link", { name: second })).toBeVisible();
  await expect(editor.getByTestId("waiting-story").filter({ hasText: second })).toHaveCount(0);

  // Then on to page 3, as a placed story moves.
  const handle = column(editor, 2).getByRole("button", { name: `拖动《${second}》` });
  await handle.focus();
  await editor.keyboard.press("Space");
  await editor.keyboard.press("ArrowRight");
  await announced(`《${second}》移到第3版县区新闻`);
  await editor.keyboard.press("Space");
  await expect(column(editor, 3).getByRole("link", { name: second })).toBeVisible();
  await expect(editor.getByTestId("board-message")).toHaveText("已移动");

  // No page load happened; after one, everything is where it was put.
  expect(await editor.evaluate(() => (window as unknown as { boardMarker?: number }).boardMarker)).toBe(1);
  await editor.goto(board);
  await expect(column(editor, 1).getByRole("link", { name: first })).toBeVisible();
  await expect(column(editor, 3).getByRole("link", { name: second })).toBeVisible();
  await expect(column(editor, 3).getByText("头条", { exact: true }).first()).toBeVisible();
});

test("two editors on one board: a move made on an old page is refused and the board shows the page as it is", async ({ browser }) => {
  const tag = unique();
  const reporter = await newUserPage(browser, "duwen");
  const first = await newUserPage(browser, "bianji");
  const story = `铁西区长者食堂扩点${tag}`;
  await approvedBrief(reporter, first, story);
  const board = await newIssue(first, 42);
  await first.getByLabel(`为“${story}”选择版面`).selectOption({ label: "第1版 要闻" });
  await first.getByRole("button", { name: `上版：${story}` }).click();
  await expect(column(first, 1).getByRole("link", { name: story })).toBeVisible();

  const second = await newUserPage(browser, "bianji2");
  // The second board has not heard of the first's change yet: its watch is held back.
  await second.route("**/board-version", (route) => route.abort());
  await second.goto(board);
  // The first editor changes the page; the second still shows the old version.
  await column(first, 1).getByLabel(`《${story}》的版面大小`).selectOption("BANNER");
  await expect(first.getByTestId("board-message")).toHaveText("已改大小");
  await column(second, 1).getByLabel(`《${story}》的版面大小`).selectOption("DOUBLE");
  await expect(second.getByTestId("board-message")).toContainText("版面刚被他人改动");
  await expect(column(second, 1).getByLabel(`《${story}》的版面大小`)).toHaveValue("BANNER");
  const [{ size }] = await query<{ size: string }>(`SELECT size FROM "Placement" pl JOIN "Story" s ON s.id = pl."storyId" WHERE s.headline = $1`, [story]);
  expect(size).toBe("BANNER");
});

test("two editors on one issue see each other's changes without reloading, and the release panel follows the pages", async ({ browser }) => {
  const tag = unique();
  const reporter = await newUserPage(browser, "zhaochen");
  const first = await newUserPage(browser, "bianji");
  const story = `铁东区冰雪运动进校园${tag}`;
  await approvedBrief(reporter, first, story);
  const board = await newIssue(first, 47);
  const second = await newUserPage(browser, "bianji2");
  await second.goto(board);
  for (const editor of [first, second]) await editor.evaluate(() => ((window as unknown as { boardMarker: number }).boardMarker = 1));
  const emptyPages = (editor: Page) => editor.getByTestId("release-problems").getByRole("listitem").filter({ hasText: "没有稿件" });
  await expect(emptyPages(second)).toContainText("第4版（副刊）");

  // The second editor is typing a slot's topic when the first places the story on page 4.
  await column(second, 2).getByText("加计划稿").click();
  await column(second, 2).getByLabel("选题").fill("春节前物价巡查");
  await first.getByLabel(`为“${story}”选择版面`).selectOption({ label: "第4版 副刊" });
  await first.getByRole("button", { name: `上版：${story}` }).click();
  await expect(column(first, 4).getByRole("link", { name: story })).toBeVisible();
  await expect(emptyPages(first)).not.toContainText("第4版");

  // Once out of the field, the second sees it all; what they typed is still there.
  await second.getByRole("heading", { level: 1 }).click();
  await expect(column(second, 4).getByRole("link", { name: story })).toBeVisible();
  await expect(emptyPages(second)).not.toContainText("第4版");
  await expect(column(second, 2).getByLabel("选题")).toHaveValue("春节前物价巡查");

  // And the other way round.
  await column(second, 4).getByLabel(`《${story}》的版面大小`).selectOption("BANNER");
  await expect(second.getByTestId("board-message")).toHaveText("已改大小");
  await expect(column(first, 4).getByLabel(`《${story}》的版面大小`)).toHaveValue("BANNER");
  for (const editor of [first, second]) expect(await editor.evaluate(() => (window as unknown as { boardMarker?: number }).boardMarker)).toBe(1);
});

test("every page column fits a laptop screen, 1280 px wide and up", async ({ browser }) => {
  const editor = await newUserPage(browser, "bianji");
  await newIssue(editor, 48);
  for (const width of [1280, 1366, 1440]) {
    await editor.setViewportSize({ width, height: 800 });
    for (const n of [1, 2, 3, 4]) {
      const box = (await column(editor, n).boundingBox())!;
      expect(box.x, `第${n}版 at ${width} px`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `第${n}版 at ${width} px`).toBeLessThanOrEqual(width);
    }
    // Nothing of the board runs off to the side either.
    expect(await editor.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  }
});

test("pages are sent for sign-off and signed from their proof; an edit to a story on a signed page sends it back to 待签", async ({ browser }) => {
  const tag = unique();
  const reporter = await newUserPage(browser, "lixue");
  const editor = await newUserPage(browser, "bianji");
  const headline = `全市新增冬季便民服务点${tag}`;
  await reviewedThrough(browser, await approvedBrief(reporter, editor, headline));
  const board = await newIssue(editor, 43);
  await editor.getByLabel(`为“${headline}”选择版面`).selectOption({ label: "第1版 要闻" });
  await editor.getByRole("button", { name: `上版：${headline}` }).click();
  await expect(column(editor, 1).getByRole("link", { name: headline })).toBeVisible();
  // A one-page issue: the empty pages go, and the next page to add is page 2.
  await keepOnlyFirstPage(editor);
  await expect(editor.getByLabel("版次")).toHaveValue("2");

  await editor.goto(`${board}/pages/1`);
  await editor.getByRole("button", { name: "送值班总编签版" }).click();
  await expect(editor.getByText("待签", { exact: true }).first()).toBeVisible();

  const chief = await newUserPage(browser, "zongbian");
  await proofreadInDb(board, 1);
  await chief.goto(`${board}/pages/1`);
  chief.once("dialog", (d) => d.accept());
  await chief.getByRole("button", { name: "签版" }).click();
  await expect(chief.getByText("已签", { exact: true }).first()).toBeVisible();
  await editor.goto(board);
  await expect(column(editor, 1).getByTestId("page-status")).toHaveText("已签");

  // The desk changes the copy of a story on the signed page.
  await column(editor, 1).getByRole("link", { name: headline }).click();
  await editor.getByLabel("主题（标题）").fill(`${headline}（改）`);
  await editor.getByRole("button", { name: "保存" }).click();
  await expect(editor.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await editor.goto(board);
  await expect(column(editor, 1).getByTestId("page-status")).toHaveText("待签");
  await chief.goto("/desk/inbox");
  await expect(chief.getByTestId("inbox-message").first()).toContainText("第1版签版后有改动");
  const [{ reopened }] = await query<{ reopened: number }>(
    `SELECT count(*)::int AS reopened FROM "AuditEvent" a JOIN "Page" p ON p.id = a."targetId" JOIN "Issue" i ON i.id = p."issueId" WHERE a.action = 'page.reopen' AND i.id = $1`,
    [board.split("/").pop()],
  );
  expect(reopened).toBe(1);
});

test("each page column says its 截稿 and 签版 times: a page with copy and no slot waiting has its copy in, an empty or unsigned one is still to do", async ({ browser }) => {
  const reporter = await newUserPage(browser, "zhanghan");
  const editor = await newUserPage(browser, "bianji");
  const headline = `梨树县新建冷链仓库投用${unique()}`;
  await approvedBrief(reporter, editor, headline);
  const board = await newIssue(editor, 49);
  await editor.goto(board);
  const chips = column(editor, 1).getByRole("list", { name: "截稿与签版" });
  // The demo paper's times: 20:00 and 23:00 on the eve of the issue's date, weeks away; the page is empty.
  await expect(chips.getByRole("listitem").filter({ hasText: /^截稿 .*20:00$/ })).toHaveAttribute("data-deadline", "on_time");
  await expect(chips.getByRole("listitem").filter({ hasText: /^签版 .*23:00$/ })).toHaveAttribute("data-deadline", "on_time");
  // Copy placed on it: its copy is in; it is still to be signed.
  const card = editor.getByTestId("waiting-story").filter({ hasText: headline });
  await card.getByRole("button", { name: "上版" }).click();
  await expect(editor.getByTestId("board-message")).toHaveText("已上版");
  await expect(chips.getByRole("listitem").filter({ hasText: /^截稿 .*20:00 · 已完成$/ })).toHaveAttribute("data-deadline", "done");
  await expect(chips.getByRole("listitem").filter({ hasText: /^签版 .*23:00$/ })).toHaveAttribute("data-deadline", "on_time");
});
