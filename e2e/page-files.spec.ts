import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { expect, newUserPage, query, test } from "./support";
import { makeIssue } from "./page-fixtures";

// The printed record of a released page, made by the running app's own job as a release leaves it:
// a reader downloads the page's PDF from the page view and the bound issue, both read back with
// Debian's poppler tools (text searchable, fonts embedded); the page strip shows each page's
// picture; a correction afterwards leaves the PDF's bytes as they were; an unreleased issue's
// files answer 404 to a signed-out visitor.

// Back-issue days no other test uses: released here, they must not become the front page.
const RELEASED = "2025-02-13";
const UNRELEASED = "2025-02-14";
const FRONT = "城关镇老街完成雨污分流改造";
const SECOND = "县图书馆延长周末开放时间";

const pdftotext = (file: string) => execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
const pdffonts = (file: string) => execFileSync("pdffonts", [file], { encoding: "utf8" });
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);

/** The text poppler reads, without the line breaks a column puts inside a headline. */
const flat = (text: string) => text.replace(/\s+/g, "");

/**
 * Every font in the PDF is embedded and maps its glyphs back to text (pdffonts' "emb" and "uni"
 * columns). Chromium embeds Noto CJK's CFF outlines as Type 3 fonts, which carry no font name.
 */
function expectFontsEmbedded(file: string) {
  const rows = pdffonts(file).split("\n").slice(2).filter((line) => line.trim());
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row, row).toMatch(/\s+yes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/);
}

async function waitForPdf(request: APIRequestContext, path: string) {
  await expect.poll(async () => (await request.get(path)).status(), { timeout: 120_000, intervals: [1000] }).toBe(200);
}

test("a released issue's pages print to PDFs and pictures that readers download, and a correction leaves them as printed", async ({ browser, request }, testInfo) => {
  test.setTimeout(300_000);
  const issue = await makeIssue({
    date: RELEASED,
    number: 8852,
    published: false,
    pages: [
      { number: 1, name: "要闻", items: [{ headline: FRONT, kind: "FEATURE", byline: "本报记者 周宁", paragraphs: ["城关镇老街的雨污分流改造近日完工，沿街二百多户居民家中的污水从此接入市政管网，雨天路面积水的老问题也一并解决。", "改造期间，施工单位分段作业、夜间不施工，尽量减少对沿街商户经营的影响。"], author: "lixue", isLead: true, size: "LEAD" }] },
      { number: 2, name: "综合", items: [{ headline: SECOND, paragraphs: ["从本月起，县图书馆周六、周日的闭馆时间由下午五点推迟到晚上八点，方便上班族和学生借阅。"], author: "lixue", size: "DOUBLE" }] },
    ],
  });
  await makeIssue({ date: UNRELEASED, number: 8853, published: false, pages: [{ number: 1, name: "要闻", items: [{ headline: "尚未见报的稿件", paragraphs: ["这一期还在编排中。"], author: "lixue" }] }] });
  await query(`UPDATE "Page" SET status = 'SIGNED', "signedAt" = now() WHERE "issueId" = $1`, [issue.id]);

  const chief = await newUserPage(browser, "zongbian");
  await chief.goto(`/desk/issues/${issue.id}`);
  chief.on("dialog", (d) => void d.accept());
  await chief.getByRole("button", { name: "立即见报" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "已签发见报" })).toBeVisible();

  // The job sent with the release prints both pages in the app's own engine.
  await waitForPdf(request, `/issues/${RELEASED}/pages/2/pdf`);
  await waitForPdf(request, `/issues/${RELEASED}/pages/1/pdf`);

  const reader = await newUserPage(browser);
  await reader.setViewportSize({ width: 1280, height: 900 });
  await reader.goto(`/issues/${RELEASED}/pages/1`);
  const strip = reader.getByRole("navigation", { name: "版面导航" });
  const thumbs = strip.locator("img");
  await expect(thumbs).toHaveCount(2);
  for (const thumb of await thumbs.all()) await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);

  const [pageDownload] = await Promise.all([reader.waitForEvent("download"), reader.getByRole("link", { name: "下载本版 PDF" }).click()]);
  const pageFile = testInfo.outputPath("page-1.pdf");
  await pageDownload.saveAs(pageFile);
  expect(pageDownload.suggestedFilename()).toContain("第1版");
  expect(flat(pdftotext(pageFile))).toContain(FRONT);
  expect(pdfPages(pageFile)).toBe(1);
  expectFontsEmbedded(pageFile);

  const [issueDownload] = await Promise.all([reader.waitForEvent("download"), reader.getByRole("link", { name: "下载本期合订 PDF" }).click()]);
  const issueFile = testInfo.outputPath("issue.pdf");
  await issueDownload.saveAs(issueFile);
  const bound = flat(pdftotext(issueFile));
  expect(bound).toContain(FRONT);
  expect(bound).toContain(SECOND);
  expect(pdfPages(issueFile)).toBe(2);

  // Kept for good by any cache: the files of a release never change.
  const answer = await request.get(`/issues/${RELEASED}/pages/1/pdf`);
  expect(answer.headers()["cache-control"]).toContain("immutable");
  expect(answer.headers()["content-type"]).toBe("application/pdf");

  // A correction is named beside the page; the page's PDF stays what was printed.
  await chief.goto(`/desk/stories/${issue.storyIds[FRONT]}`);
  await chief.getByLabel("更正说明（显示在稿件下方，注明日期）").fill("本文所述受益住户应为一百八十户。");
  await chief.getByRole("button", { name: "发布更正" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "更正已发布" })).toBeVisible();
  await expect.poll(async () => {
    await reader.goto(`/issues/${RELEASED}/pages/1`);
    return reader.getByRole("complementary", { name: "更正说明" }).count();
  }).toBe(1);
  const after = await request.get(`/issues/${RELEASED}/pages/1/pdf`);
  expect(Buffer.compare(await after.body(), readFileSync(pageFile))).toBe(0);

  // An issue still on the desk has no files for anyone outside it.
  for (const path of [`/issues/${UNRELEASED}/pdf`, `/issues/${UNRELEASED}/pages/1/pdf`, `/issues/${UNRELEASED}/pages/1/picture/thumb`, `/print/issues/${UNRELEASED}/pages/1`]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
  // Odd addresses are no page, never an error.
  for (const path of ["/issues/2026-13-40/pages/99/pdf", `/issues/${RELEASED}/pages/99/pdf`, `/issues/${RELEASED}/pages/0/pdf`, `/issues/${RELEASED}/pages/1/picture/huge`, "/issues/2999-01-01/pdf"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});
