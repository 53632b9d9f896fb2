import { expect, test, signIn } from "./support";

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
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await page.waitForURL(/\/desk\/stories\/[a-z0-9]+/);
  await page.reload();
  await expect(page.getByLabel("主题（标题）")).toHaveValue("双辽市新建三座口袋公园");
  await expect(page.getByRole("button", { name: "恢复那份内容" })).toHaveCount(0);
  await page.goto("/desk/stories/new");
  await expect(page.getByRole("button", { name: "恢复那份内容" })).toHaveCount(0);
});

test("a draft saves itself a few seconds after typing stops", async ({ page }) => {
  await signIn(page, "duwen");
  await page.goto("/desk/stories/new");
  await page.getByLabel("主题（标题）").fill("铁西区老旧小区加装电梯");
  await page.getByLabel("正文第 1 段").fill("今年铁西区已为十二个老旧小区加装电梯。");
  await expect(page.getByTestId("save-state")).toContainText("已自动保存", { timeout: 45_000 });
  await expect(page).toHaveURL(/\/desk\/stories\/[a-z0-9]+$/);
  await page.reload();
  await expect(page.getByLabel("主题（标题）")).toHaveValue("铁西区老旧小区加装电梯");
  await expect(page.getByRole("button", { name: "恢复那份内容" })).toHaveCount(0);
});
