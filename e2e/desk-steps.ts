import type { Browser, Locator, Page } from "@playwright/test";
import { expect, newUserPage, query } from "./support";

// Steps several desk specs take the same way, through the app.

export const boardColumn = (page: Page, number: number) => page.getByTestId(`board-page-${number}`);

/** A new issue made on the desk `daysAhead` days from today (Beijing), its board open; returns the board's address. */
export async function newIssue(editor: Page, daysAhead: number): Promise<string> {
  const date = new Date(Date.now() + 8 * 3600_000 + daysAhead * 86400_000).toISOString().slice(0, 10);
  await editor.goto("/desk/issues");
  await editor.getByLabel("出版日期").fill(date);
  await editor.getByRole("button", { name: /创建/ }).click();
  // Not waitForURL, which waits forever: a refusal (a day that already has an issue) fails here.
  await expect(editor).toHaveURL(/\/desk\/issues\/[a-z0-9]+(\?|$)/);
  return new URL(editor.url()).pathname;
}

/** A one-page issue: pages 4, 3 and 2 of a new issue go, from the board. */
export async function keepOnlyFirstPage(editor: Page) {
  for (const n of [4, 3, 2]) {
    await boardColumn(editor, n).getByRole("button", { name: "删除此版" }).click();
    await expect(boardColumn(editor, n)).toHaveCount(0);
  }
}

/**
 * A pointer drag dnd-kit recognises: press, move past its activation distance in steps, move onto
 * the target (its centre, or `near: "bottom"` its lower edge), then wait for `whenOver` (dnd-kit
 * finds what is under the pointer on an animation frame, which a busy machine delays) and release.
 */
export async function dragTo(page: Page, handle: Locator, target: Locator, { near = "centre", whenOver }: { near?: "centre" | "bottom"; whenOver?: () => Promise<void> } = {}) {
  // The mouse works in the viewport: both ends must be on screen (the story form is long).
  await target.scrollIntoViewIfNeeded();
  await handle.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, near === "bottom" ? to.y + to.height - 10 : to.y + to.height / 2, { steps: 15 });
  if (whenOver) await whenOver();
  await page.mouse.up();
}

/**
 * 复审 by the 部门主任 and 终审 by the 值班总编, each from the story's own page, as a page needs of
 * every story on it before 签版 (the chain itself, with its refusals: review-chain.spec.ts).
 */
export async function reviewedThrough(browser: Browser, storyPath: string) {
  for (const [username, button] of [["zhuren", "复审通过"], ["zongbian", "终审通过"]] as const) {
    const reviewer = await newUserPage(browser, username);
    await reviewer.goto(storyPath);
    await reviewer.getByRole("button", { name: button }).click();
    await reviewer.waitForURL(/\/desk\/queue/);
    await reviewer.context().close();
  }
}

/**
 * The paper's proofreading rounds on one page, recorded straight in the database with nothing
 * marked, for tests about what comes after them (三校 itself, in the browser: proofing.spec.ts).
 */
export async function proofreadInDb(issuePath: string, pageNumber: number) {
  await query(
    `INSERT INTO "ProofRound" (id, "pageId", number, "pageVersion", "openedById", "closedAt")
     SELECT 'e2eround' || md5(p.id || n), p.id, n, p.version, u.id, now()
     FROM "Page" p, "User" u, generate_series(1, COALESCE((SELECT "proofRounds" FROM "PaperProfile" LIMIT 1), 3)) n
     WHERE p."issueId" = $1 AND p.number = $2 AND u.username = 'jiaodui'
     ON CONFLICT DO NOTHING`,
    [issuePath.split("/").pop(), pageNumber],
  );
}
