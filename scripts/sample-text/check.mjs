// npm run check:sample-text: fails when a file of the project holds a run of 10 Han characters of the
// shared sample page, naming file and lines. Everything in the project is written by us; the sample is a
// real printed page, read for reference only.
// Where the sample is on this machine (../shared/samples beside the checkout, or SAMPLE_PAGE) the files
// are compared with it, and the committed hash list must be the one it makes; on a machine without it
// (CI's clean checkout) they are compared with that list. The first line of output says which.
//   --write-hashes   rewrite the list from the sample (its salt kept)
//   --root DIR, --sample FILE, --hashes FILE   another checkout, sample or list (the tests use them)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { WINDOW, formatHashList, hashWindow, newSalt, parseHashList, sampleRuns, sampleWindows } from "./windows.mjs";

const HASH_LIST = "scripts/sample-text/sample-page.hashes";
const SAMPLE_SOURCE = "../shared/samples/daily-page-sample.txt";

function option(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const root = path.resolve(option("--root") ?? path.join(import.meta.dirname, "../.."));
const samplePath = path.resolve(root, option("--sample") ?? process.env.SAMPLE_PAGE ?? SAMPLE_SOURCE);
const hashesPath = path.resolve(root, option("--hashes") ?? HASH_LIST);
const say = (line) => console.log(`[sample-text] ${line}`);

/** Tracked files, and new ones git does not ignore (so a file is caught before its first commit). */
function projectFiles() {
  const listed = execFileSync("git", ["-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8", maxBuffer: 64 << 20 });
  return [...new Set(listed.split("\0").filter(Boolean))].filter((f) => path.resolve(root, f) !== hashesPath && existsSync(path.join(root, f)));
}

/** The texts of a file: itself, or the XML parts of a Word file; nothing for other binaries. */
async function textsOf(file) {
  const bytes = readFileSync(path.join(root, file));
  if (/\.docx$/i.test(file)) {
    const zip = await JSZip.loadAsync(bytes);
    const parts = Object.values(zip.files).filter((f) => !f.dir && /\.xml$/i.test(f.name));
    return Promise.all(parts.map(async (p) => ({ where: `${file} (${p.name})`, text: await p.async("string") })));
  }
  return bytes.includes(0) ? [] : [{ where: file, text: bytes.toString("utf8") }];
}

/** What a window is checked against, and what to say about it. */
function matcher() {
  if (existsSync(samplePath)) {
    const sample = sampleWindows(readFileSync(samplePath, "utf8"));
    return { isSample: (w) => sample.has(w), sample, source: `the sample page itself (${path.relative(root, samplePath)}, ${sample.size} windows of ${WINDOW} characters)` };
  }
  if (!existsSync(hashesPath)) throw new Error(`neither the sample page (${samplePath}) nor the hash list (${path.relative(root, hashesPath)}) is here: nothing to check against`);
  const { salt, hashes } = parseHashList(readFileSync(hashesPath, "utf8"));
  return { isSample: (w) => hashes.has(hashWindow(salt, w)), source: `the committed hashes of its windows (${path.relative(root, hashesPath)}, ${hashes.size} of ${WINDOW} characters): the sample page is not on this machine (${samplePath})` };
}

/** With the sample at hand: the committed list must be what it makes, or a checkout without the sample would check against another text. */
function staleHashList(sample) {
  if (!existsSync(hashesPath)) return `there is no hash list (${path.relative(root, hashesPath)}) for machines without the sample`;
  const { salt, hashes } = parseHashList(readFileSync(hashesPath, "utf8"));
  const made = new Set([...sample].map((w) => hashWindow(salt, w)));
  const same = made.size === hashes.size && [...made].every((h) => hashes.has(h));
  return same ? null : `the hash list (${path.relative(root, hashesPath)}) is not the one the sample page makes`;
}

function writeHashes() {
  if (!existsSync(samplePath)) throw new Error(`the sample page is not here (${samplePath}): the hash list is made from it`);
  const salt = existsSync(hashesPath) ? parseHashList(readFileSync(hashesPath, "utf8")).salt : newSalt();
  const windows = sampleWindows(readFileSync(samplePath, "utf8"));
  writeFileSync(hashesPath, formatHashList(salt, windows, SAMPLE_SOURCE));
  say(`wrote ${path.relative(root, hashesPath)}: ${windows.size} windows of ${WINDOW} characters`);
}

async function check() {
  const { isSample, sample, source } = matcher();
  say(`checking against ${source}`);
  const problems = [];
  if (sample) {
    const stale = staleHashList(sample);
    if (stale) problems.push(`${stale}: run npm run check:sample-text -- --write-hashes and commit it`);
  }
  const files = projectFiles();
  let runs = 0;
  for (const file of files) {
    for (const { where, text } of await textsOf(file)) {
      for (const run of sampleRuns(text, isSample)) {
        runs++;
        const lines = run.lastLine === run.line ? `${run.line}` : `${run.line}-${run.lastLine}`;
        console.log(`${where}:${lines}: ${run.text.length} characters of the sample page in a row: ${run.text.slice(0, 40)}${run.text.length > 40 ? "…" : ""}`);
      }
    }
  }
  for (const p of problems) say(p);
  if (runs) say(`${runs} passages of the sample page in ${files.length} files: write them anew in our own words, with made-up names`);
  else say(`no run of ${WINDOW} characters of the sample page in ${files.length} files`);
  return runs === 0 && problems.length === 0;
}

try {
  if (process.argv.includes("--write-hashes")) writeHashes();
  else if (!(await check())) process.exitCode = 1;
} catch (e) {
  say(e.message);
  process.exitCode = 1;
}
