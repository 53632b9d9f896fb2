// npm run bench:render: how long the page printer takes, against its own baseline measured in the
// same run (the engine printing an empty page), since this machine's speed moves from day to day.
// Needs the app running on a seeded database: APP_URL (default http://127.0.0.1:3000). Prints
//   baseline-empty-page ms=…   render-page ms=… (median of one page)   render-issue pages=8 ms=…
// The demo's back issues have four pages: "render-issue" prints the newest released pages, eight
// of them, one after another as the job does (two issues' worth), without storing anything.
import { db } from "@/lib/platform/db";
import { issueDateToString } from "@/lib/core/dates";
import { withEngine } from "@/lib/page-files/engine";
import { renderPage } from "@/lib/page-files/render";
import { paperSizeOf } from "@/lib/page-files/page-files";
import { printAddress } from "@/lib/page-files/addresses";

const APP = process.env.APP_URL ?? "http://127.0.0.1:3000";
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const meta = { title: "bench", subject: "bench", keywords: [], author: "bench", at: new Date(0) };

async function main() {
  const pages = await db().page.findMany({
    where: { issue: { status: "PUBLISHED" } },
    orderBy: [{ issue: { date: "desc" } }, { number: "asc" }],
    take: 8,
    select: { number: true, issue: { select: { date: true } }, format: true },
  });
  if (pages.length < 8) throw new Error("seed the database first (npm run db:seed): fewer than eight released pages");
  const address = (p: (typeof pages)[number]) => `${APP}${printAddress(issueDateToString(p.issue.date), p.number)}`;
  const paper = (p: (typeof pages)[number]) => paperSizeOf(p.format);
  await withEngine(async (browser) => {
    const empty: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t = performance.now();
      await page.setContent("<!doctype html><html><body></body></html>");
      await page.pdf({ width: "297mm", height: "420mm" });
      empty.push(performance.now() - t);
      await context.close();
    }
    console.log(`baseline-empty-page ms=${median(empty).toFixed(0)}`);
    // A first print warms the app's caches and the engine's fonts, as the release's first page does.
    await renderPage(browser, address(pages[0]), paper(pages[0]), meta, `${APP}/stories/`);
    const one: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await renderPage(browser, address(pages[0]), paper(pages[0]), meta, `${APP}/stories/`);
      one.push(performance.now() - t);
    }
    console.log(`render-page ms=${median(one).toFixed(0)}`);
    const t = performance.now();
    for (const p of pages) await renderPage(browser, address(p), paper(p), meta, `${APP}/stories/`);
    console.log(`render-issue pages=${pages.length} ms=${(performance.now() - t).toFixed(0)}`);
  });
  process.exit(0);
}

void main();
