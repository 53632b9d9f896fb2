import { readFileSync } from "node:fs";
import { expect, test, signIn, expectAccessible, expectHeadingsInOrder } from "./support";
import { paperDay } from "../lib/core/dates";

// 差错统计: an editor records an error found in today's released paper against the page and the
// story it was in, sees the month's 差错率 take it in, downloads the month's log, and voids it again;
// bad input is refused with the field's own words; a correspondent has no such page.

test("an editor records a 差错 on today's page 2, the month's rate counts it, and voiding it takes it out", async ({ page }) => {
  const today = paperDay();
  const month = today.slice(0, 7);
  await signIn(page, "bianji");
  await page.goto(`/desk/quality?month=${month}`);
  await expect(page.getByRole("heading", { level: 1, name: "差错统计" })).toBeVisible();
  const rate = page.getByTestId("month-rate");
  const errorsShown = async () => Number((await rate.innerText()).match(/差错 (\d+) 处/)?.[1]);
  const before = await errorsShown();
  expect(before).toBeGreaterThanOrEqual(0);
  await expectAccessible(page);
  await expectHeadingsInOrder(page);

  // Choose the page, then the story on it.
  await page.getByRole("textbox", { name: "出版日期" }).fill(today.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日"));
  await page.getByRole("textbox", { name: "版次" }).fill("2");
  await page.getByRole("button", { name: "选定版面" }).click();
  const story = page.getByRole("combobox", { name: "所在稿件" });
  await expect(story).toBeVisible();
  const options = await story.locator("option").allInnerTexts();
  expect(options.length, "page 2's stories are offered").toBeGreaterThan(1);
  await story.selectOption({ index: 1 });
  await page.getByRole("combobox", { name: "差错类型" }).selectOption({ label: "标点" });
  await page.getByRole("combobox", { name: "来源" }).selectOption({ label: "读者来信" });

  // Nothing written where the error is: refused, in the field's words, and nothing counted.
  await page.getByRole("button", { name: "登记", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "请填写见报原文（错在哪里）" })).toBeVisible();
  expect(await errorsShown()).toBe(before);

  await page.getByRole("textbox", { name: "见报原文" }).fill("，，");
  await page.getByRole("textbox", { name: "应为" }).fill("，");
  await page.getByRole("textbox", { name: "差错数（处）" }).fill("2");
  await page.getByRole("button", { name: "登记", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `已登记差错，计入${Number(month.slice(0, 4))}年${Number(month.slice(5))}月差错率` })).toBeVisible();
  // The form is drawn anew for the next error: what was typed is gone, so a second press records nothing twice.
  await expect(page.getByRole("textbox", { name: "见报原文" })).toHaveValue("");
  await expect.poll(errorsShown).toBe(before + 2);
  const entry = page.getByTestId("error-entry").filter({ hasText: "原文：，，；应为：，" });
  await expect(entry).toContainText(`《${options[1]}》`);
  await expect(entry).toContainText("读者来信");

  // The month's log as a spreadsheet file carries the entry.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /下载本月记录/ }).click()]);
  expect(download.suggestedFilename()).toBe(`差错记录-${month}.csv`);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.startsWith("\uFEFF\"出版日期\"")).toBe(true);
  expect(csv).toContain('"，，","，"');

  // Voided with a reason: kept in the log, struck out, no longer counted.
  await entry.getByRole("textbox", { name: "作废原因" }).fill("复核后是版面转换造成，不计");
  page.once("dialog", (dialog) => void dialog.accept());
  await entry.getByRole("button", { name: /^作废/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "已作废" })).toBeVisible();
  await expect.poll(errorsShown).toBe(before);
  await expect(page.getByTestId("error-entry").filter({ hasText: "复核后是版面转换造成" })).toBeVisible();
});

test("a correspondent has no 差错统计", async ({ page }) => {
  await signIn(page, "zhanghan");
  const response = await page.goto("/desk/quality");
  expect(response?.status()).toBe(403);
  await page.goto("/desk/stories");
  await expect(page.getByRole("link", { name: "我的稿件" })).toBeVisible();
  await expect(page.getByRole("link", { name: "差错统计" })).toHaveCount(0);
});
