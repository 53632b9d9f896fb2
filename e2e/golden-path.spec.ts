import { expect, test, expectStatus, newUserPage, photoFile, query } from "./support";
import { reviewedThrough, proofreadInDb } from "./desk-steps";

// The whole journey of one story: filed with a photo and tags, returned, fixed, approved, placed,
// published by the chief editor, and read by a reader without an account.
test("a story goes from a correspondent's draft to the reader's page", async ({ browser }) => {
  const unique = Date.now().toString().slice(-5);
  const headline = `梨树县秋粮入仓过九成 ${unique}`;
  const issueDate = new Date(Date.now() + 8 * 3600_000 + 20 * 86400_000).toISOString().slice(0, 10);

  // Correspondent files.
  const reporter = await newUserPage(browser, "zhanghan");
  await reporter.goto("/desk/stories/new");
  await reporter.getByLabel("体裁").selectOption("NEWS_BRIEF");
  await reporter.getByLabel("引题").fill("抢抓晴好天气");
  await reporter.getByLabel("主题（标题）").fill(headline);
  await reporter.getByLabel("副题").fill("全县投入农机两千余台");
  await reporter.getByLabel("电头").fill("本报讯（通讯员 张晗）");
  // Nobody is credited by default; the people the 电头 names are offered.
  await expect(reporter.getByTestId("composed-byline")).toHaveText("（尚无署名）");
  await reporter.getByRole("button", { name: "按电头署名：本报通讯员 张晗" }).click();
  await expect(reporter.getByTestId("composed-byline")).toHaveText("本报通讯员 张晗");
  // The filer is that person: nothing more is offered.
  await expect(reporter.getByRole("button", { name: /^署我的名字/ })).toHaveCount(0);
  await reporter.getByLabel("正文第 1 段").fill("近日，梨树县抢抓晴好天气，组织农机抢收抢运。");
  await expect(reporter.getByTestId("char-count")).toHaveText("22");
  await reporter.getByRole("button", { name: "添加小标题" }).click();
  await reporter.getByLabel("小标题").fill("农机下田 志愿助收");
  await reporter.getByRole("button", { name: "添加段落" }).click();
  await reporter.getByLabel("正文第 3 段").fill("农机合作社替外出农户代收玉米。");
  await reporter.getByLabel("上传图片").setInputFiles(await photoFile());
  await expect(reporter.getByLabel("图片说明")).toBeVisible();
  await reporter.getByLabel("图片说明").fill("农机手在田间收获玉米。");
  // The file names nobody: the credit is asked for, not filled with the uploader's name.
  await expect(reporter.getByTestId("missing-credit")).toBeVisible();
  await expect(reporter.getByLabel("摄影署名")).toHaveValue("");
  await reporter.getByLabel("摄影署名").fill("本报通讯员 张晗 摄");
  await reporter.getByLabel("替代文字（供视障读者）").fill("收割机在金黄的玉米地里作业");
  await expect(reporter.getByTestId("char-count")).toHaveText(String(22 + 8 + 15 + 11));
  await reporter.getByLabel("添加标签").fill("梨树县");
  await reporter.getByLabel("添加标签").press("Enter");
  await reporter.getByLabel("添加标签").fill(`秋收${unique}`);
  await reporter.getByLabel("新标签类型").selectOption("TOPIC");
  await reporter.getByRole("button", { name: "添加标签" }).click();
  await reporter.getByRole("button", { name: "保存" }).click();
  // The draft may already exist from an autosave; either way it is now saved under its own address.
  await expect(reporter.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await reporter.waitForURL(/\/desk\/stories\/[a-z0-9]+/);
  const storyUrl = new URL(reporter.url()).pathname;
  await expectStatus(reporter, "草稿");
  await reporter.getByRole("button", { name: "提交审稿" }).click();
  await expectStatus(reporter, "已提交");
  await reporter.goto("/desk/stories");
  await expect(reporter.getByRole("row", { name: new RegExp(headline) })).toContainText("已提交");

  // Editor returns it with a note.
  const editor = await newUserPage(browser, "bianji");
  await editor.goto("/desk/queue");
  await editor.getByRole("link", { name: headline }).click();
  await editor.getByLabel(/^审稿意见/).fill("请补充入仓的具体数字。");
  await editor.getByRole("button", { name: "退回修改" }).click();
  await expect(editor.getByRole("status")).toHaveText("已退回给作者");

  // Correspondent reads the note, fixes the copy and resubmits.
  await reporter.goto(storyUrl);
  await expectStatus(reporter, "已退回");
  await expect(reporter.getByTestId("note-body")).toHaveText("请补充入仓的具体数字。");
  await reporter.getByLabel("正文第 3 段").fill("农机合作社替外出农户代收玉米，全县已入仓秋粮四十二万吨。");
  await reporter.getByRole("button", { name: "提交审稿" }).click();
  await expectStatus(reporter, "已提交");

  // Editor approves, creates the issue and places the story on page 1.
  await editor.goto(storyUrl);
  await editor.getByRole("button", { name: "初审通过" }).click();
  await editor.waitForURL(/\/desk\/queue/);
  await editor.goto("/desk/issues");
  await editor.getByLabel("出版日期").fill(issueDate);
  await editor.getByRole("button", { name: /创建/ }).click();
  await editor.waitForURL(/\/desk\/issues\/[a-z0-9]+(\?|$)/);
  const issueUrl = new URL(editor.url()).pathname;
  await expect(editor.getByRole("button", { name: "立即见报" })).toHaveCount(0);
  await editor.getByLabel(`为“${headline}”选择版面`).selectOption({ label: "第1版 要闻" });
  await editor.getByRole("button", { name: `上版：${headline}` }).click();
  const frontPage = editor.getByRole("region", { name: "第1版 · 要闻" });
  await expect(frontPage.getByRole("link", { name: headline })).toBeVisible();
  await expect(frontPage.getByText("头条", { exact: true }).first()).toBeVisible();
  // An issue goes out with every page carrying copy and signed: the empty pages go.
  for (const name of ["第4版 · 副刊", "第3版 · 县区新闻", "第2版 · 综合"]) {
    await editor.getByRole("region", { name }).getByRole("button", { name: "删除此版" }).click();
    await expect(editor.getByRole("region", { name })).toHaveCount(0);
  }

  // Before publication the reader cannot reach it.
  const reader = await newUserPage(browser);
  const storyId = storyUrl.split("/").pop();
  expect((await reader.goto(`/stories/${storyId}`))?.status()).toBe(404);

  // 复审 and 终审 on the placed copy, each by its own person, before the page can be signed.
  await reviewedThrough(browser, storyUrl);

  // The chief editor on duty publishes.
  const chief = await newUserPage(browser, "zongbian");
  await chief.goto(issueUrl);
  chief.on("dialog", (d) => d.accept());
  // 签版 from the proof, then release.
  await proofreadInDb(issueUrl, 1);
  await chief.goto(`${issueUrl}/pages/1`);
  await chief.getByRole("button", { name: "签版" }).click();
  await expect(chief.getByText("已签", { exact: true }).first()).toBeVisible();
  await chief.goto(issueUrl);
  await chief.getByRole("button", { name: "立即见报" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "已签发见报" })).toHaveText("已签发见报，共 1 篇稿件");

  // The correspondent sees it used at once, with the page it ran on, and gets there in one click.
  await reporter.goto("/desk/stories");
  const mine = reporter.getByRole("row").filter({ hasText: headline });
  await expect(mine.getByTestId("adoption")).toContainText("已采用 — 第1版");
  await expect(reporter.getByTestId("ran-piece").filter({ hasText: headline })).toBeVisible();
  await mine.getByRole("link", { name: /^已采用 — 第1版/ }).click();
  await reporter.waitForURL(`**/issues/${issueDate}/pages/1`);

  // A reader finds it on the home page (the latest issue), on its page and on its own page. The
  // page and its 标题导航 both link it; exact names pick the page's headline (标题导航's has the kicker).
  await reader.goto("/");
  await expect(reader.getByRole("link", { name: headline, exact: true })).toBeVisible();
  await expect(reader.getByRole("navigation", { name: "标题导航" }).getByRole("link", { name: headline })).toBeVisible();
  await reader.goto(`/issues/${issueDate}/pages/1`);
  await reader.getByRole("link", { name: headline, exact: true }).click();
  await reader.waitForURL(`**/stories/${storyId}`);
  const article = reader.getByRole("article");
  await expect(article.getByRole("heading", { level: 1 })).toHaveText(headline);
  await expect(article.getByText("抢抓晴好天气", { exact: true })).toBeVisible();
  await expect(article.getByText("全县投入农机两千余台", { exact: true })).toBeVisible();
  await expect(article.getByText("本报通讯员 张晗", { exact: true })).toBeVisible();
  await expect(article.locator("p", { hasText: "近日，梨树县" })).toHaveText("本报讯（通讯员 张晗）近日，梨树县抢抓晴好天气，组织农机抢收抢运。");
  await expect(article.getByRole("heading", { name: "农机下田 志愿助收" })).toBeVisible();
  await expect(article.getByText("全县已入仓秋粮四十二万吨")).toBeVisible();
  const figure = article.locator("figure");
  await expect(figure.locator("figcaption")).toHaveText("农机手在田间收获玉米。本报通讯员 张晗 摄");
  const img = figure.getByRole("img", { name: "收割机在金黄的玉米地里作业" });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  await expect(article.getByRole("list", { name: "标签" })).toContainText("梨树县");
  await expect(article.getByRole("list", { name: "标签" })).toContainText(`秋收${unique}`);
});
