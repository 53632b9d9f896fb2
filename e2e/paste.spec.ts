import { expect, query, signIn, test } from "./support";

// 粘贴: copy taken from a printed page or a PDF comes with its column breaks. Pasted into the body,
// it goes through the copy parser; one click puts back what was pasted, as it was.

/** A paste as the browser delivers it: the clipboard's plain text, on the focused field. */
async function paste(page: import("@playwright/test").Page, label: string, text: string) {
  await page.getByLabel(label).evaluate((field, clip) => {
    const data = new DataTransfer();
    data.setData("text/plain", clip);
    field.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test("text pasted from a printed page becomes joined paragraphs and a subhead, and one click restores the paste", async ({ page }) => {
  await signIn(page, "zhanghan");
  await page.goto("/desk/stories/new");
  await page.getByLabel("主题（标题）").fill("城南新建两座口袋公园");
  const raw = "　　今年以来，城南街道利用边角空地\n新建两座口袋公园。\n绿地连片 方便群众\n　　公园内设有健身步道和儿童\n游乐区。";

  await paste(page, "正文第 1 段", raw);
  await expect(page.getByLabel("正文第 1 段")).toHaveValue("今年以来，城南街道利用边角空地新建两座口袋公园。");
  await expect(page.getByLabel("小标题")).toHaveValue("绿地连片 方便群众");
  await expect(page.getByLabel("正文第 3 段")).toHaveValue("公园内设有健身步道和儿童游乐区。");
  await expect(page.getByRole("status").filter({ hasText: "已按报纸格式整理" })).toContainText("2 段，1 个小标题，接上了 2 处断行");

  // Back to the paste as it came, in one paragraph, line breaks and all.
  await page.getByRole("button", { name: "恢复原样粘贴" }).click();
  await expect(page.getByLabel("正文第 1 段")).toHaveValue(raw.trim());
  await expect(page.getByLabel("小标题")).toHaveCount(0);
  await expect(page.getByLabel("正文第 2 段")).toHaveCount(0);

  // Pasted again and saved: the story keeps the parsed blocks.
  await page.getByLabel("正文第 1 段").fill("");
  await paste(page, "正文第 1 段", raw);
  await expect(page.getByLabel("小标题")).toHaveValue("绿地连片 方便群众");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  const storyId = new URL(page.url()).pathname.split("/").pop();
  const [row] = await query<{ body: { type: string; text: string }[] }>(`SELECT body FROM "Story" WHERE id = $1`, [storyId]);
  expect(row.body.map((b) => [b.type, b.text])).toEqual([
    ["paragraph", "今年以来，城南街道利用边角空地新建两座口袋公园。"],
    ["subhead", "绿地连片 方便群众"],
    ["paragraph", "公园内设有健身步道和儿童游乐区。"],
  ]);
});

test("a one-line paste, or a paste into a paragraph with text, goes in as typed", async ({ page }) => {
  await signIn(page, "zhanghan");
  await page.goto("/desk/stories/new");
  await page.getByLabel("正文第 1 段").fill("已有的文字");
  await paste(page, "正文第 1 段", "第一行\n第二行");
  // The browser's own paste (a synthetic event inserts nothing): the field is left as it was.
  await expect(page.getByLabel("正文第 1 段")).toHaveValue("已有的文字");
  await expect(page.getByLabel("正文第 2 段")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "恢复原样粘贴" })).toHaveCount(0);
});

test("putting back a paste after typing in it asks first, and a no keeps the typing", async ({ page }) => {
  await signIn(page, "zhanghan");
  await page.goto("/desk/stories/new");
  const raw = "　　今年以来，城南街道利用边角空地\n新建两座口袋公园。\n　　公园内设有健身步道。";
  await paste(page, "正文第 1 段", raw);
  await expect(page.getByLabel("正文第 2 段")).toHaveValue("公园内设有健身步道。");
  await page.getByLabel("正文第 2 段").fill("公园内设有健身步道。我补充的一句。");

  page.once("dialog", (dialog) => dialog.dismiss());
  await page.getByRole("button", { name: "恢复原样粘贴" }).click();
  await expect(page.getByLabel("正文第 2 段")).toHaveValue("公园内设有健身步道。我补充的一句。");

  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("恢复原样粘贴会丢掉这些修改");
    return dialog.accept();
  });
  await page.getByRole("button", { name: "恢复原样粘贴" }).click();
  await expect(page.getByLabel("正文第 1 段")).toHaveValue(raw.trim());
  await expect(page.getByLabel("正文第 2 段")).toHaveCount(0);
});
