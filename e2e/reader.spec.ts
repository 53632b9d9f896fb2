import { expect, test } from "@playwright/test";

// The seeded demo issues, as a reader meets them.
test("a reader moves from the latest issue through its pages to a story", async ({ page }) => {
  await page.goto("/");
  const pageNav = page.getByRole("navigation", { name: "版面导航" });
  await expect(pageNav.getByRole("link")).toHaveCount(4);
  await expect(pageNav.getByRole("link", { name: "第1版 要闻" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: /下一版：综合/ }).click();
  await expect(page).toHaveURL(/\/issues\/\d{4}-\d{2}-\d{2}\/pages\/2$/);
  await expect(pageNav.getByRole("link", { name: "第2版 综合" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "上一期" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("总第");
  const first = page.locator("main section ul a").first();
  const title = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});

test("unknown issues, pages and stories answer 404", async ({ page }) => {
  expect((await page.goto("/issues/1999-01-01"))?.status()).toBe(404);
  expect((await page.goto("/issues/not-a-date"))?.status()).toBe(404);
  expect((await page.goto("/stories/doesnotexist123"))?.status()).toBe(404);
});

test("published pages are served from the cache", async ({ request }) => {
  const first = await request.get("/");
  expect(first.status()).toBe(200);
  const second = await request.get("/");
  expect(second.headers()["x-nextjs-cache"]).toBe("HIT");
});
