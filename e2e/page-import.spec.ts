import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, query, signIn, test } from "./support";

// 版面导入: a printed page's text pasted at /desk/import is read into stories beside the source;
// the editor corrects what the parser got wrong and files them for the desk, or the chief editor
// brings the page in as a page of a back issue, which readers can then open.

const PAGE_TEXT = `2019年6月18日　星期二　　综合　　第2版

小满时节
东丰县十万亩水稻完成插秧

——“智慧农机”让插秧效率提高三成

本报记者 韩秋实　通讯员 孟繁宇

　　入夏以来，东丰县各乡镇抢抓农时，十万亩水稻全部完成插秧。在横道河镇，插秧机沿着北斗导航划定的线路往返作业，
一天能插秧八十余亩。

北斗导航上了田

　　今年，全县新增北斗导航插秧机六十台，由农机合作社统一调度，
为周边农户提供代插服务。

本报讯（通讯员 林晓）6月17日，辽源市图书馆少儿阅览室改造完成并重新开放，新增图书三千余册。

　　图为双辽市茂林镇农民在田间查看秧苗长势。（本报记者 赵晨 摄）
`;

const card = (page: Page, n: number) => page.getByRole("region", { name: `第 ${n} 篇` });

/** Pastes the page and corrects the parser's one mistake: the photo news read into the brief before it. */
async function pasteAndCorrect(page: Page, marker: string) {
  await page.goto("/desk/import");
  await page.getByLabel("整版文字").fill(PAGE_TEXT.replace("东丰县十万亩水稻", `东丰县十万亩水稻${marker}`));
  await page.getByRole("button", { name: "拆分稿件" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("共读出 2 篇稿件，将导入 2 篇");

  // The source beside the cards, each part marked where it stands.
  const source = page.getByTestId("import-source");
  await expect(source.locator('[data-part="headline"]')).toHaveText(`东丰县十万亩水稻${marker}完成插秧`);
  await expect(source.locator('[data-part="byline"]')).toHaveText("本报记者 韩秋实　通讯员 孟繁宇");
  await expect(source.locator('[data-part="subhead"]')).toHaveText("北斗导航上了田");
  await expect(source.locator('[data-part="caption"]')).toContainText("图为双辽市茂林镇农民");
  await expect(card(page, 1).getByLabel("第 1 篇副题")).toHaveValue("——“智慧农机”让插秧效率提高三成");
  await expectAccessible(page);

  // The brief has no headline on the page, and the photo after it was read as its picture: split it off.
  const brief = card(page, 2);
  await expect(brief.getByLabel("第 2 篇电头")).toHaveValue("本报讯（通讯员 林晓）");
  const body = brief.getByLabel("第 2 篇正文");
  await body.click();
  await body.press("Control+End");
  await brief.getByRole("button", { name: "从光标处拆成两篇" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("共读出 3 篇稿件，将导入 3 篇");
  await expect(card(page, 3).getByLabel("第 3 篇体裁")).toHaveValue("PHOTO_NEWS");
  await expect(card(page, 3).getByLabel("第 3 篇正文")).toHaveValue("【图】图为双辽市茂林镇农民在田间查看秧苗长势。（本报记者 赵晨 摄）");
  // The card says what the import would refuse it for, before anyone presses import.
  await expect(page.getByTestId("import-problem-2")).toHaveText("请填写主题（标题）");
  await card(page, 2).getByLabel("第 2 篇主题").fill(`辽源市图书馆少儿阅览室重新开放${marker}`);
  await expect(page.getByTestId("import-problem-2")).toHaveCount(0);
  await card(page, 3).getByLabel("第 3 篇主题").fill(`秧苗长势喜人${marker}`);
}

test("an editor pastes a page, corrects it, and files the stories for the desk", async ({ page }) => {
  const marker = `甲${Date.now() % 1000}`;
  await signIn(page, "bianji");
  await page.getByRole("navigation", { name: "采编" }).getByRole("link", { name: "版面导入" }).click();
  await pasteAndCorrect(page, marker);

  // Work in progress survives a reload.
  await page.reload();
  await expect(page.getByText("已恢复这台电脑上未完成的导入")).toBeVisible();
  await expect(card(page, 2).getByLabel("第 2 篇主题")).toHaveValue(`辽源市图书馆少儿阅览室重新开放${marker}`);

  // Merge and split are undone as easily: split the feature at its subhead, then merge it back.
  const featureBody = card(page, 1).getByLabel("第 1 篇正文");
  // The cursor put at the start of the subhead's line, as a click there does.
  await featureBody.evaluate((box: HTMLTextAreaElement) => {
    const at = box.value.indexOf("【小标题】");
    box.focus();
    box.setSelectionRange(at, at);
  });
  await card(page, 1).getByRole("button", { name: "从光标处拆成两篇" }).click();
  await expect(card(page, 2).getByLabel("第 2 篇主题")).toHaveValue("北斗导航上了田");
  await card(page, 1).getByRole("button", { name: "与下一篇合并" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("共读出 3 篇稿件，将导入 3 篇");
  await expect(featureBody).toHaveValue(/【小标题】北斗导航上了田/u);

  // The photo news stays out (its picture is not here); an editor is not offered the back-issue way.
  await card(page, 3).getByLabel("导入这一篇").uncheck();
  await expect(page.getByLabel(/过刊版面/u)).toHaveCount(0);
  await page.getByRole("button", { name: "导入 2 篇" }).click();
  await expect(page.getByTestId("import-answer")).toContainText("已导入 2 篇稿件，已送入待审稿件");

  const rows = await query<{ headline: string; status: string; author: string; byline: string; body: { type: string; text: string }[]; names: string }>(
    `SELECT s.headline, s.status, u.username AS author, s.byline, s.body,
            (SELECT string_agg(c.name, ' ' ORDER BY sc.position) FROM "StoryContributor" sc JOIN "Contributor" c ON c.id = sc."contributorId" WHERE sc."storyId" = s.id) AS names
     FROM "Story" s JOIN "User" u ON u.id = s."authorId" WHERE s.headline LIKE $1 ORDER BY s.headline`,
    [`%${marker}%`],
  );
  expect(rows.map((r) => [r.headline, r.status, r.author])).toEqual([
    [`东丰县十万亩水稻${marker}完成插秧`, "SUBMITTED", "bianji"],
    [`辽源市图书馆少儿阅览室重新开放${marker}`, "SUBMITTED", "bianji"],
  ]);
  expect(rows[0].names).toBe("韩秋实 孟繁宇");
  expect(rows[0].body.map((b) => b.type)).toEqual(["paragraph", "subhead", "paragraph"]);
  expect(rows[1].byline).toBe("本报通讯员 林晓");

  // The desk finds them in its queue, and the import desk is empty again.
  await page.getByRole("link", { name: "去待审稿件" }).click();
  await expect(page.getByRole("link", { name: `辽源市图书馆少儿阅览室重新开放${marker}` })).toBeVisible();
  await page.goto("/desk/import");
  await expect(page.getByLabel("整版文字")).toHaveValue("");
});

// A page as text copied from a PDF: a blank line after every line, lines cut at column ends, a
// caption's "某某 摄" cut and run straight into the next headline, two 实习记者 written together, a 组图.
const PDF_PAGE = (marker: string) =>
  // Playwright runs from the repository's root.
  readFileSync(path.resolve("tests/fixtures/import/pdf-page.txt"), "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => (/^(白石镇温室草莓上市|东河乡新建养老服务站|冰雪嘉年华开幕)$/u.test(line) ? `${line}${marker}` : line))
    .join("\n\n");

test("a page copied from a PDF is read into its stories, and a split made by hand reads the new story's head again", async ({ page }) => {
  const marker = `丙${Date.now() % 1000}`;
  await signIn(page, "bianji");
  await page.goto("/desk/import");
  await page.getByLabel("整版文字").fill(PDF_PAGE(marker));
  await page.getByRole("button", { name: "拆分稿件" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("共读出 3 篇稿件，将导入 3 篇");
  const brief = card(page, 2);
  const expectBrief = async () => {
    await expect(brief.getByLabel("第 2 篇主题")).toHaveValue(`东河乡新建养老服务站${marker}`);
    await expect(brief.getByLabel("第 2 篇电头")).toHaveValue("本报讯（实习记者 刘洋 陈思）");
    await expect(brief.getByLabel("第 2 篇署名")).toHaveValue("本报实习记者 刘洋 陈思");
    await expect(brief.getByLabel("第 2 篇体裁")).toHaveValue("NEWS_BRIEF");
    await expect(brief.getByLabel("第 2 篇正文")).toHaveValue("近日，东河乡南湾村养老服务站正式投入使用，村里68名留守老人有了就餐、休息、娱乐的好去处。");
  };
  await expectBrief();
  // The names the copy ran together are there to be checked.
  await expect(page.getByTestId("import-check-2")).toHaveText("电头里连写的“刘洋陈思”读作 刘洋、陈思，请核对");
  await expect(card(page, 1).getByLabel("第 1 篇正文")).toHaveValue(/\n【图】图为村民在大棚里采摘草莓。（韩晓东 摄）$/u);
  await expect(card(page, 3).getByLabel("第 3 篇体裁")).toHaveValue("PHOTO_STORY");
  await expect(card(page, 3).getByLabel("第 3 篇正文")).toHaveValue(/^【图】游客在冰面上体验雪地摩托。（李振华 摄）\n(【图】.*（.* 摄）\n?){3}$/u);

  // Joined by mistake and split again where the second story's headline stands: its dateline,
  // byline and kind are read again from its first lines, not left empty or taken for a 组图's.
  await card(page, 1).getByRole("button", { name: "与下一篇合并" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("共读出 2 篇稿件，将导入 2 篇");
  await card(page, 1).getByLabel("第 1 篇正文").evaluate((box: HTMLTextAreaElement) => {
    const at = box.value.indexOf("【小标题】东河乡");
    box.focus();
    box.setSelectionRange(at, at);
  });
  await card(page, 1).getByRole("button", { name: "从光标处拆成两篇" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("共读出 3 篇稿件，将导入 3 篇");
  await expectBrief();
  await expect(card(page, 1).getByLabel("第 1 篇体裁")).toHaveValue("NEWS_BRIEF");
});

test("a correspondent cannot open the import desk", async ({ page }) => {
  await signIn(page, "zhanghan");
  const answer = await page.goto("/desk/import");
  expect(answer?.status()).toBe(403);
});

test("the chief editor imports a page of a back issue, and readers can open it", async ({ page }) => {
  const marker = `乙${Date.now() % 1000}`;
  await signIn(page, "zongbian");
  await pasteAndCorrect(page, marker);
  await page.getByLabel(/过刊版面/u).check();
  // The folio printed on the page fills the form.
  await expect(page.getByLabel("出版日期")).toHaveValue("2019年6月18日");
  await expect(page.getByLabel("版次")).toHaveValue("2");
  await expect(page.getByLabel("版名")).toHaveValue("综合");

  // A new issue needs its running number: refused, nothing written, everything still on the page.
  await page.getByRole("button", { name: "导入 3 篇" }).click();
  await expect(page.getByTestId("import-answer")).toContainText("这一天还没有报纸：请填写总第几期");
  expect(await query(`SELECT 1 FROM "Issue" WHERE date = '2019-06-18'`)).toHaveLength(0);

  await page.getByLabel(/总第几期/u).fill("6618");
  await page.getByRole("button", { name: "导入 3 篇" }).click();
  await expect(page.getByTestId("import-answer")).toContainText("已导入过刊：2019年6月18日第2版，3 篇稿件已见报（新建了这一期）");

  await page.getByRole("link", { name: "在读者版查看" }).click();
  await expect(page).toHaveURL(/\/issues\/2019-06-18\/pages\/2$/u);
  await expect(page.getByRole("heading", { name: `东丰县十万亩水稻${marker}完成插秧` })).toBeVisible();
  await page.getByRole("link", { name: `辽源市图书馆少儿阅览室重新开放${marker}` }).first().click();
  await expect(page).toHaveURL(/\/stories\/[a-z0-9]+$/u);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`辽源市图书馆少儿阅览室重新开放${marker}`);
  await expect(page.getByRole("article").getByText("本报讯（通讯员 林晓）6月17日，辽源市图书馆少儿阅览室改造完成并重新开放")).toBeVisible();
});
