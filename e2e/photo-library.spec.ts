import sharp from "sharp";
import { expect, expectAccessible, query, signIn, test } from "./support";

// The photo library (图片库): a photographer uploads a batch with a shared credit, one file of the
// batch is refused while the rest arrive, then one photo is captioned and found again by search.

async function colouredJpeg(i: number) {
  const buffer = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: (40 + i * 20) % 256, g: 120, b: 200 - i * 10 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
  return { name: `秋收-${i + 1}.jpg`, mimeType: "image/jpeg", buffer };
}

test("a photographer uploads a batch, sees each file's progress, keeps the good ones when one is refused, captions one and finds it", async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const caption = `梨树县农民驾驶收割机抢收玉米 稻谷${stamp}`;
  await signIn(page, "zhaochen");
  await page.getByRole("navigation", { name: "采编" }).getByRole("link", { name: "图片库" }).click();
  await expect(page.getByRole("heading", { name: "图片库" })).toBeVisible();
  await page.getByText("上传图片（可一次多张）").click();

  const upload = page.getByRole("region", { name: "批量上传图片" });
  await upload.getByLabel("署名").fill("本报记者 赵晨 摄");
  await upload.getByLabel("关键词").fill(`秋收、玉米 批次${stamp}`);

  // Hold the uploads at the server's door until every row has shown its progress bar.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route("**/api/photos", async (route) => {
    await gate;
    await route.continue();
  });
  const files = [...(await Promise.all(Array.from({ length: 9 }, (_, i) => colouredJpeg(i)))), { name: "不是图片.jpg", mimeType: "image/jpeg", buffer: Buffer.from("这是一份文字稿，不是照片。\n".repeat(20)) }];
  await upload.getByLabel("选择要上传的图片").setInputFiles(files);
  await expect(upload.getByRole("progressbar")).toHaveCount(10);
  await expect(upload.getByRole("progressbar", { name: "秋收-1.jpg 上传进度" })).toBeVisible();
  release(); // the route stays: every later upload passes straight through the open gate

  await expect(upload.getByText("共 10 张，已上传 9 张，1 张未能上传")).toBeVisible({ timeout: 90_000 });
  const refused = upload.getByRole("listitem", { name: "不是图片.jpg" });
  await expect(refused.getByRole("alert")).toContainText("只能上传 JPEG、PNG 或 WebP 格式的图片");
  // Trying the refused file again changes nothing for the others.
  await refused.getByRole("button", { name: "重试" }).click();
  await expect(refused.getByRole("alert")).toContainText("只能上传 JPEG、PNG 或 WebP 格式的图片");
  await expect(upload.getByText("共 10 张，已上传 9 张，1 张未能上传")).toBeVisible();
  await expect(upload.getByRole("img")).toHaveCount(9);

  const first = upload.getByRole("listitem", { name: "秋收-1.jpg" });
  await first.getByLabel("秋收-1.jpg 的图片说明").fill(caption);
  await first.getByRole("button", { name: "保存说明" }).click();
  await expect(first.getByRole("status")).toHaveText("已保存（署名：本报记者 赵晨 摄）");

  // Found by its caption…
  await page.goto(`/desk/photos?q=${encodeURIComponent(`稻谷${stamp}`)}`);
  const grid = page.getByRole("list", { name: "图片" });
  await expect(grid.getByRole("listitem")).toHaveCount(1);
  await expect(grid).toContainText(caption);
  await expect(grid).toContainText("本报记者 赵晨 摄");
  // …and the whole batch by the credit's name and its keyword.
  await page.goto(`/desk/photos?q=${encodeURIComponent(`赵晨 批次${stamp}`)}`);
  await expect(grid.getByRole("listitem")).toHaveCount(9);
  await expectAccessible(page);

  // The photo's page: the words, the file facts, the sizes and where it has run.
  await page.goto(`/desk/photos?q=${encodeURIComponent(`稻谷${stamp}`)}`);
  await grid.getByRole("link").first().click();
  await expect(page.getByLabel("图片说明")).toHaveValue(caption);
  await expect(page.getByRole("heading", { name: "刊用情况" })).toBeVisible();
  await expect(page.getByText("还没有稿件用过这张图片。")).toBeVisible();
  await expect(page.getByRole("link", { name: "原图" })).toBeVisible();
  await expect(page.getByText("摄影（署名所指）")).toBeVisible();
  await expectAccessible(page);

  // Two saves in a row from the page both land; a save from a page opened before them is refused
  // and keeps what was typed there.
  const stale = await page.context().newPage();
  await stale.goto(page.url());
  await page.getByLabel("地点").fill("梨树县");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await page.getByLabel("事件").fill("秋收");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  const photoId = new URL(page.url()).pathname.split("/").pop();
  await expect.poll(async () => (await query<{ event: string }>(`SELECT event FROM "Photo" WHERE id = $1`, [photoId]))[0].event).toBe("秋收");
  await stale.getByLabel("地点").fill("公主岭市");
  await stale.getByRole("button", { name: "保存", exact: true }).click();
  await expect(stale.getByTestId("form-message")).toContainText("已被他人修改");
  await expect(stale.getByLabel("地点")).toHaveValue("公主岭市");
  await page.reload();
  await expect(page.getByLabel("地点")).toHaveValue("梨树县");
  await expect(page.getByLabel("事件")).toHaveValue("秋收");
});

test("another correspondent neither finds an unpublished photo nor opens its page", async ({ browser }) => {
  const context = await browser.newContext();
  const owner = await context.newPage();
  await signIn(owner, "zhaochen");
  const stamp = Date.now().toString(36);
  await owner.goto("/desk/photos");
  await owner.getByText("上传图片（可一次多张）").click();
  const upload = owner.getByRole("region", { name: "批量上传图片" });
  await upload.getByLabel("关键词").fill(`私有${stamp}`);
  await upload.getByLabel("选择要上传的图片").setInputFiles([await colouredJpeg(3)]);
  await expect(upload.getByText("共 1 张，已上传 1 张")).toBeVisible({ timeout: 60_000 });
  const href = await upload.getByRole("link", { name: "打开" }).getAttribute("href");
  await context.close();

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, "duwen");
  await other.goto(`/desk/photos?q=${encodeURIComponent(`私有${stamp}`)}`);
  await expect(other.getByText("没有符合条件的图片。")).toBeVisible();
  const response = await other.goto(href!);
  expect(response?.status()).toBe(404);
  await otherContext.close();
});
