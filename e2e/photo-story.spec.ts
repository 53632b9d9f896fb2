import { expect, test, query, expectAccessible, expectFitsPhone } from "./support";

// A 组图 (photo story) as readers meet it: on its printed page, and on its own page as a gallery
// moved by buttons, arrow keys and swipes. The seeded demo carries one (the first filed: other specs file more).

type Photo = { type: string; caption?: string; credit?: string };

async function seededPhotoStory() {
  const [row] = await query<{ id: string; headline: string; date: string; page: number; body: string }>(
    `SELECT s.id, s.headline, to_char(i.date, 'YYYY-MM-DD') AS date, p.number AS page, s.body::text AS body
     FROM "Story" s JOIN "Placement" pl ON pl."storyId" = s.id JOIN "Page" p ON p.id = pl."pageId" JOIN "Issue" i ON i.id = p."issueId"
     WHERE s.status = 'PUBLISHED' AND s.kind = 'PHOTO_STORY' ORDER BY s."createdAt" LIMIT 1`,
  );
  const photos = (JSON.parse(row.body) as Photo[]).filter((b) => b.type === "photo");
  expect(photos.length).toBeGreaterThanOrEqual(5);
  return { ...row, photos };
}

test("on a desktop the e-paper shows the set as a set, and its page moves through it with the arrow keys", async ({ page }) => {
  const story = await seededPhotoStory();
  const n = story.photos.length;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/issues/${story.date}/pages/${story.page}`);
  const onPage = page.locator(`#story-${story.id}`);
  // The seeded set leads its page: wide enough for a grid of every photo, captions numbered below.
  // (A narrow block shows the cover with 组图 共N幅: the phone test and the unit tests see that.)
  await expect(onPage.getByRole("group", { name: `组图 共${n}幅` }).locator("img")).toHaveCount(n);
  await expect(onPage).toContainText(`图② ${story.photos[1].caption}`);
  await expect(page.getByRole("navigation", { name: "标题导航" })).toContainText(`组图 共${n}幅`);
  for (const img of await onPage.locator("img").all()) {
    expect(Number(await img.getAttribute("width"))).toBeGreaterThan(0);
    expect(Number(await img.getAttribute("height"))).toBeGreaterThan(0);
  }

  await onPage.getByRole("link", { name: `查看组图（共${n}幅）` }).click();
  await expect(page).toHaveURL(new RegExp(`/stories/${story.id}$`));
  const gallery = page.getByRole("region", { name: `组图 共${n}幅` });
  const slide = (k: number) => gallery.locator(`#photo-${k}`);
  await expect(slide(1)).toBeInViewport();
  await expect(slide(1)).toContainText(`1 / ${n}`);
  await expect(slide(2)).not.toBeInViewport();
  // The thumbnails in view are drawn on first load (the first was once blank until something scrolled;
  // from the seventh on they load as they come into view).
  const thumbnails = gallery.getByRole("navigation", { name: "组图缩略图" }).locator("img");
  await expect(thumbnails).toHaveCount(n);
  await expect
    .poll(() => thumbnails.evaluateAll((imgs) => imgs.slice(0, 6).filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0).length))
    .toBe(Math.min(n, 6));
  await expect(gallery.getByRole("button", { name: "上一幅" })).toBeDisabled();

  await page.keyboard.press("ArrowRight");
  await expect(slide(2)).toBeInViewport();
  await expect(slide(2)).toContainText(`2 / ${n}`);
  await expect(slide(2)).toContainText(story.photos[1].caption!);
  await expect(slide(1)).not.toBeInViewport();
  await expect(gallery.getByRole("navigation", { name: "组图缩略图" }).getByRole("link", { name: "第2幅" })).toHaveAttribute("aria-current", "true");

  await page.keyboard.press("ArrowLeft");
  await expect(slide(1)).toBeInViewport();
  await expect(slide(2)).not.toBeInViewport();
  await gallery.getByRole("button", { name: "下一幅" }).click();
  await expect(slide(2)).toBeInViewport();
  await expect(slide(1)).not.toBeInViewport();
  // A thumbnail jumps straight to its photo; the last one cannot go further.
  await gallery.getByRole("navigation", { name: "组图缩略图" }).getByRole("link", { name: `第${n}幅` }).click();
  await expect(slide(n)).toBeInViewport();
  await expect(gallery.getByRole("button", { name: "下一幅" })).toBeDisabled();
  // The last slide fills the strip exactly: no sliver of the one before shows at its left.
  const strip = slide(n).locator("..");
  const edges = async () => {
    const [box, last, before] = [await strip.boundingBox(), await slide(n).boundingBox(), await slide(n - 1).boundingBox()];
    return Math.max(Math.abs(last!.x - box!.x), Math.max(0, before!.x + before!.width - box!.x));
  };
  await expect.poll(edges).toBeLessThan(1);

  // The photographer's name in a credit leads to their reader page when the story credits them.
  const credited = story.photos.findIndex((p) => p.credit?.includes("赵晨"));
  await expect(slide(credited + 1).getByRole("link", { name: "赵晨" })).toHaveAttribute("href", "/authors/zhaochen");

  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd["@type"]).toBe("NewsArticle");
  expect(jsonLd.image).toHaveLength(n);
  expect(new Set(jsonLd.image.map((i: { url: string }) => i.url)).size).toBe(n);
  expect(jsonLd.image[1]).toMatchObject({ caption: story.photos[1].caption, creditText: story.photos[1].credit });
  expect(jsonLd.author.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(["赵晨", "钟宛宁", "孟繁星"]));
  await expectAccessible(page);
});

test("without scripts every photo and caption of the set is in the page", async ({ browser }) => {
  const story = await seededPhotoStory();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/stories/${story.id}`);
  const gallery = page.getByRole("region", { name: `组图 共${story.photos.length}幅` });
  await expect(gallery.locator("figure")).toHaveCount(story.photos.length);
  for (const [i, photo] of story.photos.entries()) {
    await expect(gallery.locator(`#photo-${i + 1} figcaption`)).toContainText(`${i + 1} / ${story.photos.length}${photo.caption}`);
  }
  // Only the first photo is fetched at once; the rest wait until they are near.
  await expect(gallery.locator("#photo-1 img")).toHaveAttribute("loading", "eager");
  await expect(gallery.locator("#photo-2 img")).toHaveAttribute("loading", "lazy");
  // No buttons that would do nothing.
  await expect(gallery.getByRole("button")).toHaveCount(0);
  await context.close();
});

test("on a phone the page lists the set by its cover and count, and a swipe moves to the next photo", async ({ browser }) => {
  const story = await seededPhotoStory();
  const n = story.photos.length;
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`/issues/${story.date}/pages/${story.page}`);
  const card = page.getByRole("list", { name: "本版稿件" }).locator("li").filter({ has: page.locator(`a[href="/stories/${story.id}"]`) });
  await expect(card.locator("img")).toHaveCount(1);
  await expect(card.getByText(`组图 共${n}幅`)).toBeVisible();
  await expectFitsPhone(page);

  await page.goto(`/stories/${story.id}`);
  const gallery = page.getByRole("region", { name: `组图 共${n}幅` });
  const strip = gallery.getByRole("list", { name: /组图照片/ });
  await expect(gallery.getByRole("button", { name: "下一幅" })).toBeVisible();
  const box = (await strip.boundingBox())!;
  const y = box.y + box.height / 3;
  // A finger moving right to left across the photo, as the browser reports it.
  const touch = { pointerId: 7, pointerType: "touch", isPrimary: true, clientY: y };
  await strip.dispatchEvent("pointerdown", { ...touch, clientX: box.x + box.width * 0.8 });
  await strip.dispatchEvent("pointerup", { ...touch, clientX: box.x + box.width * 0.2 });
  await expect(gallery.locator("#photo-2")).toBeInViewport();
  await expect(gallery.locator("#photo-1")).not.toBeInViewport();
  await expect(gallery.locator("#photo-2")).toContainText(`2 / ${n}`);
  // Mostly downward is the reader scrolling the page, not a swipe.
  await strip.dispatchEvent("pointerdown", { ...touch, clientX: box.x + box.width * 0.6 });
  await strip.dispatchEvent("pointerup", { ...touch, clientX: box.x + box.width * 0.4, clientY: y + 200 });
  await expect(gallery.locator("[aria-live=polite]")).toHaveText(`第2幅，共${n}幅`);
  await expect(gallery.locator("#photo-2")).toBeInViewport();
  await expect(gallery.locator("#photo-3")).not.toBeInViewport();
  await expectFitsPhone(page);
  await expectAccessible(page);
  await context.close();
});
