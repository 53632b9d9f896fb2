import { expect, expectStatus, newUserPage, query, test } from "./support";
import { cameraJpeg } from "../tests/support/photo-files";
import { boardColumn, keepOnlyFirstPage, newIssue, reviewedThrough, proofreadInDb } from "./desk-steps";

// A 组图 from the photographers' batch to the reader: five photos by five photographers filed at once,
// each credited from its own file or caption (never the uploader), one reused from the library and one
// captioned in the story; filed without a byline, listed under its photographers, approved, placed,
// signed, released, then read on a desktop and a phone. The library keeps what the story wrote.

const dayAhead = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

// Invented photographers and captions, as their cameras' software writes them (IPTC byline and caption).
const BATCH = [
  { name: "凿冰.jpg", iptc: { byline: "钱晓峰", caption: "渔工在冰面上凿开冰眼。" }, credit: "钱晓峰 摄", caption: "渔工在冰面上凿开冰眼。" },
  { name: "收网.jpg", iptc: { byline: "孟雪", caption: "渔工合力收起大网。" }, credit: "孟雪 摄", caption: "渔工合力收起大网。" },
  { name: "头鱼.jpg", iptc: { caption: "头鱼出水，引来阵阵欢呼。 柯一帆 摄" }, credit: "柯一帆 摄", caption: "头鱼出水，引来阵阵欢呼。" },
  { name: "游客.jpg", iptc: { caption: "游客在湖边拍照留念。欧阳立群/摄" }, credit: "欧阳立群 摄", caption: "游客在湖边拍照留念。" },
  { name: "鱼市.jpg", iptc: { byline: "通讯员 韩冬", caption: "湖边鱼市人头攒动。" }, credit: "通讯员 韩冬 摄", caption: "湖边鱼市人头攒动。" },
];
const batchFile = async (b: (typeof BATCH)[number]) => ({ name: b.name, mimeType: "image/jpeg", buffer: await cameraJpeg({}, b.iptc, { width: 900, height: 600 }) });


test("a 组图 of five photographers filed as a batch, credited from the photos, is approved, placed, released and read on desktop and phone", async ({ browser }) => {
  const headline = `梨树县冬捕节开幕 ${Date.now().toString().slice(-6)}`;
  // A photo already printed in a demo story, to be used a second time.
  const [reused] = await query<{ id: string; caption: string }>(
    `SELECT p.id, p.caption FROM "Photo" p JOIN "StoryPhoto" sp ON sp."photoId" = p.id JOIN "Story" s ON s.id = sp."storyId"
     WHERE s.status = 'PUBLISHED' AND s.kind <> 'PHOTO_STORY' AND p.caption <> '' AND p.credit <> '' ORDER BY p."createdAt" LIMIT 1`,
  );
  // Other tests' page fixtures may run it too: this story adds one use.
  const usesOf = async (photoId: string) => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "StoryPhoto" WHERE "photoId" = $1`, [photoId]))[0].n;
  const usedBefore = await usesOf(reused.id);

  const reporter = await newUserPage(browser, "zhaochen");
  await reporter.goto("/desk/stories/new");
  // The filer is offered, never put in: a 组图 is credited by its photos.
  await expect(reporter.getByTestId("composed-byline")).toHaveText("（尚无署名）");
  await expect(reporter.getByRole("button", { name: "署我的名字：赵晨 摄" })).toBeVisible();
  await reporter.getByLabel("体裁").selectOption("PHOTO_STORY");
  await reporter.getByLabel("主题（标题）").fill(headline);
  await reporter.getByLabel("正文第 1 段").fill("查干湖畔，渔把头一声号令，冬捕节拉开帷幕，头鱼出水引来阵阵欢呼。");

  const atEnd = reporter.getByRole("group", { name: "在末尾添加" });
  await atEnd.getByRole("button", { name: "多张上传" }).click();
  await reporter.getByLabel("选择要上传的图片").setInputFiles(await Promise.all(BATCH.map(batchFile)));
  const put = reporter.getByRole("button", { name: "把已上传的 5 张放进正文" });
  await expect(put).toBeEnabled();
  await expect(reporter.getByTestId("upload-credit")).toHaveText(BATCH.map((b) => `署名：${b.credit}`));
  await put.click();
  const photos = reporter.locator('[data-block-type="photo"]');
  await expect(photos).toHaveCount(5);
  // Five photographers, five credits, none typed.
  for (const [i, b] of BATCH.entries()) {
    await expect(photos.nth(i).getByLabel("摄影署名")).toHaveValue(b.credit);
    await expect(photos.nth(i).getByLabel("图片说明")).toHaveValue(b.caption);
  }

  await atEnd.getByRole("button", { name: "从图片库选择" }).click();
  const picker = reporter.getByRole("dialog", { name: "从图片库选择" });
  await picker.getByPlaceholder("搜索图片说明、署名或关键词").fill(reused.caption.slice(0, 6));
  await picker.getByRole("button", { name: "搜索" }).click();
  await picker.getByRole("button", { name: reused.caption.slice(0, 6) }).first().click();
  await picker.getByRole("button", { name: "选用（1 张）" }).click();
  await expect(photos).toHaveCount(6);

  // A photo with nothing in its file: the credit is asked for, and a caption ending “某某 摄” gives it.
  await atEnd.getByLabel("上传图片", { exact: true }).setInputFiles({ name: "冰灯.jpg", mimeType: "image/jpeg", buffer: await cameraJpeg({}, undefined, { width: 900, height: 600 }) });
  await expect(photos).toHaveCount(7);
  const last = photos.nth(6);
  await expect(last.getByTestId("missing-credit")).toBeVisible();
  const lastCaption = `夜幕下，查干湖畔的冰灯亮起${Date.now().toString().slice(-5)}。 谷雨桐 摄`;
  await last.getByLabel("图片说明").fill(lastCaption);
  await last.getByLabel("图片说明").blur();
  await expect(last.getByLabel("摄影署名")).toHaveValue("谷雨桐 摄");
  await expect(last.getByLabel("图片说明")).toHaveValue(lastCaption.replace(" 谷雨桐 摄", ""));
  await expect(last.getByTestId("missing-credit")).toHaveCount(0);

  // Filed without a byline: every photo carries its credit.
  await reporter.getByRole("button", { name: "提交审稿" }).click();
  await expectStatus(reporter, "已提交");
  // The filer keeps their story's page, photos from the library and from others included.
  await reporter.reload();
  await expect(reporter.getByRole("heading", { name: "没有权限" })).toHaveCount(0);
  await expect(reporter.locator('[data-block-type="photo"]')).toHaveCount(7);
  const storyPath = new URL(reporter.url()).pathname;
  const storyId = storyPath.split("/").pop()!;
  expect(await usesOf(reused.id)).toBe(usedBefore + 1);

  // The library has the story's words for the photo captioned there, found by photographer and by place.
  await reporter.goto(`/desk/photos?q=${encodeURIComponent("谷雨桐")}`);
  const grid = reporter.getByRole("list", { name: "图片", exact: true });
  await expect(grid).toContainText(lastCaption.replace(" 谷雨桐 摄", ""));
  await expect(grid).toContainText("谷雨桐 摄");
  await reporter.goto(`/desk/photos?q=${encodeURIComponent("查干湖畔的冰灯")}`);
  await expect(grid).toContainText("谷雨桐 摄");
  await reporter.goto("/desk/photos");
  await reporter.locator("select[name=photographer]").selectOption({ label: "欧阳立群" });
  await reporter.getByRole("button", { name: "搜索" }).click();
  await expect(grid.getByRole("listitem")).toHaveCount(1);
  await expect(grid).toContainText("游客在湖边拍照留念。");

  // The queue names the photographers first, the filing account after.
  const editor = await newUserPage(browser, "bianji");
  await editor.goto("/desk/queue");
  const row = editor.getByRole("row").filter({ hasText: headline });
  await expect(row).toContainText("钱晓峰 孟雪 柯一帆 欧阳立群");
  await expect(row).toContainText("提交：赵晨");

  // The desk approves and places it on a one-page issue; the chief editor signs and releases it.
  await editor.goto(storyPath);
  await editor.getByRole("button", { name: "初审通过" }).click();
  await editor.waitForURL(/\/desk\/queue/);
  await reviewedThrough(browser, storyPath);
  // Before release.spec's own scheduled issue (46): that spec expects its issue to be the newest on the front page.
  const date = dayAhead(44);
  const board = await newIssue(editor, 44);
  await editor.getByLabel(`为“${headline}”选择版面`).selectOption({ label: "第1版 要闻" });
  await editor.getByRole("button", { name: `上版：${headline}` }).click();
  await expect(boardColumn(editor, 1).getByRole("link", { name: headline })).toBeVisible();
  await keepOnlyFirstPage(editor);
  const chief = await newUserPage(browser, "zongbian");
  await proofreadInDb(board, 1);
  await chief.goto(`${board}/pages/1`);
  chief.once("dialog", (d) => d.accept());
  await chief.getByRole("button", { name: "签版" }).click();
  await expect(chief.getByText("已签", { exact: true }).first()).toBeVisible();
  await chief.goto(board);
  chief.once("dialog", (d) => d.accept());
  await chief.getByRole("button", { name: "立即见报" }).click();
  await expect.poll(async () => (await query<{ status: string }>(`SELECT status FROM "Story" WHERE id = $1`, [storyId]))[0].status).toBe("PUBLISHED");

  // Desktop: the page shows the set, the story page pages through it.
  const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await desktop.goto(`/issues/${date}/pages/1`);
  await expect(desktop.locator("main")).toContainText("组图");
  await desktop.goto(`/stories/${storyId}`);
  await expect(desktop.getByText("1 / 7").first()).toBeVisible();
  await desktop.keyboard.press("ArrowRight");
  await expect(desktop.getByText("2 / 7").first()).toBeVisible();
  await expect(desktop.getByText("渔工合力收起大网。").first()).toBeVisible();

  // Phone: the page's list carries the cover and the count.
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  await phone.goto(`/issues/${date}/pages/1`);
  await expect(phone.getByText("组图 共7幅").first()).toBeVisible();
  await phone.getByRole("link", { name: headline }).first().click();
  await expect(phone.getByText("头鱼出水，引来阵阵欢呼。").first()).toBeAttached();
});
