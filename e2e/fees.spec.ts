import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { expect, test, newUserPage, query } from "./support";

// 稿酬 month end as the finance office does it: the next open month of the demo's back year is
// closed in the browser, exported, and the workbook read back agrees with the screen. Access: only
// finance sees everyone's money; editors read the 采用 tables; correspondents neither.

const nextMonth = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 7);

test("finance closes a month, and its workbook says what the screen said", async ({ browser }) => {
  const [last] = await query<{ month: string | null }>(`SELECT max(month) AS month FROM "FeeMonth"`);
  const [first] = await query<{ month: string }>(`SELECT to_char(min("issueDate"), 'YYYY-MM') AS month FROM "PrintRecord" WHERE event = 'RELEASED'`);
  const month = last.month ? nextMonth(last.month) : first.month;

  const finance = await newUserPage(browser, "caiwu");
  await finance.goto(`/desk/fees?month=${month}`);
  await expect(finance.getByTestId("fee-month-state")).toContainText("未结算");
  const total = (await finance.getByTestId("fee-month-total").textContent())!;
  expect(total).toMatch(/^¥[\d,]+(\.\d\d)?$/);
  // Each payee's lines carry their sum in words.
  await finance.getByTestId("fee-payees").getByRole("link").first().click();
  await expect(finance.getByTestId("fee-line").first()).toContainText("字");

  finance.on("dialog", (d) => d.accept());
  await finance.getByRole("button", { name: `结算 ${month}` }).click();
  await expect(finance.getByTestId("fee-month-state")).toContainText("已结算（钱悦");
  await expect(finance.getByTestId("fee-month-total")).toHaveText(total);
  await expect(finance.getByRole("button", { name: `结算 ${month}` })).toHaveCount(0);

  const [download] = await Promise.all([finance.waitForEvent("download"), finance.getByRole("link", { name: /导出 Excel/ }).click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet("收款人汇总")!;
  const totalRow = sheet.getRow(sheet.rowCount);
  expect(totalRow.getCell(1).value).toBe("合计");
  const amount = Number(totalRow.getCell(4).value);
  expect(`¥${Math.floor(amount).toLocaleString("en-US")}${Number.isInteger(amount) ? "" : `.${amount.toFixed(2).slice(-2)}`}`).toBe(total);
  // Payee rows add up to the total.
  const payees = sheet.getSheetValues().slice(3, -1) as unknown[][];
  expect(Math.round(payees.reduce((s, r) => s + Number(r[4]), 0) * 100)).toBe(Math.round(amount * 100));
});

test("only finance sees the money; correspondents see neither the money of others nor the rankings", async ({ browser }) => {
  const reporter = await newUserPage(browser, "zhanghan");
  expect((await reporter.goto("/desk/fees"))?.status()).toBe(403);
  expect((await reporter.goto("/desk/stats"))?.status()).toBe(403);
  await expect(reporter.getByRole("heading", { name: "没有权限" })).toBeVisible();
  const [month] = await query<{ month: string }>(`SELECT month FROM "FeeMonth" ORDER BY month LIMIT 1`);
  expect((await reporter.request.get(`/desk/fees/export?month=${month.month}&format=xlsx`)).status()).toBe(403);

  const editor = await newUserPage(browser, "bianji");
  expect((await editor.goto("/desk/fees"))?.status()).toBe(403);
  expect((await editor.request.get(`/desk/fees/export?month=${month.month}&format=csv`)).status()).toBe(403);
  // Editors read the 采用 tables: a year of the demo's correspondents, ranked.
  await editor.goto(`/desk/stats?period=${month.month.slice(0, 4)}`);
  await expect(editor.getByTestId("ranking").getByRole("row").nth(1)).toBeVisible();
  await editor.getByRole("link", { name: "按单位" }).click();
  await expect(editor.getByTestId("ranking")).toContainText("融媒体中心");
});
