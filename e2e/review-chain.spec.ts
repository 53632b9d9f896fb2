import type { Page } from "@playwright/test";
import { expect, expectStatus, newUserPage, test } from "./support";
import { boardColumn, keepOnlyFirstPage, newIssue } from "./desk-steps";

// 三审 in the browser: one story read by 初审, 复审 and 终审, three people, each with an opinion on its
// 审稿单, one 退改 to 复审 on the way; the 值班总编 who took 初审 of another story is not offered its
// 终审, and a page carrying that story cannot be signed.

const unique = () => Date.now().toString().slice(-6);

async function filed(reporter: Page, headline: string): Promise<string> {
  await reporter.goto("/desk/stories/new");
  await reporter.getByLabel("主题（标题）").fill(headline);
  await reporter.getByLabel("正文第 1 段").fill(`${headline}。记者从有关部门获悉，相关工作已经部署完毕，将于本月内全面推开。`);
  await reporter.getByRole("button", { name: /^署我的名字/ }).click();
  await reporter.getByRole("button", { name: "提交审稿" }).click();
  await expectStatus(reporter, "已提交");
  return new URL(reporter.url()).pathname;
}

/** Opens the story from the reviewer's queue for `step`, where it must be waiting. */
async function fromQueue(reviewer: Page, step: "FIRST" | "SECOND" | "FINAL", label: string, headline: string) {
  await reviewer.goto(`/desk/queue?step=${step}`);
  await expect(reviewer.getByRole("navigation", { name: "审稿环节" }).getByRole("link", { name: new RegExp(`^待${label}`) })).toHaveAttribute("aria-current", "page");
  const row = reviewer.getByTestId("queue-row").filter({ hasText: headline });
  await expect(row).toContainText("李雪");
  await row.getByRole("link", { name: headline }).click();
  await expect(reviewer.getByLabel("主题（标题）")).toBeEnabled();
}

test("one story through 初审, 复审 and 终审 by three people; one person is never offered two steps, and a page waits for 终审", async ({ browser }) => {
  test.setTimeout(180_000);
  const tag = unique();
  const reporter = await newUserPage(browser, "lixue");
  const editor = await newUserPage(browser, "bianji");
  const head = await newUserPage(browser, "zhuren");
  const chief = await newUserPage(browser, "zongbian");
  const headline = `城区新增十处公共充电站${tag}`;
  const storyPath = await filed(reporter, headline);

  // 初审: the editor, with an opinion.
  await fromQueue(editor, "FIRST", "初审", headline);
  await editor.getByLabel(/^审稿意见/).fill("导语简洁，数字已核对。");
  await editor.getByRole("button", { name: "初审通过" }).click();
  await editor.waitForURL(/\/desk\/queue/);
  await expect(editor.getByRole("status")).toHaveText("已通过初审，可以上版");

  // 复审: the 部门主任, from their own queue (it opens on 复审).
  await head.goto("/desk/queue");
  await expect(head.getByRole("link", { name: /^待复审/ })).toHaveAttribute("aria-current", "page");
  await fromQueue(head, "SECOND", "复审", headline);
  await expect(head.getByTestId("review-sheet").first()).toContainText("导语简洁，数字已核对。");
  await head.getByRole("button", { name: "复审通过" }).click();
  await head.waitForURL(/\/desk\/queue/);

  // 终审 sends it back to 复审 with a question; it is in the 部门主任's queue again.
  await fromQueue(chief, "FINAL", "终审", headline);
  await chief.getByLabel(/^审稿意见/).fill("第二句的数字请再与供电公司核实。");
  await chief.getByLabel("退回修改到").selectOption({ label: "复审（吴岚）" });
  await chief.getByRole("button", { name: "退回修改" }).click();
  await chief.waitForURL(/\/desk\/queue/);
  await expect(chief.getByRole("status")).toHaveText("已退回前一审");
  await fromQueue(head, "SECOND", "复审", headline);
  await expect(head.getByTestId("review-step-SECOND")).toHaveAttribute("data-state", "due");
  await expect(head.getByTestId("review-sheet").first()).toContainText("终审 · 退改到复审");
  await expect(head.getByTestId("review-sheet").first()).toContainText("第二句的数字请再与供电公司核实。");
  await head.getByRole("button", { name: "复审通过" }).click();
  await head.waitForURL(/\/desk\/queue/);

  // 终审 passes: the chain reads three people at a glance, on the story and in its history.
  await fromQueue(chief, "FINAL", "终审", headline);
  await chief.getByRole("button", { name: "终审通过" }).click();
  await chief.waitForURL(/\/desk\/queue/);
  await chief.goto(`${storyPath}/history`);
  for (const [step, who] of [["FIRST", "刘明"], ["SECOND", "吴岚"], ["FINAL", "孙正"]]) {
    await expect(chief.getByTestId(`review-step-${step}`)).toHaveAttribute("data-state", "passed");
    await expect(chief.getByTestId(`review-step-${step}`)).toContainText(who);
  }
  await expect(chief.getByTestId("review-sheet")).toHaveCount(5);

  // Another story: the 值班总编 takes its 初审, so its 终审 is not theirs to take.
  const other = `老旧小区加装电梯进展过半${tag}`;
  const otherPath = await filed(reporter, other);
  await fromQueue(chief, "FIRST", "初审", other);
  await chief.getByRole("button", { name: "初审通过" }).click();
  await chief.waitForURL(/\/desk\/queue/);
  await fromQueue(head, "SECOND", "复审", other);
  await head.getByRole("button", { name: "复审通过" }).click();
  await head.waitForURL(/\/desk\/queue/);
  await chief.goto(otherPath);
  await expect(chief.getByTestId("review-refusal")).toHaveText("你已承担这篇稿件的初审，三审须由不同的人承担");
  await expect(chief.getByRole("button", { name: "终审通过" })).toHaveCount(0);

  // Both on one page: 签版 is refused for the story without 终审, and says which.
  const board = await newIssue(editor, 50);
  for (const story of [headline, other]) {
    await editor.getByLabel(`为“${story}”选择版面`).selectOption({ label: "第1版 要闻" });
    await editor.getByRole("button", { name: `上版：${story}` }).click();
    await expect(boardColumn(editor, 1).getByRole("link", { name: story })).toBeVisible();
  }
  await keepOnlyFirstPage(editor);
  await chief.goto(`${board}/pages/1`);
  chief.once("dialog", (d) => d.accept());
  await chief.getByRole("button", { name: "签版" }).click();
  await expect(chief.getByRole("alert").filter({ hasText: "还没有终审通过" })).toHaveText(`《${other}》还没有终审通过，不能签版`);
  await expect(chief.getByText("已签", { exact: true })).toHaveCount(0);
});
