// How well a page split matches a labelled page: story boundaries (F1 over exact [start, end) ranges),
// the headline-group fields, paragraphs and photo captions with their credits. Pure; used by npm run bench:import and by the floor test.
import type { PageStory } from "@/lib/import/copy-parser";

export type ExpectedStory = {
  kind: string;
  range: [number, number];
  kicker: string;
  headline: string;
  subheadline: string;
  byline: string;
  dateline: string;
  paragraphs: string[];
  captions?: { caption: string; credit: string }[];
};
export type LabelledPage = { name: string; text: string; stories: ExpectedStory[] };

export const SCORED_FIELDS = ["kicker", "headline", "subheadline", "byline", "dateline"] as const;

// Width forms do not count as a miss: 本报讯(通讯员 X) and 本报讯（通讯员 X） are the same dateline.
const same = (a: string, b: string) => norm(a) === norm(b);
const norm = (s: string) => s.normalize("NFKC").replace(/\s+/gu, " ").trim();

export type PageScore = {
  name: string;
  expected: number;
  found: number;
  boundaryHits: number;
  fieldHits: number;
  fields: number;
  kindHits: number;
  paragraphHits: number;
  paragraphs: number;
  captionHits: number;
  captions: number;
  misses: string[];
};

const overlap = (a: [number, number], b: [number, number]) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));

export function scorePage(page: LabelledPage, found: readonly PageStory[]): PageScore {
  const score: PageScore = { name: page.name, expected: page.stories.length, found: found.length, boundaryHits: 0, fieldHits: 0, kindHits: 0, fields: 0, paragraphHits: 0, paragraphs: 0, captionHits: 0, captions: 0, misses: [] };
  const short = (s: string) => (Array.from(s).length > 16 ? `${Array.from(s).slice(0, 16).join("")}…` : s);
  for (const want of page.stories) {
    const exact = found.find((f) => f.range[0] === want.range[0] && f.range[1] === want.range[1]);
    if (exact) score.boundaryHits++;
    // Fields and paragraphs are compared with the found story that covers most of the expected one,
    // so a boundary miss is counted once, not again in every field.
    const got = exact ?? [...found].sort((a, b) => overlap(b.range, want.range) - overlap(a.range, want.range))[0];
    const label = want.headline || short(want.paragraphs[0] ?? "") || `@${want.range[0]}`;
    if (!exact) score.misses.push(`boundary [${want.range}] ${label}: found ${got ? `[${got.range}]` : "nothing"}`);
    if (got?.kind === want.kind) score.kindHits++;
    else score.misses.push(`kind of ${label}: want ${want.kind} got ${got?.kind ?? "nothing"}`);
    for (const field of SCORED_FIELDS) {
      // A field counts where the label sets it or the parser did: both empty is no evidence either way.
      if (!norm(want[field]) && !norm(got?.[field] ?? "")) continue;
      score.fields++;
      if (got && same(got[field], want[field])) score.fieldHits++;
      else score.misses.push(`${field} of ${label}: want "${want[field]}" got "${got?.[field] ?? ""}"`);
    }
    const paragraphs = (got?.body ?? []).flatMap((b) => (b.type === "paragraph" ? [norm(b.text)] : []));
    for (const p of want.paragraphs) {
      score.paragraphs++;
      const i = paragraphs.indexOf(norm(p));
      if (i >= 0) {
        score.paragraphHits++;
        paragraphs.splice(i, 1);
      } else score.misses.push(`paragraph of ${label}: "${short(p)}" not found`);
    }
    // A caption and its credit, the credit's spaces aside (韩晓东 摄, 韩晓东摄).
    const captionKey = (c: { caption: string; credit: string }) => `${norm(c.caption)}|${norm(c.credit).replace(/\s+/gu, "")}`;
    const captions = (got?.captions ?? []).map(captionKey);
    for (const c of want.captions ?? []) {
      score.captions++;
      const i = captions.indexOf(captionKey(c));
      if (i >= 0) {
        score.captionHits++;
        captions.splice(i, 1);
      } else score.misses.push(`caption of ${label}: "${short(c.caption)}" (${c.credit}) not found`);
    }
  }
  return score;
}

export type BenchTotals = { pages: number; storyF1: number; fieldAcc: number; paragraphAcc: number; captionAcc: number; kindAcc: number };

export function totals(scores: readonly PageScore[]): BenchTotals {
  const sum = (k: keyof PageScore) => scores.reduce((n, s) => n + (s[k] as number), 0);
  const precision = sum("boundaryHits") / Math.max(1, sum("found"));
  const recall = sum("boundaryHits") / Math.max(1, sum("expected"));
  return {
    pages: scores.length,
    storyF1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    fieldAcc: sum("fieldHits") / Math.max(1, sum("fields")),
    paragraphAcc: sum("paragraphHits") / Math.max(1, sum("paragraphs")),
    captionAcc: sum("captionHits") / Math.max(1, sum("captions")),
    kindAcc: sum("kindHits") / Math.max(1, sum("expected")),
  };
}
