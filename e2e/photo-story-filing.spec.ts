import sharp from "sharp";
import { expect, expectStatus, newUserPage, query, test } from "./support";
import { boardColumn, keepOnlyFirstPage, newIssue } from "./desk-steps";

// A 组图 from the photographer's batch to the reader: filed with several photos at once and one
// reused from the library, approved, placed, signed, released, then read on a desktop and a phone.

const dayAhead = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

async function photo(name: string, hue: number) {
  const buffer = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: hue, g: 140, b: 255 - hue } } }).jpeg().toBuffer();
  return { name, mimeType: "image/jpeg", buffer };
}


test("a 组图 filed as a batch with a library photo reused is approved, placed, released and read on desktop and phone", async ({ browser }) => {
  const headline = `梨树县冬捕节开幕 ${Date.now().toString().slice(-6)}`;
  // A photo already printed in a demo story, to be used a second time.
  const [reused] = await query<{ id: string; caption: string }>(
    `SELECT p.id, p.caption FROM "Photo" p JOIN "StoryPhoto" sp ON sp."photoId" = p.id JOIN "Story" s ON s.id = sp."storyId"
     WHERE s.status = 'PUBLISHED' AND s.kind <> 'PHOTO_STORY' AND p.caption <> '' ORDER BY p."createdAt" LIMIT 1`,
  );

  const reporter = await newUserPage(browser, "zhaochen");
  await reporter.goto("/desk/stories/new");
  await reporter.getByLabel("体裁").selectOption("PHOTO_STORY");
  await reporter.getByLabel("主题（标题）").fill(headline);
  await reporter.getByLabel("正文第 1 段").fill("查干湖畔，渔把头一声号令，冬捕节拉开帷幕，头鱼出水引来阵阵欢呼。");

  const atEnd = reporter.getByRole("group", { name: "在末尾添加" });
  await atEnd.getByRole("button", { name: "多张上传" }).click();
  await reporter.getByLabel("选择要上传的图片").setInputFiles([await photo("凿冰.jpg", 40), await photo("收网.jpg", 120), await photo("头鱼.jpg", 200)]);
  const put = reporter.getByRole("button", { name: "把已上传的 3 张放进正文" });
  await expect(put).toBeEnabled();
  await put.click();
  await expect(reporter.locator('[data-block-type="photo"]')).toHaveCount(3);

  await atEnd.getByRole("button", { name: "从图片库选择" }).click();
  const picker = reporter.getByRole("dialog", { name: "从图片库选择" });
  await picker.getByPlaceholder("搜索图片说明、署名或关键词").fill(reused.caption.slice(0, 6));
  await picker.getByRole("button", { name: "搜索" }).click();
  await picker.getByRole("button", { name: reused.caption.slice(0, 6) }).first().click();
  await picker.getByRole("button", { name: "选用（1 张）" }).click();
  await expect(reporter.locator('[data-block-type="photo"]')).toHaveCount(4);

  const captions = ["工人在冰面上凿开冰眼。", "渔工合力收起大网。", "头鱼出水。"];
  for (const [i, text] of captions.entries()) await reporter.getByLabel("图片说明").nth(i).fill(text);
  await expect(reporter.getByLabel("摄影署名").first()).toHaveValue("本报记者 赵晨 摄");
  await reporter.getByRole("button", { name: "提交审稿" }).click();
  await expectStatus(reporter, "已提交");
  const storyPath = new URL(reporter.url()).pathname;
  const storyId = storyPath.split("/").pop()!;
  const uses = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "StoryPhoto" WHERE "photoId" = $1`, [reused.id]);
  expect(uses[0].n).toBe(2);

  // The desk approves and places it on a one-page issue; the chief editor signs and releases it.
  const editor = await newUserPage(browser, "bianji");
  await editor.goto(storyPath);
  await editor.getByRole("button", { name: "通过" }).click();
  await editor.waitForURL(/\/desk\/queue/);
  // Before release.spec's own scheduled issue (46): that spec expects its issue to be the newest on the front page.
  const date = dayAhead(44);
  const board = await newIssue(editor, 44);
  await editor.getByLabel(`为“${headline}”选择版面`).selectOption({ label: "第1版 要闻" });
  await editor.getByRole("button", { name: `上版：${headline}` }).click();
  await expect(boardColumn(editor, 1).getByRole("link", { name: headline })).toBeVisible();
  await keepOnlyFirstPage(editor);
  const chief = await newUserPage(browser, "zongbian");
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
  await expect(desktop.getByText("1 / 4").first()).toBeVisible();
  await desktop.keyboard.press("ArrowRight");
  await expect(desktop.getByText("2 / 4").first()).toBeVisible();
  await expect(desktop.getByText("渔工合力收起大网。").first()).toBeVisible();

  // Phone: the page's list carries the cover and the count.
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  await phone.goto(`/issues/${date}/pages/1`);
  await expect(phone.getByText("组图 共4幅").first()).toBeVisible();
  await phone.getByRole("link", { name: headline }).first().click();
  await expect(phone.getByText("头鱼出水。").first()).toBeAttached();
});
