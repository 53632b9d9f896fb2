import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitPage } from "@/lib/import/copy-parser";
import { scorePage, totals } from "@/lib/import/score";
import { loadOwnPages, loadSamplePage } from "@/scripts/import-fixtures";

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

  it("splits the shared sample page into its stories, when the sample is there", () => {
    const { page } = loadSamplePage(root);
    if (!page) return; // the sample lives outside the repo (../shared); the bench says when it skipped it
    const t = totals([scorePage(page, splitPage(page.text))]);
    expect(t.storyF1).toBeGreaterThanOrEqual(0.9);
  });
});
