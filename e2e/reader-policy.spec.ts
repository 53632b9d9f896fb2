import type { Page, Response } from "@playwright/test";
import { expect, query, test } from "./support";

// Reader pages are rendered once for every reader, so their scripts are allowed by hash (a page kept
// by the cache) or by nonce (a search answer), never by 'unsafe-inline' alone: script injected into
// the page must not run, and the page's own scripts must (the page works).

test.use({ cspViolationsExpected: true });

/** The script-src of each policy an answer carries (a page kept by the cache carries two). */
function scriptSources(response: Response | null): Promise<string[]> {
  return (response?.headersArray() ?? Promise.resolve([])).then((headers) =>
    headers.filter((h) => h.name.toLowerCase() === "content-security-policy").map((h) => h.value.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? ""),
  );
}

/**
 * Whether script an attacker's markup put into the page's HTML would run: the page is fetched as
 * the server sends it (its headers kept) with a script added to its markup, as stored or reflected
 * HTML would add it.
 */
async function injectedScriptRan(page: Page, path: string): Promise<boolean> {
  await page.route((url) => url.pathname + url.search === path, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</body>", "<script>window.__injected = true;</script></body>");
    await route.fulfill({ response, body: html });
  });
  await page.goto(path);
  await page.unrouteAll();
  return page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected === true);
}

test("a reader page names its own scripts by hash, and script injected into it does not run", async ({ page }) => {
  const [story] = await query<{ id: string; headline: string }>(
    `SELECT id, headline FROM "Story" WHERE status = 'PUBLISHED' AND kind = 'NEWS_BRIEF' AND headline <> '' ORDER BY "publishedAt" DESC LIMIT 1`,
  );
  for (let visit = 0; visit < 2; visit++) {
    // The first answer (rendered now) and the second (from the cache) alike.
    const sources = await scriptSources(await page.goto(`/stories/${story.id}`));
    expect(sources.some((d) => /'sha256-[A-Za-z0-9+/=]{44}'/u.test(d) && !d.includes("'unsafe-inline'")), sources.join(" | ")).toBe(true);
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(story.headline);
  // The page's own scripts ran: the router moves to the front page without a full load.
  await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
  await page.getByRole("link", { name: "最新一期" }).click();
  await expect(page).toHaveURL(/\/$/u);
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  expect(await injectedScriptRan(page, `/stories/${story.id}`)).toBe(false);
});

test("a search answer carries a nonce for its scripts", async ({ page }) => {
  const path = "/search?q=" + encodeURIComponent("秋收");
  const sources = await scriptSources(await page.goto(path));
  expect(sources.some((d) => /'nonce-[A-Za-z0-9+/=]+'/u.test(d) && !d.includes("'unsafe-inline'")), sources.join(" | ")).toBe(true);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await injectedScriptRan(page, path)).toBe(false);
});
