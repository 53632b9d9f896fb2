import type { Page } from "@playwright/test";
import { expect } from "./support";

// Steps several desk specs take the same way, through the app.

export const boardColumn = (page: Page, number: number) => page.getByTestId(`board-page-${number}`);

/** A new issue made on the desk `daysAhead` days from today (Beijing), its board open; returns the board's address. */
export async function newIssue(editor: Page, daysAhead: number): Promise<string> {
  const date = new Date(Date.now() + 8 * 3600_000 + daysAhead * 86400_000).toISOString().slice(0, 10);
  await editor.goto("/desk/issues");
  await editor.getByLabel("出版日期").fill(date);
  await editor.getByRole("button", { name: /创建/ }).click();
  await editor.waitForURL(/\/desk\/issues\/[a-z0-9]+(\?|$)/);
  return new URL(editor.url()).pathname;
}

/** A one-page issue: pages 4, 3 and 2 of a new issue go, from the board. */
export async function keepOnlyFirstPage(editor: Page) {
  for (const n of [4, 3, 2]) {
    await boardColumn(editor, n).getByRole("button", { name: "删除此版" }).click();
    await expect(boardColumn(editor, n)).toHaveCount(0);
  }
}
