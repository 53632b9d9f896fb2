import type { Page } from "@playwright/test";
import { expect, test, newUserPage } from "./support";
import { BUS_STOPS_PARAGRAPH, makeLongJumpIssue, type FixtureIssue } from "./page-fixtures";

// 转版 as the desk proofs it and readers get it. The issue is made for this test: on page 1 a
// two-column story of one long paragraph and a photo, set to continue on page 3.

const HEADLINE = "十二个站点通上城乡公交";
let issue: FixtureIssue;

test.beforeAll(async () => {
  issue = await makeLongJumpIssue("2025-02-12", 8815);
});

/** The story's text as one page prints it, its paragraphs in order. */
const printedText = async (page: Page, id: string) => (await page.locator(`#story-${id} .story-text p`).allTextContents()).join("");

test("a story that jumps prints its first part on page 1 and the rest on page 3, on the proof and the reader's page, nothing lost or repeated", async ({ browser }) => {
  const id = issue.storyIds[HEADLINE];
  const editor = await newUserPage(browser, "bianji");
  const reader = await newUserPage(browser);
  const views: [Page, string][] = [
    [editor, `/desk/issues/${issue.id}/pages`],
    [reader, `/issues/${issue.date}/pages`],
  ];
  for (const [page, pages] of views) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${pages}/1`);
    const first = page.locator(`#story-${id}`);
    await expect(first.getByRole("link", { name: "（下转第3版）" })).toBeVisible();
    await expect(first.locator("figure")).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "标题导航" }).getByRole("listitem").filter({ hasText: HEADLINE })).toContainText("下转第3版");
    const here = await printedText(page, id);

    await page.goto(`${pages}/3`);
    const rest = page.locator(`#story-${id}`);
    await expect(rest.getByRole("link", { name: "（上接第1版）" })).toBeVisible();
    await expect(rest.getByRole("heading", { name: HEADLINE })).toBeVisible();
    // It goes on inside the paragraph page 1 broke, so its first line is not indented as a new one.
    await expect(rest.locator(".story-text p").first()).toHaveCSS("text-indent", "0px");
    // The photo comes after the text, so it runs with the rest.
    await expect(rest.locator("figure")).toContainText("村民在新建的候车亭等车");
    await expect(page.getByRole("navigation", { name: "标题导航" }).getByRole("listitem").filter({ hasText: HEADLINE })).toContainText("上接第1版");
    const there = await printedText(page, id);

    // Page 1 fills its two columns' share and ends on a whole sentence; page 3 carries the rest.
    // The share of a 对开 page drawn to scale (9,792 characters) for a 双栏 story is 1,469 characters.
    expect(here).toMatch(/。$/);
    expect([here.length > 1200, here.length <= 1469, there.length > 300]).toEqual([true, true, true]);
    expect(here + there).toBe(BUS_STOPS_PARAGRAPH);
  }
  // The story's own page carries it whole.
  await reader.goto(`/stories/${id}`);
  await expect(reader.locator(".story-text p").first()).toHaveText(BUS_STOPS_PARAGRAPH);
});
