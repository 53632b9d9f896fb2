import { expect, test, newUserPage, photoFile, query, signIn } from "./support";

test.describe("what people may not do", () => {
  test("a correspondent cannot open the editors' queue or issue assembly", async ({ browser }) => {
    const page = await newUserPage(browser, "zhanghan");
    const queue = await page.goto("/desk/queue");
    expect(queue?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "没有权限" })).toBeVisible();
    expect((await page.goto("/desk/issues"))?.status()).toBe(403);
  });

  test("a correspondent cannot open another correspondent's draft", async ({ browser }) => {
    const [draft] = await query<{ id: string }>(
      `SELECT s.id FROM "Story" s JOIN "User" u ON u.id = s."authorId" WHERE u.username = 'duwen' AND s.status = 'DRAFT' LIMIT 1`,
    );
    const page = await newUserPage(browser, "zhanghan");
    expect((await page.goto(`/desk/stories/${draft.id}`))?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  });

  test("an anonymous visitor cannot see unpublished copy or the back office", async ({ page }) => {
    const [submitted] = await query<{ id: string }>(`SELECT id FROM "Story" WHERE status = 'SUBMITTED' LIMIT 1`);
    expect((await page.goto(`/stories/${submitted.id}`))?.status()).toBe(404);
    await page.goto("/desk/queue");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdesk%2Fqueue/);
  });

  test("uploads that are not images, or are empty, are refused and add nothing", async ({ browser }) => {
    const page = await newUserPage(browser, "zhanghan");
    await page.goto("/desk/stories/new");
    const upload = page.getByLabel("上传图片");
    await upload.setInputFiles({ name: "现场.jpg", mimeType: "image/jpeg", buffer: Buffer.from("这其实是一段文字，不是照片") });
    await expect(page.getByText("只能上传 JPEG、PNG 或 WebP 格式的图片")).toBeVisible();
    await upload.setInputFiles({ name: "空.png", mimeType: "image/png", buffer: Buffer.alloc(0) });
    await expect(page.getByText("文件是空的，请重新选择图片")).toBeVisible();
    await expect(page.locator('[data-block-type="photo"]')).toHaveCount(0);
    await upload.setInputFiles(await photoFile());
    await expect(page.locator('[data-block-type="photo"]')).toHaveCount(1);
  });

  test("a refused submission shows the problems in place and keeps what was typed", async ({ browser }) => {
    const page = await newUserPage(browser, "zhanghan");
    await page.goto("/desk/stories/new");
    await page.getByLabel("主题（标题）").fill("铁东区部署冬季供暖保障");
    // Nobody is credited until someone is named (the filer is offered, not put in).
    await expect(page.getByTestId("composed-byline")).toHaveText("（尚无署名）");
    await page.getByLabel("正文第 1 段").fill("日前，铁东区召开冬季供暖保障工作会议。");
    await page.getByRole("button", { name: "提交审稿" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "稿件还不完整，请按提示补充后再提交" })).toBeVisible();
    await expect(page.getByText("这台电脑上保存着一份尚未提交到服务器的内容")).toHaveCount(0);
    await expect(page.locator("#byline-error")).toHaveText("请填写署名，例如“本报通讯员 张晗”");
    await expect(page.getByLabel("主题（标题）")).toHaveValue("铁东区部署冬季供暖保障");
    await expect(page.getByLabel("正文第 1 段")).toHaveValue("日前，铁东区召开冬季供暖保障工作会议。");
    await expect(page).toHaveURL(/\/desk\/stories\/new$/);
  });

  test("signing out ends the session on the server, not just in the browser", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, "lixue");
    const cookies = await context.cookies();
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/login/);

    // Replaying the old cookie in a fresh browser does not get back in.
    const replay = await browser.newContext();
    await replay.addCookies(cookies);
    const again = await replay.newPage();
    await again.goto("/desk/stories");
    await expect(again).toHaveURL(/\/login/);
  });

  test("a wrong password is refused with a message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("用户名").fill("zhanghan");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "用户名或密码不正确，或账号已停用" })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("an administrator disabling an account ends its open session at once", async ({ browser }) => {
    const reporter = await newUserPage(browser, "duwen");
    await reporter.goto("/desk/stories");
    await expect(reporter.getByRole("heading", { name: "我的稿件" })).toBeVisible();

    const admin = await newUserPage(browser, "admin");
    await admin.goto("/desk/admin");
    admin.once("dialog", (d) => d.accept());
    await admin.getByRole("button", { name: "停用 duwen" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();

    await reporter.reload();
    await expect(reporter).toHaveURL(/\/login/);
    await reporter.getByLabel("用户名").fill("duwen");
    await reporter.getByLabel("密码").fill("jiping-2026");
    await reporter.getByRole("button", { name: "登录" }).click();
    await expect(reporter.getByRole("alert").filter({ hasText: "用户名或密码不正确，或账号已停用" })).toBeVisible();

    // Back on for the other tests.
    await admin.reload();
    await admin.getByRole("button", { name: "启用 duwen" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  });
});
