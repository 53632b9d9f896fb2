// npm run import:archive -- --as <chief editor's username> [--dry-run] <file.txt | folder> ...
// Brings printed pages kept as text into the archive: each file is one page, split into stories as
// the page import desk splits a pasted page and published as that page of its back issue
// (lib/import/commands.ts publishBackIssuePage: the same checks, one transaction per page). Which
// issue and page: the file's name (2019-06-18_第2版_综合_总第6618期.txt) or the folio printed on it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/platform/db";
import { DomainError } from "@/lib/core/errors";
import { archiveOrder, folioOfFile } from "@/lib/import/archive";
import { cardsOfPage, storyOfCard, type PageFolio } from "@/lib/import/page-import";
import { publishBackIssuePage } from "@/lib/import/commands";
import { installJobQueues } from "@/lib/platform/jobs";
import { ALL_QUEUES } from "@/lib/jobs/queues";
import { closeProcessStore } from "@/lib/platform/cache/stores.mjs";

const USAGE = "usage: npm run import:archive -- --as <值班总编的用户名> [--dry-run] <页面.txt 或文件夹> ...";

function textFiles(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(target, e.name);
    return e.isDirectory() ? textFiles(full) : /\.txt$/iu.test(e.name) ? [full] : [];
  });
}

/** A page file's text: UTF-8, or else GB18030 (GBK), which archives from older systems are kept in. */
function pageText(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const asAt = args.indexOf("--as");
  const username = asAt >= 0 ? args[asAt + 1] : undefined;
  const dryRun = args.includes("--dry-run");
  const targets = args.filter((a, i) => !a.startsWith("--") && (asAt < 0 || i !== asAt + 1));
  if ((!username && !dryRun) || targets.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }
  const files = targets.flatMap(textFiles).map((name) => {
    const text = pageText(readFileSync(name));
    return { name, text, folio: folioOfFile(name, text) };
  });

  if (dryRun) {
    for (const i of archiveOrder(files)) {
      const { name, text, folio } = files[i];
      const stories = cardsOfPage(text).map(storyOfCard);
      console.log(`${name}\t${placeOf(folio)}\t${stories.length} 篇\t${stories.map((s) => s.headline || "（无标题）").join(" / ")}`);
    }
    return;
  }
  try {
    await importFiles(username!, files);
  } finally {
    await db().$disconnect();
    await closeProcessStore();
  }
}

const placeOf = (folio: PageFolio) => `${folio.date || "?"} 第${folio.pageNumber || "?"}版 ${folio.pageName || "?"}${folio.issueNumber ? ` 总第${folio.issueNumber}期` : ""}`;

async function importFiles(username: string, files: { name: string; text: string; folio: PageFolio }[]) {
  const actor = await db().user.findFirst({ where: { username, active: true }, select: { id: true, username: true, name: true, role: true, affiliation: true, bylineTitle: true } });
  if (!actor) {
    console.error(`没有名为 ${username} 的有效账号`);
    process.exit(2);
  }
  // Pages published here are purged from readers' caches by jobs, sent into these queues.
  await installJobQueues(ALL_QUEUES);

  let published = 0;
  let refused = 0;
  for (const i of archiveOrder(files)) {
    const { name, text, folio } = files[i];
    const stories = cardsOfPage(text).map(storyOfCard);
    const where = placeOf(folio);
    try {
      const done = await publishBackIssuePage(actor, folio, stories);
      published++;
      console.log(`已导入\t${name}\t${where}\t${done.storyIds.length} 篇`);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      refused++;
      const detail = Object.values(e.fieldErrors).flat().join("；");
      console.error(`未导入\t${name}\t${where}\t${e.message}${detail ? `（${detail}）` : ""}`);
    }
  }
  console.log(`共 ${files.length} 个文件：导入 ${published} 版，未导入 ${refused} 版`);
  // Each page's purge of reader pages is a job the app's instances work (lib/reader/purge.ts).
  if (published) console.log("读者页面由运行中的实例随即更新（后台任务“更新读者页面”）");
  if (refused) process.exitCode = 1;
}

main();
