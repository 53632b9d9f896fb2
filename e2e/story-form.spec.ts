import type { Locator, Page } from "@playwright/test";
import { expect, test, newUserPage, query, signIn } from "./support";
import { dragTo } from "./desk-steps";

// The story form as authors use it: blocks go in anywhere and move by drag or keyboard; the form's
// answers appear where the user is; autosave stops asking when the server has refused.

const unique = () => Date.now().toString(36).slice(-5);

/** A new draft with the given paragraphs, saved once so it has an address. */
async function draftWith(page: Page, headline: string, paragraphs: string[]) {
  await page.goto("/desk/stories/new");
  await page.getByLabel("主题（标题）").fill(headline);
  for (const [i, text] of paragraphs.entries()) {
    if (i > 0) await page.getByRole("button", { name: "添加段落" }).click();
    await page.getByLabel(`正文第 ${i + 1} 段`).fill(text);
  }
  await page.getByRole("button", { name: /^署我的名字/ }).click();
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL((url) => /^\/desk\/stories\/[a-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
  await expect(page.getByLabel("主题（标题）")).toHaveValue(headline);
  // Editable once this person holds the edit lock.
  await expect(page.getByLabel("主题（标题）")).toBeEnabled();
}

/** The body as the page shows it: each block's type and text, in order. */
async function bodyOnPage(page: Page) {
  const blocks = page.locator("[data-block-type]");
  return blocks.evaluateAll((items) =>
    items.map((li) => `${li.getAttribute("data-block-type")}:${(li.querySelector("textarea, input:not([type=file])") as HTMLInputElement | null)?.value ?? ""}`),
  );
}

async function saveAndReload(page: Page) {
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByTestId("form-message")).toHaveText("已保存");
  await expect(page.getByTestId("save-state")).toHaveText("");
  await page.reload();
  await expect(page.getByLabel("主题（标题）")).toBeEnabled();
}

test("a subhead goes in between paragraphs 1 and 2, with the focus in it, and stays there", async ({ page }) => {
  await signIn(page, "lixue");
  await draftWith(page, `城区新增十处夜间停车点${unique()}`, ["第一段：停车难问题由来已久。", "第二段：新停车点今晚启用。"]);
  await page.getByRole("button", { name: "在第 2 块前插入" }).click();
  await page.getByRole("group", { name: "在第 2 块前插入" }).getByRole("button", { name: "小标题" }).click();
  const subhead = page.getByRole("textbox", { name: "小标题", exact: true });
  await expect(subhead).toBeFocused();
  await page.keyboard.type("夜间停车不再难");
  await saveAndReload(page);
  expect(await bodyOnPage(page)).toEqual(["paragraph:第一段：停车难问题由来已久。", "subhead:夜间停车不再难", "paragraph:第二段：新停车点今晚启用。"]);
});

test("blocks move by keyboard and by drag, and the saved order is the moved one", async ({ page }) => {
  await signIn(page, "lixue");
  await draftWith(page, `农村客运班线全部开通${unique()}`, ["甲", "乙", "丙"]);

  // Keyboard: focus the handle, Space lifts, an arrow moves, Space drops; a screen reader hears each step.
  await page.getByRole("button", { name: "移动第 3 块" }).focus();
  const heard = page.locator("[role=status][aria-live]");
  await page.keyboard.press("Space");
  // The block is lifted and over its own place (the others measured) before it is moved.
  await expect(page.getByRole("button", { name: "移动第 3 块" })).toHaveAttribute("aria-pressed", "true");
  await expect(heard.filter({ hasText: "第 3 块（段落）移到第 3 个位置" })).toHaveCount(1);
  await page.keyboard.press("ArrowUp");
  await expect(heard.filter({ hasText: "第 3 块（段落）移到第 2 个位置" })).toHaveCount(1);
  await page.keyboard.press("Space");
  await expect(heard.filter({ hasText: "第 3 块（段落）放到了第 2 个位置" })).toHaveCount(1);
  await expect.poll(() => bodyOnPage(page)).toEqual(["paragraph:甲", "paragraph:丙", "paragraph:乙"]);
  // The textarea moved with its block (stable keys), so it still holds its own text.
  await expect(page.getByLabel("正文第 2 段")).toHaveValue("丙");
  await saveAndReload(page);
  expect(await bodyOnPage(page)).toEqual(["paragraph:甲", "paragraph:丙", "paragraph:乙"]);

  // Drag: the first block below the last.
  await dragTo(page, page.getByRole("button", { name: "移动第 1 块" }), page.locator("[data-block-type]").nth(2), {
    near: "bottom",
    whenOver: () => expect(heard.filter({ hasText: "第 1 块（段落）移到第 3 个位置" })).toHaveCount(1),
  });
  await expect.poll(() => bodyOnPage(page)).toEqual(["paragraph:丙", "paragraph:乙", "paragraph:甲"]);
  await saveAndReload(page);
  expect(await bodyOnPage(page)).toEqual(["paragraph:丙", "paragraph:乙", "paragraph:甲"]);
});

test("a new tag's kind is chosen afresh for the next new tag", async ({ page }) => {
  await signIn(page, "wangyu");
  await page.goto("/desk/stories/new");
  const tag = page.getByLabel("添加标签");
  await tag.fill(`卧虎镇${unique()}`);
  await page.getByLabel("新标签类型").selectOption("PLACE");
  await tag.press("Enter");
  await expect(page.getByRole("listitem").filter({ hasText: "地点卧虎镇" })).toBeVisible();
  await tag.fill(`冬储菜${unique()}`);
  await expect(page.getByLabel("新标签类型")).toHaveValue("TOPIC");
});

test("after 提交审稿 on a long form the confirmation is by the buttons and has the focus", async ({ page }) => {
  await signIn(page, "duwen");
  await page.goto("/desk/stories/new");
  await page.getByLabel("主题（标题）").fill(`铁西区冬季清雪预案出台${unique()}`);
  for (let i = 0; i < 8; i++) {
    if (i > 0) await page.getByRole("button", { name: "添加段落" }).click();
    await page.getByLabel(`正文第 ${i + 1} 段`).fill(`第${i + 1}段：清雪队伍分片包干，主干道雪停路净。`.repeat(6));
  }
  await page.getByRole("button", { name: /^署我的名字/ }).click();
  // The first autosave creates the story; the submit that follows is the story's first.
  await expect(page.getByTestId("save-state")).toContainText("已自动保存", { timeout: 45_000 });
  await page.getByRole("button", { name: "提交审稿" }).click();
  const answer = page.getByTestId("form-message");
  await expect(answer).toHaveText("已提交，等待编辑审稿");
  await expect(answer).toBeFocused();
  await expect(answer).toBeInViewport();
});

test("an autosave refused as invalid is not retried until the text changes, and raises no alert", async ({ page }) => {
  await signIn(page, "zhanghan");
  await draftWith(page, `伊通县冬季长跑活动启动${unique()}`, ["全县中小学生参加冬季长跑。"]);
  const tooLong = `标题过长${"很长".repeat(50)}`;
  const autosaves: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"] && (r.postData() ?? "").includes(tooLong)) autosaves.push(r.url());
  });
  await page.getByLabel("主题（标题）").fill(tooLong);
  await expect(page.getByTestId("save-state")).toHaveText("自动保存已暂停：请先改正标出的内容", { timeout: 30_000 });
  await expect(page.locator("#headline-error")).toContainText("主题");
  await expect(page.getByRole("alert").filter({ hasText: /主题|保存/ })).toHaveCount(0);
  // Ten quiet seconds: nothing sent again.
  await page.waitForTimeout(10_000);
  expect(autosaves).toHaveLength(1);

  // An explicit save still says so out loud.
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /请/ })).toBeVisible();
  await expect(page.getByTestId("form-message")).toBeFocused();
});

test("a story the user may not edit shows no editing control, the photo upload included", async ({ page }) => {
  await signIn(page, "zhanghan");
  await draftWith(page, `伊通县新建三处滑冰场${unique()}`, ["三处滑冰场本周对市民免费开放。"]);
  await page.getByRole("button", { name: "提交审稿" }).click();
  await expect(page.getByTestId("form-message")).toHaveText("已提交，等待编辑审稿");
  // Submitted copy is the desk's now: the author reads it and changes nothing.
  await page.reload();
  await expect(page.getByLabel("正文第 1 段")).toHaveValue("三处滑冰场本周对市民免费开放。");
  await expect(page.getByLabel("主题（标题）")).toBeDisabled();
  await expect(page.locator('input[type="file"]')).toHaveCount(0);
  await expect(page.getByText("添加图片")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /插入|移动第|删除第|添加段落|添加小标题|添加标签|移除标签/ })).toHaveCount(0);
  await expect(page.getByLabel("添加标签")).toHaveCount(0);
});

test("opening the inbox reads what it shows, and the badge goes down", async ({ browser }) => {
  const [user] = await query<{ id: string }>(`SELECT id FROM "User" WHERE username = 'zhaochen'`);
  const message = `摄影部例会改到周五下午${unique()}`;
  await query(`INSERT INTO "Notification" (id, "recipientId", kind, message) VALUES ($1, $2, 'NOTED', $3)`, [`inbox-${unique()}`, user.id, message]);
  const page = await newUserPage(browser, "zhaochen");
  await expect(page.getByTestId("unread-count")).toBeVisible();
  await page.getByRole("link", { name: /消息/ }).click();
  const entry = page.getByTestId("inbox-entry").filter({ hasText: message });
  await expect(entry.getByText("新", { exact: true })).toBeVisible();
  await expect(page.getByTestId("unread-count")).toHaveCount(0);
  await page.reload();
  await expect(entry).toBeVisible();
  await expect(entry.getByText("新", { exact: true })).toHaveCount(0);
  expect(await query(`SELECT 1 FROM "Notification" WHERE "recipientId" = $1 AND "readAt" IS NULL`, [user.id])).toHaveLength(0);
});

test("a stale save from the same person's other window says so, not 被他人修改", async ({ browser }) => {
  const first = await newUserPage(browser, "wangyu");
  await draftWith(first, `双辽市冬季送温暖活动${unique()}`, ["首段。"]);
  const second = await first.context().newPage();
  await second.goto(first.url());
  await expect(second.getByLabel("主题（标题）")).toBeEnabled();
  await second.getByLabel("正文第 1 段").fill("另一个窗口改过的首段。");
  await second.getByRole("button", { name: "保存", exact: true }).click();
  await expect(second.getByTestId("form-message")).toHaveText("已保存");
  await second.close();

  await first.getByLabel("正文第 1 段").fill("这个窗口的首段。");
  await first.getByRole("button", { name: "保存", exact: true }).click();
  await expect(first.getByTestId("conflict-title")).toContainText("你在另一个窗口保存了较新的版本");
});

