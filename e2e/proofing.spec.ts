import type { Page } from "@playwright/test";
import { expect, expectStatus, newUserPage, test } from "./support";
import { boardColumn, keepOnlyFirstPage, newIssue, reviewedThrough } from "./desk-steps";

// 三校 in the browser: a 校对 marks a page's copy in 一校; the desk puts one mark right and misses the
// other; 二校 shows 已改 and 漏改 by 核红, and 签版 is refused until the 漏改 is put right and the third
// round is done; then the page is signed and the issue goes out. (Released on day 38, before the
// issues other specs expect to be the newest.)

const unique = () => Date.now().toString().slice(-6);

/** Selects the `occurrence`-th `text` inside the copy set out for proofreading, as a mouse would. */
async function select(page: Page, text: string, occurrence: number) {
  await page.evaluate(([wanted, nth]) => {
    let seen = 0;
    for (const block of document.querySelectorAll<HTMLElement>("[data-field='body']")) {
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        let at = node.textContent?.indexOf(wanted) ?? -1;
        while (at >= 0 && seen < nth) {
          seen++;
          at = node.textContent!.indexOf(wanted, at + 1);
        }
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        block.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        return;
      }
    }
    throw new Error(`no text ${wanted} to select`);
  }, [text, occurrence] as const);
}

async function markSelected(page: Page, text: string, kind: string, suggestion = "", occurrence = 0, by: "mouse" | "keyboard" = "mouse") {
  if (by === "mouse") await select(page, text, occurrence);
  else {
    // Without a mouse: the text typed is found in the copy.
    await page.getByLabel("或输入要标记的文字").fill(text);
    await page.getByLabel("或输入要标记的文字").press("Enter");
  }
  await expect(page.getByTestId("selected-quote")).toHaveText(text);
  await page.getByLabel("类型").selectOption({ label: kind });
  if (suggestion) await page.getByLabel("改为 / 补入").fill(suggestion);
  await page.getByRole("button", { name: "标记", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已标记" })).toBeVisible();
}

test("三校 on one page: 核红 shows a 漏改, 签版 is refused until it is put right, then the page is signed and released", async ({ browser }) => {
  test.setTimeout(240_000);
  const tag = unique();
  const headline = `城区新增十二处便民停车场${tag}`;
  const reporter = await newUserPage(browser, "zhaochen");
  await reporter.goto("/desk/stories/new");
  await reporter.getByLabel("主题（标题）").fill(headline);
  await reporter.getByLabel("正文第 1 段").fill("近日，城区新增十二处便民停车场，新增车位一千二百余个，缓解了老旧小区周边停车停车难问题。");
  await reporter.getByRole("button", { name: /^署我的名字/ }).click();
  await reporter.getByRole("button", { name: "提交审稿" }).click();
  await expectStatus(reporter, "已提交");
  const storyPath = new URL(reporter.url()).pathname;

  const editor = await newUserPage(browser, "bianji");
  await editor.goto(storyPath);
  await editor.getByRole("button", { name: "初审通过" }).click();
  await editor.waitForURL(/\/desk\/queue/);
  await reviewedThrough(browser, storyPath);
  const board = await newIssue(editor, 38);
  await editor.getByLabel(`为“${headline}”选择版面`).selectOption({ label: "第1版 要闻" });
  await editor.getByRole("button", { name: `上版：${headline}` }).click();
  await expect(boardColumn(editor, 1).getByRole("link", { name: headline })).toBeVisible();
  await keepOnlyFirstPage(editor);
  const proof = `${board}/pages/1`;

  // 一校: the 校对 finds the page on their worklist and marks two errors.
  const proofreader = await newUserPage(browser, "jiaodui");
  await proofreader.goto("/desk/proofing");
  await proofreader.getByTestId("proofing-row").filter({ hasText: "未开始" }).getByRole("link", { name: /第1版/ }).first().waitFor();
  await proofreader.goto(proof);
  const panel = proofreader.getByRole("region", { name: "校对" });
  await panel.getByRole("button", { name: "开始一校" }).click();
  await expect(panel.getByTestId("proof-rounds")).toHaveText("一校进行中（韩冰）");
  await markSelected(proofreader, "一千二百余个", "错字", "1200余个", 0, "keyboard");
  // The doubled 停车: its second one (the first is in 停车场).
  await markSelected(proofreader, "停车", "多字", "", 2);
  await expect(panel.getByTestId("proof-mark")).toHaveCount(2);
  await panel.getByRole("button", { name: "结束一校" }).click();
  await expect(panel.getByTestId("proof-rounds")).toHaveText("已完成 1 / 3 轮");

  // The desk puts the first right with one click, and misses the second.
  await editor.goto(proof);
  const desk = editor.getByRole("region", { name: "校对" });
  await desk.getByRole("button", { name: "改：一千二百余个" }).click();
  await expect(desk.getByTestId("mark-resolution").first()).toHaveText(/^改/);
  await expect(editor.locator("[data-field='body']").first()).toContainText("新增车位1200余个");

  // 二校 opens on the new proof: 核红 shows 已改 and 漏改.
  await proofreader.reload();
  await panel.getByRole("button", { name: "开始二校" }).click();
  await expect(panel.getByTestId("mark-check")).toHaveText(["已改", "漏改"]);

  // The chief editor cannot sign: the round is open, a mark unanswered, a 漏改 found.
  const chief = await newUserPage(browser, "zongbian");
  await chief.goto(proof);
  chief.on("dialog", (d) => d.accept());
  await chief.getByRole("button", { name: "签版" }).click();
  await expect(chief.getByText("二校还没有结束；有 1 处校对标记还没有处理；核红发现 1 处漏改，不能签版")).toBeVisible();

  // Put right, the last rounds done: signed and released.
  await editor.reload();
  await desk.getByRole("button", { name: "改：停车" }).click();
  await expect(desk.getByTestId("mark-resolution")).toHaveCount(2);
  await proofreader.reload();
  await expect(panel.getByTestId("mark-check")).toHaveText(["已改", "已改"]);
  await panel.getByRole("button", { name: "结束二校" }).click();
  await panel.getByRole("button", { name: "开始三校" }).click();
  await panel.getByRole("button", { name: "结束三校" }).click();
  await expect(panel.getByTestId("proof-rounds")).toHaveText("已完成 3 / 3 轮");
  await chief.reload();
  await chief.getByRole("button", { name: "签版" }).click();
  await expect(chief.getByText("已签", { exact: true }).first()).toBeVisible();
  await chief.goto(board);
  await chief.getByRole("button", { name: "立即见报" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "已签发见报" })).toHaveText("已签发见报，共 1 篇稿件");
});
