import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitPage } from "@/lib/import/copy-parser";
import { scorePage, totals } from "@/lib/import/score";
import { loadOwnPages, loadRealFormsPages, loadSamplePage } from "@/scripts/import-fixtures";

// A floor under the parser's scores on the labelled pages (npm run bench:import prints the figures),
// so a rule change that breaks forms the pages hold fails here. No timing: speed is the bench's.
const root = path.resolve(import.meta.dirname, "../..");

describe("copy parser on the labelled pages", () => {
  const pages = loadOwnPages(root);

  it("has at least twelve pages, each with stories", () => {
    expect(pages.length).toBeGreaterThanOrEqual(12);
    for (const p of pages) expect(p.stories.length, p.name).toBeGreaterThanOrEqual(2);
  });

  it("splits and reads them above the floor", () => {
    const t = totals(pages.map((p) => scorePage(p, splitPage(p.text))));
    expect(t.storyF1).toBeGreaterThanOrEqual(0.9);
    expect(t.fieldAcc).toBeGreaterThanOrEqual(0.85);
    expect(t.paragraphAcc).toBeGreaterThanOrEqual(0.9);
  });
});

// Pages in the forms real archives produce: the half the rules were tuned on must stay read as
// labelled; the held-out half has a floor below what it scored when first measured (0.833 stories,
// 0.957 fields), so a change that loses what it reads fails.
describe("copy parser on pages in real archives' forms", () => {
  const { tuned, heldOut } = loadRealFormsPages(root);

  it("has twelve pages, half held out", () => {
    expect(tuned.length).toBe(6);
    expect(heldOut.length).toBe(6);
  });

  it("reads the tuned half as labelled", () => {
    const t = totals(tuned.map((p) => scorePage(p, splitPage(p.text))));
    expect(t.storyF1).toBeGreaterThanOrEqual(0.95);
    expect(t.fieldAcc).toBeGreaterThanOrEqual(0.95);
    expect(t.captionAcc).toBeGreaterThanOrEqual(0.95);
  });

  it("reads the held-out half above its floor", () => {
    const t = totals(heldOut.map((p) => scorePage(p, splitPage(p.text))));
    expect(t.storyF1).toBeGreaterThanOrEqual(0.8);
    expect(t.fieldAcc).toBeGreaterThanOrEqual(0.9);
    expect(t.paragraphAcc).toBeGreaterThanOrEqual(0.9);
  });
});

// The sample page lives outside the repository (../shared), absent on CI's clean checkout. Where it
// is, the parser must split it; where it is not, the run says so rather than passing in silence.
describe("copy parser on the shared sample page", () => {
  const sample = loadSamplePage(root);
  if (sample.page || existsSync(sample.file)) {
    it("splits it into its stories", () => {
      expect(sample.page, sample.skipped).not.toBeNull();
      const t = totals([scorePage(sample.page!, splitPage(sample.page!.text))]);
      expect(t.storyF1).toBeGreaterThanOrEqual(0.9);
    });
  } else {
    it(`is NOT scored in this run: ${sample.skipped}`, () => {
      console.warn(`[copy parser] the shared sample page is absent (${sample.file}): its split is NOT checked in this run`);
      expect(existsSync(sample.file)).toBe(false);
    });
  }
});
