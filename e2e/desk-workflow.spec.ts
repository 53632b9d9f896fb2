import { expect, test, newUserPage, query, signIn } from "./support";

async function submittedStoryId(author: string): Promise<{ id: string; headline: string }> {
  const [row] = await query<{ id: string; headline: string }>(
    `SELECT s.id, s.headline FROM "Story" s JOIN "User" u ON u.id = s."authorId" WHERE u.username = $1 AND s.status = 'SUBMITTED' ORDER BY s."createdAt" LIMIT 1`,
    [author],
  );
  return row;
}

test("two editors on one story: the second sees the lock, takes over, and the first keeps their text", async ({ browser }) => {
  const story = await submittedStoryId("wangyu");
  const first = await newUserPage(browser, "bianji");
  await first.goto(`/desk/stories/${story.id}`);
  await expect(first.getByLabel("主题（标题）")).toBeEnabled();
  await first.getByLabel("主题（标题）").fill(`${story.headline}（刘明改）`);
  await expect(first.getByTestId("save-state")).toContainText("已自动保存", { timeout: 45_000 });

  const second = await newUserPage(browser, "bianji2");
  await second.goto(`/desk/stories/${story.id}`);
  await expect(second.getByTestId("lock-holder")).toContainText("刘明 正在编辑");
  await expect(second.getByLabel("主题（标题）")).toBeDisabled();
  await expect(second.getByLabel("主题（标题）")).toHaveValue(`${story.headline}（刘明改）`);
  await second.getByRole("button", { name: "接管编辑" }).click();
  await expect(second.getByLabel("主题（标题）")).toBeEnabled();
  // The second editor carries on from the first editor's saved text, and their save is accepted.
  await expect(second.getByLabel("主题（标题）")).toHaveValue(`${story.headline}（刘明改）`);
  await second.getByLabel("正文第 1 段").fill("陈静接管后修改的导语。");
  await second.getByRole("button", { name: "保存" }).click();
  await expect(second.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();

  // Within seconds the first editor is told, the form turns read-only, and nothing typed is gone.
  await expect(first.getByRole("alert").filter({ hasText: "陈静 已接管这篇稿件的编辑" })).toBeVisible({ timeout: 45_000 });
  await expect(first.getByLabel("主题（标题）")).toBeDisabled();
  await expect(first.getByLabel("主题（标题）")).toHaveValue(`${story.headline}（刘明改）`);
  await first.goto("/desk/inbox");
  await expect(first.getByTestId("inbox-message").first()).toHaveText("陈静 接管了稿件的编辑");
});

test("a stale save is refused and shows both texts side by side", async ({ browser }) => {
  // The same person in two tabs: both hold the lock, so only the version check stands between them.
  const context = await browser.newContext();
  const tabA = await context.newPage();
  await signIn(tabA, "zhaochen");
  await tabA.goto("/desk/stories/new");
  await tabA.getByLabel("主题（标题）").fill("原标题");
  await tabA.getByRole("button", { name: "保存" }).click();
  await expect(tabA.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await tabA.waitForURL(/\/desk\/stories\/[a-z0-9]+/);
  const tabB = await context.newPage();
  await tabB.goto(new URL(tabA.url()).pathname);
  await expect(tabB.getByLabel("主题（标题）")).toHaveValue("原标题");
  await tabA.getByLabel("主题（标题）").fill("甲标签页的标题");
  await tabA.getByRole("button", { name: "保存" }).click();
  await expect(tabA.getByRole("status").filter({ hasText: "已保存" }).last()).toBeVisible();
  await expect(tabA.getByTestId("save-state")).toHaveText("");

  await tabB.getByLabel("主题（标题）").fill("乙标签页的标题");
  await tabB.getByRole("button", { name: "保存" }).click();
  const panel = tabB.getByRole("region", { name: /保存冲突/ });
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("diff-left")).toContainText("甲标签页的标题");
  await expect(panel.getByTestId("diff-right")).toContainText("乙标签页的标题");
  await expect(tabB.getByLabel("主题（标题）")).toHaveValue("乙标签页的标题");
  await panel.getByRole("button", { name: "载入当前版本继续编辑" }).click();
  await expect(tabB.getByLabel("主题（标题）")).toHaveValue("甲标签页的标题");
});

test("history compares revisions character by character and restores one", async ({ browser }) => {
  const page = await newUserPage(browser, "lixue");
  await page.goto("/desk/stories/new");
  await page.getByLabel("主题（标题）").fill("双辽市冬季供暖全面启动");
  await page.getByLabel("正文第 1 段").fill("双辽市供热管网已完成检修。");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await page.getByLabel("主题（标题）").fill("双辽市冬季供暖提前启动");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" }).last()).toBeVisible();
  await page.getByRole("link", { name: "历史版本与对比" }).click();
  await expect(page.getByTestId("diff-left").locator("del")).toHaveText("全面");
  await expect(page.getByTestId("diff-right").locator("ins")).toHaveText("提前");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: /恢复第 \d+ 版/ }).first().click();
  await expect(page.getByLabel("主题（标题）")).toHaveValue("双辽市冬季供暖全面启动");
});

test("the author's inbox count rises without a reload when the desk returns the story", async ({ browser }) => {
  const story = await submittedStoryId("zhanghan");
  const author = await newUserPage(browser, "zhanghan");
  await author.goto("/desk/stories");
  const badge = author.getByTestId("unread-count");
  const before = (await badge.count()) > 0 ? Number(await badge.textContent()) : 0;

  const editor = await newUserPage(browser, "bianji2");
  await editor.goto(`/desk/stories/${story.id}`);
  await expect(editor.getByLabel("主题（标题）")).toBeEnabled();
  await editor.getByLabel(/^审稿意见/).fill("请补充活动参与人数。");
  await editor.getByRole("button", { name: "退回修改" }).click();
  await expect(editor.getByRole("status").filter({ hasText: "已退回给作者" })).toBeVisible();

  await expect(author.getByTestId("unread-count")).toHaveText(String(before + 1), { timeout: 60_000 });
  await author.getByRole("link", { name: /消息/ }).click();
  await expect(author.getByTestId("inbox-message").first()).toContainText("退回了");
  await expect(author.getByTestId("inbox-message").first()).toContainText("请补充活动参与人数。");
});

test("audit log: an admin filters it; nobody else can open it", async ({ browser }) => {
  const admin = await newUserPage(browser, "admin");
  await admin.goto("/desk/admin/audit");
  await admin.getByRole("combobox", { name: "操作", exact: true }).selectOption("issue.release");
  await admin.getByRole("button", { name: "筛选" }).click();
  await expect(admin.locator("tbody tr").first()).toContainText("签发见报");
  await expect(admin.locator("tbody tr").first()).toContainText(/期 \S+/);
  // The code's names for actions and objects are not shown, only the words.
  await expect(admin.locator("tbody")).not.toContainText("issue.release");
  await expect(admin.locator("tbody")).not.toContainText("issue:");
  await expect(admin.locator("tbody tr").first()).toContainText("孙正");
  await expect(admin.locator("tbody tr").first()).toContainText(/期号：总第\d+期/);
  // Story events read as state changes in words, not as JSON with the code's names.
  await admin.getByRole("combobox", { name: "操作", exact: true }).selectOption("story.publish");
  await admin.getByRole("button", { name: "筛选" }).click();
  await expect(admin.locator("tbody tr").first()).toContainText("状态：已上版 → 已见报");
  await expect(admin.locator("tbody")).not.toContainText('"from"');
  const editor = await newUserPage(browser, "bianji");
  expect((await editor.goto("/desk/admin/audit"))?.status()).toBe(403);
});

test("date fields read and show the day the paper's way, in a browser set to English too", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US" });
  const editor = await context.newPage();
  await signIn(editor, "bianji");
  await editor.goto("/desk/library");
  const [from, to] = [editor.getByLabel("从（日期）", { exact: true }), editor.getByLabel("到（日期）", { exact: true })];
  await from.fill("2026.1.5");
  await from.blur();
  await expect(from).toHaveValue("2026年1月5日");
  // Month first, as an English system writes it, is not taken for a day: it is said, and blocks the form.
  await to.fill("12/08/2026");
  await to.blur();
  await expect(editor.getByText("日期写法：2026年12月8日 或 2026-12-08")).toBeVisible();
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await to.fill("20261231");
  await to.blur();
  await expect(to).toHaveValue("2026年12月31日");
  await expect(editor.getByText("日期写法：")).toHaveCount(0);
  await editor.getByRole("button", { name: "筛选" }).click();
  // The server read the days as typed, and shows them back the same way.
  await expect.poll(() => new URL(editor.url()).searchParams.get("from")).toBe("2026年1月5日");
  await expect(editor.getByLabel("从（日期）", { exact: true })).toHaveValue("2026年1月5日");
  await expect(editor.getByLabel("到（日期）", { exact: true })).toHaveValue("2026年12月31日");
  await context.close();
});

test("after publication: a correction reaches readers at once, a withdrawal answers 410 Gone", async ({ browser, request }) => {
  const [story] = await query<{ id: string; headline: string }>(
    `SELECT id, headline FROM "Story" WHERE status = 'PUBLISHED' AND kind = 'NEWS_BRIEF' ORDER BY "publishedAt" LIMIT 1`,
  );
  const reader = await newUserPage(browser);
  await reader.goto(`/stories/${story.id}`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(story.headline);

  const chief = await newUserPage(browser, "zongbian");
  await chief.goto(`/desk/stories/${story.id}`);
  await chief.getByLabel("更正说明（显示在稿件下方，注明日期）").fill("本文第二段中的数字应为三十二家。");
  await chief.getByRole("button", { name: "发布更正" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "更正已发布" })).toBeVisible();
  await reader.reload();
  await expect(reader.getByRole("complementary", { name: "更正" })).toContainText("本文第二段中的数字应为三十二家。");

  await chief.reload();
  await chief.getByLabel("撤稿原因").fill("稿件涉及的信息正在核实。");
  chief.once("dialog", (d) => d.accept());
  await chief.getByRole("button", { name: "撤稿" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "稿件已撤下" })).toBeVisible();
  await expect.poll(async () => (await request.get(`/stories/${story.id}`)).status(), { timeout: 30_000 }).toBe(410);
  const gone = await request.get(`/stories/${story.id}`);
  expect(await gone.text()).toContain("稿件已撤回");
});
