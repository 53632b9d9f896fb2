// Loads the labelled pages of the copy-parser benchmark (tests/fixtures/import) into LabelledPage:
// our own pages with their expected stories, and the shared sample page from its offsets file.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { ExpectedStory, LabelledPage } from "@/lib/import/score";
import { renderPage, seeded } from "./import-markup";

const fixtures = (root: string) => path.join(root, "tests/fixtures/import");

type ExpectedFile = { stories: (Omit<ExpectedStory, "range"> & { begins: string; ends: string })[] };

/** Our pages: the expected range of a story runs from its first printed line to the end of its last. */
export function loadOwnPages(root: string): LabelledPage[] {
  const dir = path.join(fixtures(root), "pages");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((file) => {
      const name = file.replace(/\.txt$/u, "");
      const text = readFileSync(path.join(dir, file), "utf8");
      const expected = JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), "utf8")) as ExpectedFile;
      return labelled(name, text, expected.stories);
    });
}

/**
 * The pages in the forms real archives produce (tests/fixtures/import/real-forms): r01–r06 are the
 * half the parser was tuned on, r07–r12 the half kept out of sight while it was, reported apart.
 */
export function loadRealFormsPages(root: string): { tuned: LabelledPage[]; heldOut: LabelledPage[] } {
  const dir = path.join(fixtures(root), "real-forms");
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((file) => {
      const name = file.replace(/\.txt$/u, "");
      const expected = JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), "utf8")) as ExpectedFile;
      return labelled(name, readFileSync(path.join(dir, file), "utf8"), expected.stories);
    });
  const heldOut = (p: LabelledPage) => Number(/^r(\d+)/u.exec(p.name)?.[1]) > 6;
  return { tuned: pages.filter((p) => !heldOut(p)), heldOut: pages.filter(heldOut) };
}

/** Our pages with every paragraph broken again at random places (one variant per seed): layouts the rules were not written against. */
export function loadPerturbedPages(root: string, seeds: readonly number[]): LabelledPage[] {
  const dir = path.join(fixtures(root), "sources");
  const sources = readdirSync(dir).filter((f) => f.endsWith(".page")).sort();
  return seeds.flatMap((seed) =>
    sources.map((file) => {
      const { text, stories } = renderPage(readFileSync(path.join(dir, file), "utf8"), seeded(seed * 1000 + sources.indexOf(file)));
      return labelled(`${file.replace(/\.page$/u, "")}~${seed}`, text, stories);
    }),
  );
}

function labelled(name: string, text: string, expected: ExpectedFile["stories"]): LabelledPage {
  let cursor = 0;
  const stories = expected.map(({ begins, ends, ...story }) => {
    const start = text.indexOf(begins.trim(), cursor);
    const last = text.indexOf(ends.trim(), start);
    if (start < 0 || last < 0) throw new Error(`${name}: cannot find the lines of "${story.headline}"`);
    cursor = last + ends.trim().length;
    return { ...story, range: [start, cursor] as [number, number] };
  });
  return { name, text, stories };
}

type Part = string | [number, number];
type OffsetStory = { kind: string; range: [number, number]; paragraphs: Part[][] } & Record<"kicker" | "headline" | "subheadline" | "byline" | "dateline", Part[]>;
type OffsetsFile = { source: string; sha256: string; stories: OffsetStory[] };

/** The shared sample page, read from ../shared at run time; null (with why) when it is absent or changed. */
export function loadSamplePage(root: string): { page: LabelledPage | null; skipped?: string; file: string } {
  const offsets = JSON.parse(readFileSync(path.join(fixtures(root), "sample-page.offsets.json"), "utf8")) as OffsetsFile;
  const file = path.resolve(root, offsets.source);
  if (!existsSync(file)) return { page: null, skipped: `${offsets.source} not found`, file };
  const text = readFileSync(file, "utf8");
  if (createHash("sha256").update(text).digest("hex") !== offsets.sha256) return { page: null, skipped: `${offsets.source} is not the text the offsets were taken from`, file };
  const read = (parts: Part[]) => parts.map((p) => (typeof p === "string" ? p : text.slice(p[0], p[1]))).join("");
  const stories = offsets.stories.map((s) => ({
    kind: s.kind,
    range: s.range,
    kicker: read(s.kicker),
    headline: read(s.headline),
    subheadline: read(s.subheadline),
    byline: read(s.byline),
    dateline: read(s.dateline),
    paragraphs: s.paragraphs.map(read),
  }));
  return { page: { name: "sample (../shared)", text, stories }, file };
}
