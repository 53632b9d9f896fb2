import { spawnSync, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// The check `npm test` runs first (scripts/sample-text/check.mjs), run as the test command runs it,
// on a git checkout made here with a sample page of its own: invented copy standing in for the real
// sample, which never enters the project.
const CHECK = path.resolve(import.meta.dirname, "../../scripts/sample-text/check.mjs");

const SAMPLE = [
  "县城南湖冰雪乐园开园",
  "本报讯（通讯员 柏文昭）入冬以来，县城南湖新建的冰雪乐园迎来大批游客，",
  "",
  "滑道和冰滑梯前排起了长队。乐园负责人介绍，今年新增夜场，每天开放到晚上九点。",
  "本报通讯员 柏文昭 摄",
  "近日，南岭镇的村民在新修的晒场上翻晒玉米。",
].join("\n");

let dir: string;
let repo: string;
let sample: string;
let hashes: string;

function git(...args: string[]) {
  execFileSync("git", ["-C", repo, ...args], { stdio: "pipe" });
}

function check(...args: string[]) {
  const run = spawnSync(process.execPath, [CHECK, "--root", repo, "--hashes", hashes, ...args], { encoding: "utf8" });
  return { code: run.status, output: run.stdout + run.stderr };
}
const withSample = () => check("--sample", sample);
const withoutSample = () => check("--sample", path.join(dir, "not-here.txt"));

function commit(file: string, text: string) {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
  git("add", file);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "sample-text-"));
  repo = path.join(dir, "checkout");
  sample = path.join(dir, "sample.txt");
  hashes = path.join(repo, "sample-page.hashes");
  mkdirSync(repo);
  execFileSync("git", ["init", "-q", repo]);
  writeFileSync(sample, SAMPLE);
  commit("README.md", "# 吉平日报\n本报自己写的说明：县城的报纸，每天八个版。\n");
  expect(check("--sample", sample, "--write-hashes").code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the sample-text check", () => {
  it("passes a checkout of our own text, and says what it compared with", () => {
    const near = withSample();
    expect(near).toMatchObject({ code: 0 });
    expect(near.output).toContain("checking against the sample page itself");
    const far = withoutSample();
    expect(far).toMatchObject({ code: 0 });
    expect(far.output).toContain("checking against the committed hashes");
  });

  it("names file and lines of a passage copied with other line breaks and commas, with or without the sample", () => {
    commit("tests/fixtures/page.txt", "第3版\n入冬以来县城南湖新建的冰雪\n乐园迎来大批游客, 滑道前排起了长队。\n");
    for (const run of [withSample(), withoutSample()]) {
      expect(run.code).toBe(1);
      expect(run.output).toMatch(/^tests\/fixtures\/page\.txt:2-3: \d+ characters of the sample page in a row: 入冬以来县城南湖新建的冰雪乐园迎来大批游客/mu);
    }
  });

  it("finds ten characters in a row counting the full-width marks among them, as the shared tool counts them", () => {
    commit("notes.md", "人介绍，今年新增夜场\n");
    expect(withSample().output).toMatch(/^notes\.md:1: /mu);
    expect(withoutSample().code).toBe(1);
  });

  it("passes nine characters in a row, and a credit followed by a caption that only together make ten", () => {
    commit("brief.ts", 'const a = "大批游客滑道和冰滑";\nconst b = "本报通讯员 柏文昭 摄";\nconst c = "近日，南岭镇的村民";\n');
    expect(withSample()).toMatchObject({ code: 0 });
    expect(withoutSample()).toMatchObject({ code: 0 });
  });

  it("reads the text inside a Word file", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document><w:body><w:p><w:r><w:t>乐园负责人介绍今年新增夜场每天开放</w:t></w:r></w:p></w:body></w:document>");
    commit("tests/fixtures/story.docx", "");
    writeFileSync(path.join(repo, "tests/fixtures/story.docx"), await zip.generateAsync({ type: "nodebuffer" }));
    expect(withoutSample().output).toContain("tests/fixtures/story.docx (word/document.xml):1:");
  });

  it("checks a new file git does not ignore, not one it ignores", () => {
    commit(".gitignore", "/scratch/\n");
    mkdirSync(path.join(repo, "scratch"));
    writeFileSync(path.join(repo, "scratch/copy.txt"), "乐园负责人介绍今年新增夜场");
    expect(withSample()).toMatchObject({ code: 0 });
    writeFileSync(path.join(repo, "draft.txt"), "乐园负责人介绍今年新增夜场");
    expect(withSample().output).toMatch(/^draft\.txt:1: /mu);
  });

  it("fails while the committed hash list is not the one the sample makes", () => {
    writeFileSync(sample, `${SAMPLE}\n县里还将新建两处冰场，方便市民冬季健身。`);
    const run = withSample();
    expect(run.code).toBe(1);
    expect(run.output).toContain("is not the one the sample page makes");
    expect(check("--sample", sample, "--write-hashes").code).toBe(0);
    expect(withSample().code).toBe(0);
  });

  it("fails when it has neither the sample nor the list to compare with", () => {
    rmSync(hashes);
    const run = withoutSample();
    expect(run.code).toBe(1);
    expect(run.output).toContain("nothing to check against");
  });
});
