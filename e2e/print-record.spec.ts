import { expect, test, query } from "./support";
import { demoIssues } from "../prisma/seed/demo-content";
import { paperDay } from "../lib/core/dates";

// What ran is frozen at release (PrintRecord). For every story of the demo issues, the record says
// what the reader's e-paper shows: the page it is on, its 下转 page, its headline and its byline; a
// story withdrawn since (another test withdraws one) ran, is on the record, and is gone for readers.

type Record = { storyId: string; pageNumber: number; continuedOnPage: number | null; kicker: string; headline: string; byline: string; characters: number; charCount: number; withdrawn: boolean };

test("the print records of the demo issues say what the reader's pages show, story by story", async ({ page, request }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const dates = demoIssues.map((d) => paperDay(-d.daysAgo));
  let stories = 0;
  for (const date of dates) {
    const records = await query<Record>(
      `SELECT r."storyId", r."pageNumber", r."continuedOnPage", r.kicker, r.headline, r.byline, r.characters, s."charCount" AS "charCount",
         EXISTS (SELECT 1 FROM "PrintRecord" w WHERE w."storyId" = r."storyId" AND w.event = 'WITHDRAWN') AS withdrawn
       FROM "PrintRecord" r JOIN "Issue" i ON i.id = r."issueId" JOIN "Story" s ON s.id = r."storyId"
       WHERE i.date = $1::date AND r.event = 'RELEASED'`,
      [date],
    );
    const pages = await query<{ number: number }>(`SELECT p.number FROM "Page" p JOIN "Issue" i ON i.id = p."issueId" WHERE i.date = $1::date ORDER BY p.number`, [date]);
    expect(pages.length, `${date} has pages`).toBeGreaterThan(0);
    for (const { number } of pages) {
      await page.goto(`/issues/${date}/pages/${number}`);
      const items = page.getByRole("navigation", { name: "标题导航" }).getByRole("listitem");
      // Each story that begins on this page: its id, and the page it continues on.
      const shown = (
        await items.evaluateAll((lis) =>
          lis.map((li) => ({
            storyId: (li.querySelector("a")?.getAttribute("href") ?? "").split("/").pop() ?? "",
            arriving: /上接第\d+版/.test(li.textContent ?? ""),
            jumpTo: Number(/下转第(\d+)版/.exec(li.textContent ?? "")?.[1] ?? 0) || null,
          })),
        )
      ).filter((s) => !s.arriving);
      const recorded = records.filter((r) => r.pageNumber === number && !r.withdrawn);
      const byId = (a: { storyId: string }, b: { storyId: string }) => a.storyId.localeCompare(b.storyId);
      expect(recorded.map((r) => ({ storyId: r.storyId, jumpTo: r.continuedOnPage })).sort(byId), `${date} 第${number}版`).toEqual(
        shown.map((s) => ({ storyId: s.storyId, jumpTo: s.jumpTo })).sort(byId),
      );
    }
    for (const record of records) {
      if (record.withdrawn) {
        expect((await request.get(`/stories/${record.storyId}`)).status()).toBe(410);
        continue;
      }
      await page.goto(`/stories/${record.storyId}`);
      const article = page.locator("article").first();
      await expect(article.getByRole("heading", { level: 1 })).toContainText(record.headline);
      if (record.kicker) await expect(article).toContainText(record.kicker);
      if (record.byline) await expect(article).toContainText(record.byline);
      // The demo's stories are not edited after release: the text that ran is the text counted.
      expect(record.characters).toBe(record.charCount);
      stories++;
    }
  }
  expect(stories).toBeGreaterThan(10);
});
