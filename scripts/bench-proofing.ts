// Benchmark part (scripts/bench-desk.ts runs it): 核红 for a whole page, as the proof computes it
// each time it is drawn: 10 stories of about 1,500 characters, 3 rounds of 50 marks each, the copy
// edited since (half the marks applied, some text rewritten near others). Pure computation over
// the texts (the page's rows are read in one query each, timed with the desk's other reads).
// Prints: proof-check marks=15 ms=<baseline: one story, one round's worth>
//         proof-check marks=1500 ms=<n>
import { anchorIn, applyMark, checkMark, MARK_KINDS, type Anchor, type MarkKind } from "@/lib/proofing/marks";

const SENTENCE = ["今年以来，全市供热企业对主干管网进行了全面检修，", "更换老旧阀门四百余个，", "对十二处易漏点位加装监测装置，", "居民反映的问题原则上当天处理。"];

function storyText(n: number): string {
  let text = "";
  for (let i = 0; text.length < 1500; i++) text += SENTENCE[(i + n) % SENTENCE.length] + (i % 7 === 6 ? "\u2029" : "");
  return text;
}

type Mark = Anchor & { kind: MarkKind; suggestion: string };

function marksOn(text: string, count: number, seed: number): Mark[] {
  const marks: Mark[] = [];
  for (let i = 0; marks.length < count; i++) {
    const start = (seed * 7919 + i * 131) % (text.length - 4);
    const anchor = anchorIn(text, start, start + 2);
    if ("problem" in anchor) continue;
    const kind = MARK_KINDS[marks.length % 4];
    marks.push({ ...anchor, kind, suggestion: kind === "EXTRA" ? "" : "新字" });
  }
  return marks;
}

function pageOf(stories: number, perStory: number) {
  return Array.from({ length: stories }, (_, n) => {
    const original = storyText(n);
    const marks = marksOn(original, perStory, n + 1);
    let text = original;
    marks.forEach((m, i) => {
      if (i % 2 === 0) text = applyMark(text, m) ?? text;
    });
    return { text: text.replace("居民反映", "市民反映"), marks };
  });
}

function time(page: ReturnType<typeof pageOf>, runs: number): number[] {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    let found = 0;
    for (const story of page) for (const m of story.marks) if (checkMark(story.text, m)) found++;
    times.push(performance.now() - t);
    if (found === 0) throw new Error("no 核红 computed");
  }
  return times.sort((a, b) => a - b);
}

export function benchProofCheck(runs: number, percentile: (sorted: number[], p: number) => number) {
  for (const [stories, perStory] of [[1, 15], [10, 150]] as const) {
    const page = pageOf(stories, perStory);
    time(page, 3); // warm-up
    const times = time(page, runs);
    const marks = page.reduce((n, s) => n + s.marks.length, 0);
    console.log(`proof-check marks=${marks} ms=${percentile(times, 50).toFixed(2)} p95_ms=${percentile(times, 95).toFixed(2)}`);
  }
}
