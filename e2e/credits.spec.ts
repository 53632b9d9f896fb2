import { expect, test, query, newUserPage } from "./support";

// Bylines name people, not accounts: the reader's links, the author pages, search, and the form's list.

test("a shared byline links each person to their own page, and search finds the one without an account", async ({ page }) => {
  const [story] = await query<{ id: string; headline: string }>(
    `SELECT id, headline FROM "Story" WHERE status = 'PUBLISHED' AND byline LIKE '%韩秋实%' LIMIT 1`,
  );
  await page.goto(`/stories/${story.id}`);
  const byline = page.getByTestId("byline");
  await expect(byline).toHaveText("本报记者 李雪 通讯员 韩秋实");
  await expect(byline.getByRole("link", { name: "李雪" })).toHaveAttribute("href", "/authors/lixue");
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd.author.map((a: { name: string }) => a.name)).toEqual(["李雪", "韩秋实"]);

  await byline.getByRole("link", { name: "韩秋实" }).click();
  await expect(page).toHaveURL(/\/authors\/p-[0-9a-f]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("韩秋实");
  await expect(page.getByRole("link", { name: story.headline })).toBeVisible();

  await page.goto(`/search?q=${encodeURIComponent("韩秋实")}`);
  await expect(page.getByRole("link", { name: story.headline })).toBeVisible();
});

test("the form keeps the byline as a list of people and prints it from the list", async ({ browser }) => {
  const page = await newUserPage(browser, "zhanghan");
  await page.goto("/desk/stories/new");
  await expect(page.getByTestId("composed-byline")).toHaveText("（尚无署名）");
  await page.getByRole("button", { name: "署我的名字：本报通讯员 张晗" }).click();
  await expect(page.getByTestId("composed-byline")).toHaveText("本报通讯员 张晗");
  await page.getByRole("button", { name: "添加署名人" }).click();
  await page.getByLabel("第 2 位署名的身份").selectOption("REPORTER");
  await page.getByLabel("第 2 位署名的姓名").fill("骆晓飞");
  await expect(page.getByTestId("composed-byline")).toHaveText("本报通讯员 张晗 记者 骆晓飞");
  const headline = `县融媒体中心联合采访 ${Date.now()}`;
  await page.getByLabel("主题（标题）").fill(headline);
  await page.getByLabel("正文第 1 段").fill("县融媒体中心与本报记者联合采访了秋粮收储情况。");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page).toHaveURL(/\/desk\/stories\/(?!new)[a-z0-9]+(\?|$)/);

  await page.reload();
  await expect(page.getByLabel("第 2 位署名的姓名")).toHaveValue("骆晓飞");
  const credits = await query<{ name: string; role: string; username: string | null; byline: string }>(
    `SELECT c.name, sc.role, u.username, s.byline FROM "StoryContributor" sc JOIN "Contributor" c ON c.id = sc."contributorId"
     JOIN "Story" s ON s.id = sc."storyId" LEFT JOIN "User" u ON u.id = c."userId" WHERE s.headline = $1 ORDER BY sc.position`,
    [headline],
  );
  expect(credits).toEqual([
    { name: "张晗", role: "CORRESPONDENT", username: "zhanghan", byline: "本报通讯员 张晗 记者 骆晓飞" },
    { name: "骆晓飞", role: "REPORTER", username: null, byline: "本报通讯员 张晗 记者 骆晓飞" },
  ]);

  // A special form is typed by hand and kept as typed.
  await page.getByLabel("特殊格式，手动填写印出的署名").check();
  await page.getByLabel("印出的署名（手动填写）").fill("本报联合采访组");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByTestId("save-state")).toHaveText("");
  await page.reload();
  await expect(page.getByLabel("印出的署名（手动填写）")).toHaveValue("本报联合采访组");
});
