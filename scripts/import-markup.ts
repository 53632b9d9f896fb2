// The markup the copy-parser's labelled pages are written in (tests/fixtures/import/sources/*.page),
// and its rendering into the page text and the expected stories. The labels are the markup, never the parser.
//
// Markup, one element a line:
//   % blank=0|1 indent=0|1   how this page's text was extracted (blank lines between blocks, full-width indents)
//   F text      page furniture: printed, not part of any story
//   = KIND      a new story (NEWS_BRIEF, FEATURE, PHOTO_NEWS, PHOTO_STORY, COMMENTARY)
//   L text      a column label printed above the headline (短评), no field of its own
//   K / H / S   kicker, headline, subheadline; "|" in them is where the printed line broke
//   B text      byline line as printed;  b text  the byline the story carries but the page does not print
//   D text      dateline; printed at the start of the next paragraph
//   P text      paragraph; "|" a break where a column ended, "||" the same with a blank line,
//               "_" a stray space, {text} a caption printed at that point inside the paragraph
//   T text      subhead;  C text  caption (a trailing （… 摄） is its credit);  R text  a credit line
import { seededRandom } from "@/lib/core/seeded-random";
export type Expected = { kind: string; kicker: string; headline: string; subheadline: string; byline: string; dateline: string; paragraphs: string[]; subheads: string[]; captions: { caption: string; credit: string }[]; begins: string; ends: string };

const TRAILING_CREDIT = /[（(]([^（）()]{1,36}(摄|提供))[）)]$/u;

/**
 * Renders a page. With `random` (a seeded generator in [0, 1)) every paragraph is broken again at
 * random places, as a different column layout would have broken it: the bench's perturbed pages.
 */
export function renderPage(source: string, random?: () => number): { text: string; stories: Expected[] } {
  let blank = true;
  let indent = false;
  const out: string[] = [];
  const stories: Expected[] = [];
  let story: Expected | null = null;
  let dateline = "";
  const print = (s: string, block = true) => {
    out.push(s);
    if (block && blank) out.push("");
  };
  const mark = (printed: string) => {
    if (!story) return;
    const first = printed.split("\n")[0];
    if (!story.begins) story.begins = first;
    story.ends = printed.split("\n").filter(Boolean).pop() ?? printed;
  };
  const addCaption = (text: string) => {
    const m = TRAILING_CREDIT.exec(text);
    story!.captions.push({ caption: m ? text.slice(0, m.index) : text, credit: m ? m[1] : "" });
  };
  for (const raw of source.split("\n")) {
    if (!raw.trim()) continue;
    const tag = raw.slice(0, 1);
    const rest = raw.slice(2);
    if (tag === "%") {
      blank = /blank=1/u.test(rest);
      indent = /indent=1/u.test(rest);
      continue;
    }
    if (tag === "F") {
      print(rest);
      continue;
    }
    if (tag === "=") {
      story = { kind: rest.trim(), kicker: "", headline: "", subheadline: "", byline: "", dateline: "", paragraphs: [], subheads: [], captions: [], begins: "", ends: "" };
      stories.push(story);
      continue;
    }
    if (!story) throw new Error(`no story for: ${raw}`);
    const lines = (s: string) => s.split("|").join("\n");
    if (tag === "L") { print(rest); mark(rest); }
    else if (tag === "K" || tag === "H" || tag === "S") {
      const field = tag === "K" ? "kicker" : tag === "H" ? "headline" : "subheadline";
      story[field] = rest.replaceAll("|", "");
      print(lines(rest));
      mark(lines(rest));
    } else if (tag === "B") {
      // □ and ◎ are the page's typography before a commentator's name, not part of the byline.
      story.byline = [story.byline, rest.replace(/^[□◎]\s*/u, "")].filter(Boolean).join(" ");
      print(rest);
      mark(rest);
    }
    else if (tag === "b") story.byline = rest;
    else if (tag === "D") { dateline = rest; story.dateline = rest; }
    else if (tag === "T") { story.subheads.push(rest); print((indent ? "\u3000\u3000" : "") + rest); mark(rest); }
    else if (tag === "C") { addCaption(rest); print(rest); mark(rest); }
    else if (tag === "R") {
      const last = story.captions[story.captions.length - 1];
      if (last && !last.credit) last.credit = rest.replace(/^[（(]|[）)]$/gu, "");
      else if (!story.byline) story.byline = rest;
      if (story.kind === "PHOTO_NEWS" && !story.byline) story.byline = rest;
      print(rest);
      mark(rest);
    } else if (tag === "P") {
      const text = dateline + (random ? rebreak(rest, random) : rest);
      dateline = "";
      const expected = rest.replace(/\{[^}]*\}/gu, "").replaceAll("|", "").replaceAll("_", "");
      for (const m of rest.matchAll(/\{([^}]*)\}/gu)) addCaption(m[1]);
      story.paragraphs.push(expected);
      const printed = (indent ? "\u3000\u3000" : "") + text.replaceAll("||", "\n\n").replaceAll("|", "\n").replace(/\{([^}]*)\}/gu, "\n$1\n").replaceAll("_", " ");
      print(printed.replace(/\n{3,}/gu, "\n\n"));
      mark(printed);
    } else throw new Error(`unknown markup: ${raw}`);
  }
  for (const s of stories) if (s.kind === "PHOTO_NEWS" && !s.byline && s.captions[0]) s.byline = s.captions[0].credit;
  return { text: out.join("\n").replace(/\n{3,}/gu, "\n\n") + "\n", stories };
}

// Breaks a paragraph's markup again every 30–180 characters, sometimes with a blank line, keeping
// captions ({…}) where they are and never breaking at the very start.
function rebreak(markup: string, random: () => number): string {
  return markup
    .replaceAll("|", "")
    .split(/(\{[^}]*\})/u)
    .map((part) => {
      if (part.startsWith("{")) return part;
      const chars = Array.from(part);
      let out = "";
      let next = 30 + Math.floor(random() * 150);
      chars.forEach((c, i) => {
        if (i === next && i < chars.length - 1) {
          out += random() < 0.5 ? "||" : "|";
          next += 30 + Math.floor(random() * 150);
        }
        out += c;
      });
      return out;
    })
    .join("");
}

/** A seeded generator, so a perturbed page is the same on every run. */
export const seeded = seededRandom;
