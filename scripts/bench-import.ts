// npm run bench:import — scores the copy parser on the labelled pages (tests/fixtures/import), the
// pages in real archives' forms (tests/fixtures/import/real-forms, tuned half and held-out half apart) and
// the shared sample page, then times the split of a 10,000-character page against a baseline
// measured in the same run (splitting the same text on newlines).
import path from "node:path";
import { splitPage } from "@/lib/import/copy-parser";
import { scorePage, totals, type BenchTotals, type LabelledPage } from "@/lib/import/score";
import { loadOwnPages, loadPerturbedPages, loadRealFormsPages, loadSamplePage } from "./import-fixtures";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function main() {
  const root = path.resolve(import.meta.dirname, "..");
  const pages = loadOwnPages(root);
  const sample = loadSamplePage(root);
  if (sample.page) pages.push(sample.page);
  else console.log(`sample page skipped: ${sample.skipped}`);

  const scoreAll = (set: LabelledPage[]) => {
    const scores = set.map((p) => scorePage(p, splitPage(p.text)));
    for (const s of scores) {
      const status = s.misses.length === 0 ? "ok" : `${s.misses.length} misses`;
      console.log(`${s.name}: stories ${s.boundaryHits}/${s.expected} (found ${s.found}), fields ${s.fieldHits}/${s.fields}, paragraphs ${s.paragraphHits}/${s.paragraphs}, captions ${s.captionHits}/${s.captions} — ${status}`);
      for (const m of s.misses) console.log(`  - ${m}`);
    }
    return scores;
  };
  const line = (label: string, t: BenchTotals) =>
    `${label} pages=${t.pages} story_f1=${t.storyF1.toFixed(3)} field_acc=${t.fieldAcc.toFixed(3)} paragraph_acc=${t.paragraphAcc.toFixed(3)} caption_acc=${t.captionAcc.toFixed(3)} kind_acc=${t.kindAcc.toFixed(3)}`;
  const scores = scoreAll(pages);
  // Pages in the forms real archives produce: one half tuned on, the other held out and reported apart.
  const real = loadRealFormsPages(root);
  const tuned = totals(scoreAll(real.tuned));
  const heldOut = totals(scoreAll(real.heldOut));

  // The same pages broken at other places: how much of the score is fit to the breaks as written.
  const perturbed = loadPerturbedPages(root, [1, 2, 3, 4, 5]);
  const perturbedScores = perturbed.map((p) => scorePage(p, splitPage(p.text)));
  const misses = new Map<string, number>();
  for (const s of perturbedScores) for (const m of s.misses) misses.set(m.split(":")[0].replace(/ of .*/u, ""), (misses.get(m.split(":")[0].replace(/ of .*/u, "")) ?? 0) + 1);
  const p = totals(perturbedScores);
  console.log(`perturbed (our pages re-broken at random, 5 layouts) pages=${p.pages} story_f1=${p.storyF1.toFixed(3)} field_acc=${p.fieldAcc.toFixed(3)} paragraph_acc=${p.paragraphAcc.toFixed(3)} misses: ${[...misses].map(([k, n]) => `${k} ${n}`).join(", ") || "none"}`);
  if (process.argv.includes("--perturbed-misses")) for (const s of perturbedScores) for (const m of s.misses) console.log(`  ${s.name}: ${m}`);

  // A 10,000-character page made of the labelled pages, end to end.
  let big = "";
  for (let i = 0; Array.from(big).length < 10000; i++) big += `${pages[i % pages.length].text}\n`;
  big = Array.from(big).slice(0, 10000).join("");
  splitPage(big); // warm up
  const splitMs = timeIt(() => splitPage(big), 21);
  const baselineMs = timeIt(() => big.split("\n"), 21);
  console.log(`split 10000 chars: median ${splitMs.toFixed(2)} ms (baseline split on newlines ${baselineMs.toFixed(3)} ms; target < 200 ms)`);

  console.log(line("real forms, tuned on (r01-r06)", tuned));
  console.log(line("real forms, held out (r07-r12)", heldOut));
  console.log(line("import (our pages and the sample)", totals(scores)));
}

main();
