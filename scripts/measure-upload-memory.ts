// npx tsx --conditions=react-server scripts/measure-upload-memory.ts [case ...]
//
// What a hostile or a big upload costs the process that reads it: peak resident memory above the
// start, wall time, and the longest the event loop stood still (every other request waits that
// long). Each case runs in a process of its own, so one case's peak is not another's. Run it in a
// checkout of an older commit (with this file and tests/support/png-shapes.ts copied in) to compare.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import sharp from "sharp";
import { ingestPhoto } from "@/lib/photos/ingest";
import { readWordFile } from "@/lib/import/word-file";
import { makeDocx, type DocxParagraph } from "../tests/support/docx-files";
import { zeroPng } from "../tests/support/png-shapes";

const MB = 1024 * 1024;
const PHOTO_LIMIT = 15 * MB;

/** A .docx of 95 parts of exactly 1 MiB of zeros each: 107 KB that unpacks to 95 MB. */
async function zeroPartsDocx(): Promise<Buffer> {
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(await makeDocx([{ text: "标题" }, { text: "正文。" }]));
  for (let i = 0; i < 95; i++) zip.file(`word/media/zeros${i}.bin`, Buffer.alloc(MB));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/** A correspondent's big 组图: 30 camera-like JPEGs of 1600 × 1200 (about half a megabyte each) and their captions. */
async function bigRealDocx(): Promise<Buffer> {
  const paragraphs: DocxParagraph[] = [{ text: "秋收图集", style: "Title" }, { text: "本报记者 赵晨 摄影报道" }];
  for (let i = 0; i < 30; i++) {
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 90 + i, g: 140, b: 60 }, noise: { type: "gaussian", mean: 120, sigma: 40 } } })
      .blur(1.2)
      .jpeg({ quality: 82 })
      .toBuffer();
    paragraphs.push({ picture: photo, type: "jpeg" }, { text: `图为第 ${i + 1} 个村的收割现场。 赵晨 摄` });
  }
  return makeDocx(paragraphs);
}

/** A .docx of `count` 64,000,000 × 1 grey PNGs (61 KB each). */
async function stripsDocx(count: number): Promise<Buffer> {
  const strip = await zeroPng(64_000_000, 1);
  return makeDocx([{ text: "图", style: "Title" }, ...Array.from({ length: count }, (): DocxParagraph => ({ picture: strip, type: "png" }))]);
}

/** Each picture handed to the photo desk one after another, as the Word import does (lib/import/word-import.ts). */
async function wordImport(file: Buffer): Promise<string> {
  const document = await readWordFile(file);
  let taken = 0;
  for (const picture of document.pictures) taken += await ingestPhoto(picture.data, PHOTO_LIMIT).then(() => 1, () => 0);
  return `${document.pictures.length} pictures read, ${taken} made into photos`;
}

const twoPhotosAtOnce = async (picture: Buffer) => {
  const results = await Promise.allSettled([ingestPhoto(picture, PHOTO_LIMIT), ingestPhoto(picture, PHOTO_LIMIT)]);
  return results.map((r) => (r.status === "fulfilled" ? `taken ${r.value.width}×${r.value.height}` : `refused: ${(r.reason as Error).message.slice(0, 40)}`)).join("; ");
};
const wordFile = (file: Buffer) => wordImport(file).catch((e: Error) => `refused: ${e.message.slice(0, 60)}`);

// Each case's input is made by the parent process and read from a file, so making it is not measured.
type Case = { make: () => Promise<Buffer>; run: (input: Buffer) => Promise<string> };
const CASES: Record<string, Case> = {
  "photo: 64000000x1 grey PNG, two at once": { make: () => zeroPng(64_000_000, 1), run: twoPhotosAtOnce },
  "photo: 8000x8000 16-bit RGBA PNG, two at once": { make: () => zeroPng(8000, 8000, "rgba", 16), run: twoPhotosAtOnce },
  "photo: 8000x8000 RGB PNG, two at once": { make: () => zeroPng(8000, 8000, "rgb"), run: twoPhotosAtOnce },
  "photo: 16383x3906 RGB PNG, two at once": { make: () => zeroPng(16383, 3906, "rgb"), run: twoPhotosAtOnce },
  "photo: 61 Mpx camera JPEG, two at once": {
    make: () => sharp({ create: { width: 9504, height: 6336, channels: 3, background: "#567", noise: { type: "gaussian", mean: 120, sigma: 30 } } }).blur(1.5).jpeg({ quality: 75 }).toBuffer(),
    run: twoPhotosAtOnce,
  },
  "word: 95 parts of 1 MiB of zeros": { make: zeroPartsDocx, run: wordFile },
  "word: 30 photos of 1600x1200": { make: bigRealDocx, run: wordFile },
  "word: 4 strips of 64000000x1": { make: () => stripsDocx(4), run: wordFile },
  "word: 30 strips of 64000000x1": { make: () => stripsDocx(30), run: wordFile },
};

async function measure(name: string, input: Buffer) {
  global.gc?.();
  const start = process.memoryUsage().rss;
  // The process's own high-water mark counts only if the work raised it (loading the code may have set it).
  const highBefore = process.resourceUsage().maxRSS * 1024;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const t0 = performance.now();
  const outcome = await CASES[name].run(input);
  const ms = performance.now() - t0;
  stalls.disable();
  clearInterval(sampler);
  const highAfter = process.resourceUsage().maxRSS * 1024;
  if (highAfter > highBefore) peak = Math.max(peak, highAfter);
  console.log(
    `${name.padEnd(46)} ${(ms / 1000).toFixed(1).padStart(6)} s  rss ${Math.round(start / MB)} → ${Math.round(peak / MB)} MB (+${Math.round((peak - start) / MB)})  longest stall ${Math.round(stalls.max / 1e6)} ms  ${outcome}`,
  );
}

async function main(asked: string[]) {
  if (process.env.MEASURE_CASE) {
    await measure(process.env.MEASURE_CASE, readFileSync(process.env.MEASURE_INPUT!));
  } else {
    // env() wants these; nothing here reaches a database.
    process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1/unused";
    process.env.NEXTAUTH_SECRET ??= "measure-only-measure-only";
    const folder = mkdtempSync(path.join(os.tmpdir(), "measure-upload-"));
    try {
      for (const name of asked.length ? asked : Object.keys(CASES)) {
        if (!CASES[name]) throw new Error(`no case named ${name}: ${Object.keys(CASES).join(" | ")}`);
        const input = path.join(folder, "input");
        writeFileSync(input, await CASES[name].make());
        const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1]], { env: { ...process.env, MEASURE_CASE: name, MEASURE_INPUT: input }, stdio: "inherit" });
        if (run.status !== 0) console.log(`${name}: exited with ${run.status ?? run.signal}`);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exit(1);
});
