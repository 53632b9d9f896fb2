// npm run pages:render -- <YYYY-MM-DD> [--again] [--app http://127.0.0.1:3000]
// Renders a released issue's page PDFs and pictures (e.g. back issues imported from archives, or
// issues released before pages were frozen): freezes any page not yet frozen (as it stands now),
// then prints each page without files from the running app at --app (or APP_URL), one at a time.
// --again also tries pages given up after three failures. Pages already rendered are never redone.
import { db } from "@/lib/platform/db";
import { isRealDay, issueDateFromString } from "@/lib/core/dates";
import { freezeReleasedPages } from "@/lib/issues/released-page";
import { renderIssueFiles } from "@/lib/page-files/job";
import { pageLabel } from "@/lib/format";

const USAGE = "usage: npm run pages:render -- <出版日期，如 2026-12-01> [--again] [--app 应用地址]";

async function main() {
  const args = process.argv.slice(2);
  const date = args.find((a) => /^\d{4}-\d{2}-\d{2}$/.test(a));
  const at = args.indexOf("--app");
  const app = (at >= 0 ? args[at + 1] : process.env.APP_URL) ?? "http://127.0.0.1:3000";
  if (!date || !isRealDay(date)) {
    console.error(USAGE);
    process.exit(2);
  }
  const issue = await db().issue.findUnique({ where: { date: issueDateFromString(date) }, select: { id: true, number: true, status: true, publishedAt: true, pages: { select: { number: true } }, releasedPages: { select: { number: true } } } });
  if (!issue || issue.status !== "PUBLISHED") {
    console.error(`${date} 没有见报的报纸`);
    process.exit(1);
  }
  const frozen = new Set(issue.releasedPages.map((p) => p.number));
  const unfrozen = issue.pages.map((p) => p.number).filter((n) => !frozen.has(n));
  if (unfrozen.length) {
    await db().$transaction((tx) => freezeReleasedPages(tx, issue.id, issue.publishedAt ?? new Date(), unfrozen));
    console.log(`固定版面：${unfrozen.map(pageLabel).join("、")}（按现在的数据）`);
  }
  const started = Date.now();
  const outcome = await renderIssueFiles(issue.id, app, { again: args.includes("--again") });
  if (outcome.skipped) console.error(`没有生成：${outcome.skipped}`);
  for (const f of outcome.failed) console.error(`${pageLabel(f.number)} 失败：${f.error}`);
  console.log(`总第${issue.number}期：生成 ${outcome.rendered} 个版面，失败 ${outcome.failed.length} 个，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒（从 ${app} 打印）`);
  process.exit(outcome.failed.length || outcome.skipped ? 1 : 0);
}

void main();
