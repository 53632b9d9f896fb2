import { expect, test } from "@playwright/test";
import { signIn } from "./support";

// Nothing typed is lost: text that never reached the server is kept in the browser and offered back.
test("unsaved copy survives a reload and can be restored", async ({ page }) => {
  await signIn(page, "wangyu");
  await page.goto("/desk/stories/new");
  await page.getByLabel("主题（标题）").fill("双辽市新建三座口袋公园");
  await page.getByLabel("正文第 1 段").fill("今年以来，双辽市利用边角空地新建三座口袋公园。");
  page.on("dialog", (d) => d.accept());
  await page.reload();
  await expect(page.getByLabel("主题（标题）")).toHaveValue("");
  await page.getByRole("button", { name: "恢复那份内容" }).click();
  await expect(page.getByLabel("主题（标题）")).toHaveValue("双辽市新建三座口袋公园");
  await expect(page.getByLabel("正文第 1 段")).toHaveValue("今年以来，双辽市利用边角空地新建三座口袋公园。");

  // Once saved on the server, the browser's copy is dropped and not offered again.
  await page.getByRole("button", { name: "保存" }).click();
  await page.waitForURL(/\/desk\/stories\/[a-z0-9]+\?done=/);
  await page.reload();
  await expect(page.getByLabel("主题（标题）")).toHaveValue("双辽市新建三座口袋公园");
  await expect(page.getByRole("button", { name: "恢复那份内容" })).toHaveCount(0);
  await page.goto("/desk/stories/new");
  await expect(page.getByRole("button", { name: "恢复那份内容" })).toHaveCount(0);
});
