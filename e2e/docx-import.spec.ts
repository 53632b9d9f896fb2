import { countFiles, expect, expectAccessible, expectStatus, newUserPage, query, signIn, test } from "./support";
import { featureDocx, makeDocx, photoBytes } from "../tests/support/docx-files";

// 从 Word 文件导入: a correspondent's .docx fills the 写新稿 form (head, byline, body, the photo with
// its caption) for them to check and submit; a file that is not a .docx changes nothing.

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const photoDir = process.env.PHOTO_DIR ?? "";

test("a .docx fills the form, and the story submitted from it keeps its blocks and its photo", async ({ page }) => {
  await signIn(page, "zhanghan");
  await page.goto("/desk/stories/new");
  await page.getByLabel("从 Word 文件导入").setInputFiles({ name: "铁东区开工.docx", mimeType: DOCX, buffer: await featureDocx() });

  await expect(page.getByRole("status").filter({ hasText: "已从《铁东区开工.docx》读入" })).toHaveText(
    "已从《铁东区开工.docx》读入：引题、标题、副题、署名、电头、5 段正文、2 个小标题、1 张图片。请核对后保存。",
  );
  await expect(page.getByLabel("引题")).toHaveValue("项目建设看一线");
  await expect(page.getByLabel("主题（标题）")).toHaveValue("铁东区新开工项目二十个");
  await expect(page.getByLabel("副题")).toHaveValue("——全区重点项目集中开工侧记");
  await expect(page.getByLabel("电头")).toHaveValue("本报讯（记者 韩秋）");
  await expect(page.getByTestId("composed-byline")).toHaveText("本报记者 韩秋 通讯员 孙桢怡");
  await expect(page.getByLabel("正文第 1 段")).toHaveValue("日前，铁东区二十个重点项目集中开工，总投资12.6亿元");
  await expect(page.getByLabel("小标题")).toHaveCount(2);
  await expect(page.getByLabel("小标题").first()).toHaveValue("签约即开工");
  await expect(page.getByLabel("图片说明")).toHaveValue("图为铁东区一处新开工项目的施工现场。");
  await expect(page.getByLabel("摄影署名")).toHaveValue("张三 摄");
  await expect(page.getByRole("img", { name: "开工现场" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "提交审稿" }).click();
  await expectStatus(page, "已提交");
  const [story] = await query<{ id: string; status: string; kicker: string; byline: string; dateline: string; body: { type: string; text?: string; photoId?: string; caption?: string; credit?: string }[] }>(
    `SELECT id, status, kicker, byline, dateline, body FROM "Story" WHERE headline = $1`,
    ["铁东区新开工项目二十个"],
  );
  expect(story).toMatchObject({ status: "SUBMITTED", kicker: "项目建设看一线", byline: "本报记者 韩秋 通讯员 孙桢怡", dateline: "本报讯（记者 韩秋）" });
  expect(story.body.map((b) => b.type)).toEqual(["paragraph", "paragraph", "subhead", "paragraph", "photo", "subhead", "paragraph", "paragraph"]);
  const photo = story.body[4];
  expect(photo).toMatchObject({ caption: "图为铁东区一处新开工项目的施工现场。", credit: "张三 摄" });
  const links = await query<{ photoId: string }>(`SELECT "photoId" FROM "StoryPhoto" WHERE "storyId" = $1`, [story.id]);
  expect(links).toEqual([{ photoId: photo.photoId }]);
});

test("a .docx is credited to the people its dateline names, never to the account that files it", async ({ page, browser }) => {
  // A correspondent's account (本报通讯员 王雨) files copy two staff reporters wrote, their names run together.
  await signIn(page, "wangyu");
  await page.goto("/desk/stories/new");
  await expect(page.getByTestId("composed-byline")).toHaveText("（尚无署名）");
  const named = await makeDocx([{ text: "北岗区为社区配齐急救箱", style: "Title" }, { text: "本报讯（记者 郭丽娜杜红梅）近日，北岗区红十字会为辖区社区配发应急急救箱。" }]);
  await page.getByLabel("从 Word 文件导入").setInputFiles({ name: "急救箱.docx", mimeType: DOCX, buffer: named });
  await expect(page.getByRole("status").filter({ hasText: "已从《急救箱.docx》读入" })).toContainText("电头里连写的“郭丽娜杜红梅”读作 郭丽娜、杜红梅，请核对");
  await expect(page.getByLabel("电头")).toHaveValue("本报讯（记者 郭丽娜 杜红梅）");
  await expect(page.getByTestId("composed-byline")).toHaveText("本报记者 郭丽娜 杜红梅");

  // A file that names no one leaves the byline to be filled, rather than the filer's (a fresh form,
  // in a browser without the first one's backup).
  const fresh = await newUserPage(browser, "wangyu");
  await fresh.goto("/desk/stories/new");
  await expect(fresh.getByRole("button", { name: "署我的名字：本报通讯员 王雨" })).toBeVisible();
  const unnamed = await makeDocx([{ text: "县城新添三处口袋公园", style: "Title" }, { text: "近日，三处口袋公园向市民开放。" }]);
  await fresh.getByLabel("从 Word 文件导入").setInputFiles({ name: "公园.docx", mimeType: DOCX, buffer: unnamed });
  await expect(fresh.getByRole("status").filter({ hasText: "已从《公园.docx》读入" })).toContainText("文件里没有读出署名，请填写作者。");
  await expect(fresh.getByTestId("composed-byline")).toHaveText("（尚无署名）");
  await fresh.context().close();
});

test("a file that is not a .docx is refused with the reason, and the form keeps what was typed", async ({ page }) => {
  await signIn(page, "zhanghan");
  await page.goto("/desk/stories/new");
  await page.getByLabel("主题（标题）").fill("已经写好的标题");
  await page.getByLabel("正文第 1 段").fill("已经写好的正文。");
  const [photos] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Photo"`);
  const files = countFiles(photoDir);

  const imports: string[] = [];
  page.on("request", (r) => r.url().endsWith("/api/import/docx") && imports.push(r.url()));

  // An old .doc renamed .docx: its header says so in the browser, before any question or upload
  // (the server reads the header again: tests/integration/word-import.test.ts).
  const questions: string[] = [];
  const ask = (dialog: import("@playwright/test").Dialog) => void questions.push(dialog.message());
  page.on("dialog", ask);
  const oldDoc = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(4096)]);
  await page.getByLabel("从 Word 文件导入").setInputFiles({ name: "旧稿.docx", mimeType: DOCX, buffer: oldDoc });
  await expect(page.getByRole("alert").filter({ hasText: "文件已加密或是旧版 .doc 格式" })).toBeVisible();
  await page.getByLabel("从 Word 文件导入").setInputFiles({ name: "照片.docx", mimeType: DOCX, buffer: await photoBytes() });
  await expect(page.getByRole("alert").filter({ hasText: "这不是 Word 文件（.docx）" })).toBeVisible();
  await expect(page.getByLabel("主题（标题）")).toHaveValue("已经写好的标题");
  await expect(page.getByLabel("正文第 1 段")).toHaveValue("已经写好的正文。");
  expect(questions).toEqual([]);
  expect(imports).toEqual([]);
  page.off("dialog", ask);

  // Saying no to the question sends nothing and replaces nothing.
  page.once("dialog", (dialog) => dialog.dismiss());
  await page.getByLabel("从 Word 文件导入").setInputFiles({ name: "铁东区开工.docx", mimeType: DOCX, buffer: await featureDocx() });
  await expect(page.getByLabel("主题（标题）")).toHaveValue("已经写好的标题");
  await expect(page.getByText("正在读取…")).toHaveCount(0);
  expect(imports).toEqual([]);

  // Too big: refused in the browser before a byte is sent.
  await page.getByLabel("从 Word 文件导入").setInputFiles({ name: "大文件.docx", mimeType: DOCX, buffer: Buffer.alloc(21 * 1024 * 1024) });
  await expect(page.getByRole("alert").filter({ hasText: "Word 文件不能超过 20 MB" })).toBeVisible();
  expect(imports).toEqual([]);
  await expect(page.getByLabel("主题（标题）")).toHaveValue("已经写好的标题");

  const [after] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Photo"`);
  expect(after.n).toBe(photos.n);
  expect(countFiles(photoDir)).toBe(files);
});

test("the Word import route checks who sends what, itself: signed out, another site, an account that files no copy", async ({ browser }) => {
  const file = { name: "稿件.docx", mimeType: DOCX, buffer: await featureDocx() };
  const photosBefore = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Photo"`))[0].n;

  const stranger = await newUserPage(browser);
  const signedOut = await stranger.request.post("/api/import/docx", { multipart: { file } });
  expect(signedOut.status()).toBe(401);
  expect((await signedOut.json()).error).toBe("请先登录");

  const correspondent = await newUserPage(browser, "zhanghan");
  const crossSite = await correspondent.request.post("/api/import/docx", { headers: { origin: "http://evil.example" }, multipart: { file } });
  expect(crossSite.status()).toBe(403);

  const admin = await newUserPage(browser, "admin");
  const notAFiler = await admin.request.post("/api/import/docx", { multipart: { file } });
  expect(notAFiler.status()).toBe(403);
  expect((await notAFiler.json()).error).toBe("你的账号不能写稿，不能导入 Word 文件");

  expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Photo"`))[0].n).toBe(photosBefore);
  for (const page of [stranger, correspondent, admin]) await page.context().close();
});
