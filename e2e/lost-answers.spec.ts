import type { Page, Request, Route } from "@playwright/test";
import { expect, query, signIn, test } from "./support";

// A save or a note that reached the server but whose answer never came back (an instance killed
// after it committed, a cut connection): the browser sends it again with the same key, and the
// server answers as it did the first time. Here the real server applies each request and the test
// cuts the answer on its way back to the browser.

type Cut = { sent: { key: string | null; body: string }[]; cut: number };

/** Whether a Server Action's body has a form field of that name (React prefixes a form's fields with its reference number). */
const hasField = (body: string, name: string) => new RegExp(`name="(?:[^"]*_)?${name}"`).test(body);

/** The key a request carries: the form's field, or an autosave's last argument. */
function keyOf(body: string): string | null {
  return body.match(/name="(?:[^"]*_)?requestKey"\r\n\r\n([A-Za-z0-9_-]+)/)?.[1] ?? body.match(/"([0-9a-f]{32})"\]$/)?.[1] ?? null;
}

/**
 * Lets the Server Action requests that `matches` picks reach the server, and cuts the answers of
 * the first `cuts` of them (the browser sees the connection reset). Everything else passes.
 */
async function cutAnswers(page: Page, matches: (request: Request, body: string) => boolean, cuts: number): Promise<Cut> {
  const record: Cut = { sent: [], cut: 0 };
  await page.route(
    (url) => url.pathname.startsWith("/desk/stories/"),
    async (route: Route) => {
      const request = route.request();
      const body = request.postData() ?? "";
      if (request.method() !== "POST" || !request.headers()["next-action"] || !matches(request, body)) return route.continue();
      record.sent.push({ key: keyOf(body), body });
      if (record.cut >= cuts) return route.continue();
      // The server gets it and answers; the answer is lost.
      await route.fetch();
      record.cut++;
      await route.abort("connectionreset");
    },
  );
  return record;
}

const isFormSave = (_: Request, body: string) => hasField(body, "intent");

async function storyState(id: string) {
  const [row] = await query<{ version: number; body: string; revisions: number; notes: number }>(
    `SELECT version, body::text AS body, (SELECT count(*)::int FROM "StoryRevision" WHERE "storyId" = s.id) AS revisions,
            (SELECT count(*)::int FROM "StoryNote" WHERE "storyId" = s.id) AS notes FROM "Story" s WHERE id = $1`,
    [id],
  );
  return row;
}

async function newDraft(page: Page, headline: string, paragraph: string): Promise<string> {
  await page.goto("/desk/stories/new");
  await page.getByLabel("主题（标题）").fill(headline);
  await page.getByLabel("正文第 1 段").fill(paragraph);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await expect(page).toHaveURL(/\/desk\/stories\/[a-z0-9]+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

const noConflict = async (page: Page) => {
  await expect(page.getByTestId("conflict-title")).toHaveCount(0);
  await expect(page.getByText("已有更新的保存版本")).toHaveCount(0);
};

test("a save whose answer was lost is sent again by itself with its key: saved once, shown as saved", async ({ page }) => {
  await signIn(page, "lixue");
  const id = await newDraft(page, "城西污水处理厂二期工程通水", "城西污水处理厂二期工程昨日通水试运行。");
  const before = await storyState(id);

  const cut = await cutAnswers(page, isFormSave, 1);
  const text = "城西污水处理厂二期工程昨日通水试运行，日处理能力增加四万吨。";
  await page.getByLabel("正文第 1 段").fill(text);
  await page.getByRole("button", { name: "保存" }).click();

  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await noConflict(page);
  expect(cut.cut).toBe(1);
  expect(cut.sent).toHaveLength(2);
  expect(cut.sent[0].key).toBeTruthy();
  expect(cut.sent[1].key).toBe(cut.sent[0].key);
  const after = await storyState(id);
  expect(after.body).toContain("日处理能力增加四万吨");
  expect(after.version).toBe(before.version + 1);
  expect(after.revisions).toBe(before.revisions + 1);
});

test("a save left without an answer after every resend: pressing 保存 again gets the version it saved, not a comparison", async ({ page }) => {
  await signIn(page, "lixue");
  const id = await newDraft(page, "县医院新门诊楼启用", "县医院新门诊楼今日启用。");
  const before = await storyState(id);

  // The server is reached each time, the answers never come back: the first attempt and every resend.
  const cut = await cutAnswers(page, isFormSave, Number.POSITIVE_INFINITY);
  const text = "县医院新门诊楼今日启用，设有二十八个科室。";
  await page.getByLabel("正文第 1 段").fill(text);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "没有送达服务器" })).toBeVisible({ timeout: 90_000 });
  expect(cut.sent.length).toBeGreaterThan(1);
  expect(cut.sent[0].key).toBeTruthy();
  expect(new Set(cut.sent.map((s) => s.key)).size).toBe(1);
  expect((await storyState(id)).version).toBe(before.version + 1);

  // The answers come through again; the person presses 保存 once more.
  await page.unrouteAll({ behavior: "wait" });
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await noConflict(page);
  const after = await storyState(id);
  expect(after.version).toBe(before.version + 1);
  expect(after.revisions).toBe(before.revisions + 1);
  await page.reload();
  await expect(page.getByLabel("正文第 1 段")).toHaveValue(text);
});

test("an autosave whose answer was lost is sent again with its key before anything newer", async ({ page }) => {
  await signIn(page, "lixue");
  const id = await newDraft(page, "北山公园步道完成改造", "北山公园三公里步道完成改造。");
  const before = await storyState(id);

  const text = "北山公园三公里步道完成改造，新增休息座椅四十组。";
  const cut = await cutAnswers(page, (_, body) => !hasField(body, "intent") && body.includes("休息座椅"), 1);
  await page.getByLabel("正文第 1 段").fill(text);
  await expect(page.getByTestId("save-state")).toContainText("已自动保存", { timeout: 60_000 });
  await noConflict(page);
  expect(cut.cut).toBe(1);
  expect(cut.sent.length).toBeGreaterThanOrEqual(2);
  expect(cut.sent[0].key).toBeTruthy();
  expect(cut.sent[1].key).toBe(cut.sent[0].key);
  const after = await storyState(id);
  expect(after.body).toContain("休息座椅四十组");
  expect(after.version).toBe(before.version + 1);
});

test("a note whose answer was lost is stored once", async ({ page }) => {
  await signIn(page, "lixue");
  await page.goto("/desk/stories/new");
  await page.getByLabel("主题（标题）").fill("全市中小学开展防溺水教育");
  await page.getByLabel("正文第 1 段").fill("近日，全市中小学集中开展防溺水安全教育。");
  await page.getByRole("button", { name: /^署我的名字/ }).click();
  await page.getByRole("button", { name: "提交审稿" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已提交" })).toBeVisible();
  await expect(page).toHaveURL(/\/desk\/stories\/[a-z0-9]+$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;

  const cut = await cutAnswers(page, (_, body) => hasField(body, "note") && !hasField(body, "intent"), 1);
  const note = "文中的学校数量已与教育局核对。";
  await page.getByLabel("留言").fill(note);
  await page.getByRole("button", { name: "发送留言" }).click();
  await expect(page.getByTestId("note-body").filter({ hasText: note })).toHaveCount(1);
  await expect(page.getByLabel("留言")).toHaveValue("");
  expect(cut.cut).toBe(1);
  expect(cut.sent).toHaveLength(2);
  expect(cut.sent[0].key).toBeTruthy();
  expect(cut.sent[1].key).toBe(cut.sent[0].key);
  expect((await storyState(id)).notes).toBe(1);
});
