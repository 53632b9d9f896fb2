import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { issueDateFromString } from "@/lib/core/dates";
import { makeUser } from "../support/factories";

// npm run import:archive, run as an archivist runs it: a folder of page files into back issues of
// the test database, one page per transaction, a refused page reported without stopping the rest.

const root = path.resolve(import.meta.dirname, "../..");
const folder = mkdtempSync(path.join(os.tmpdir(), "newsroom-archive-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const brief = (headline: string, who: string) => `${headline}\n\n本报讯（通讯员 ${who}）${headline}的消息传来，群众纷纷点赞。\n`;

function runArchive(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/import-archive.ts", ...args], { cwd: root, env: process.env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

describe("npm run import:archive", () => {
  it("publishes each page file as its page of its back issue, reports a refused one and exits 1", async () => {
    const chief = await makeUser("CHIEF_EDITOR", "档案总编");
    const stamp = Date.now() % 100000;
    mkdirSync(path.join(folder, "2018"));
    // Named by the archivist: date, page, name and running number in the name, no folio printed.
    writeFileSync(path.join(folder, "2018", `2018-03-05_第1版_要闻_总第${900000 + stamp}期.txt`), brief(`全县春耕备耕有序推进${stamp}`, "王可") + "\n" + brief("农资市场价格平稳", "高远"));
    // Only the folio says where it goes: the same day, page 2.
    writeFileSync(path.join(folder, "2018", "scan-0002.txt"), `2018年3月5日　星期一　　综合　　第2版\n\n${brief(`县图书馆新增图书三千册${stamp}`, "林晓")}`);
    // Kept in GBK by an older system: read as such.
    const gbk = execFileSync("iconv", ["-f", "UTF-8", "-t", "GBK"], { input: `2018年3月5日　星期一　　副刊　　第4版\n\n${brief(`雪后的查干湖${stamp}`, "周末")}` });
    writeFileSync(path.join(folder, "2018", "gbk-page.txt"), gbk);
    // Nothing says which day: refused, the rest still imported.
    writeFileSync(path.join(folder, "unknown.txt"), brief("无日期的一版", "张三"));

    const dry = await runArchive(["--dry-run", folder]);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`2018-03-05 第1版 要闻 总第${900000 + stamp}期\t2 篇`);
    expect(await db().issue.count({ where: { date: issueDateFromString("2018-03-05") } })).toBe(0);

    const run = await runArchive(["--as", chief.username, folder]);
    expect(run.code, run.err).toBe(1);
    expect(run.out).toContain("共 4 个文件：导入 3 版，未导入 1 版");
    expect(run.err).toContain("unknown.txt");
    expect(run.err).toContain("请检查过刊的日期、期号和版面");

    const issue = await db().issue.findUniqueOrThrow({
      where: { date: issueDateFromString("2018-03-05") },
      select: { number: true, status: true, pages: { orderBy: { number: "asc" }, select: { number: true, name: true, status: true, placements: { orderBy: { position: "asc" }, select: { story: { select: { headline: true, status: true, byline: true } } } } } } },
    });
    expect(issue).toMatchObject({ number: 900000 + stamp, status: "PUBLISHED" });
    expect(issue.pages.map((p) => [p.number, p.name, p.status, p.placements.map((x) => x.story!.headline)])).toEqual([
      [1, "要闻", "SIGNED", [`全县春耕备耕有序推进${stamp}`, "农资市场价格平稳"]],
      [2, "综合", "SIGNED", [`县图书馆新增图书三千册${stamp}`]],
      [4, "副刊", "SIGNED", [`雪后的查干湖${stamp}`]],
    ]);
    expect(issue.pages[0].placements[0].story).toMatchObject({ status: "PUBLISHED", byline: "本报通讯员 王可" });

    // Run again: every page is there already, and each is refused as such; nothing doubles.
    const again = await runArchive(["--as", chief.username, path.join(folder, "2018")]);
    expect(again.code).toBe(1);
    expect(again.err).toContain("已有第1版（要闻）");
    expect(await db().story.count({ where: { headline: `全县春耕备耕有序推进${stamp}` } })).toBe(1);
  });

  it("refuses to run for an account that may not publish, importing nothing", async () => {
    const editor = await makeUser("EDITOR");
    writeFileSync(path.join(folder, "2017-01-02_第1版_要闻_总第1期.txt"), brief("编辑不能导入过刊", "王可"));
    const run = await runArchive(["--as", editor.username, path.join(folder, "2017-01-02_第1版_要闻_总第1期.txt")]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("只有值班总编可以导入过刊版面");
    expect(await db().story.count({ where: { headline: "编辑不能导入过刊" } })).toBe(0);
  });
});
