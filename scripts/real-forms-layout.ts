// Lays out the hand-labelled stories of tests/fixtures/import/real-forms/sources/*.page as a PDF's
// text extraction gives them back: columns cut at a fixed width (half-width digits take half a
// cell, so numbers break mid-way: 2,3 / 00), closing punctuation hung on the line it follows, a blank
// line after every line or none at all, captions with their "某某 摄" run on. The labels are what a
// careful editor reads off the printed page; the layout never looks at the parser.
//
// Markup, one element a line (like scripts/import-markup.ts, with what real extraction adds):
//   % width=13 blank=every|none|blocks indent=0|1 caption=18 halfwidth=0|1
//   F text        page furniture
//   = KIND        a new story
//   L text        a column label above the headline (短评): printed, no field of its own
//   K / H / S     kicker, headline, subheadline; "|" where the printed line broke
//   B text        byline line as printed;  b text  the byline the story carries (its label)
//   D printed=label   dateline as printed (at the head of the next paragraph) and as labelled
//   P text        paragraph; "_" a stray space extraction put there (not in the label)
//   T text        subhead
//   C caption|credit   caption run on with its credit: "……。 张涛 摄" (";" instead of "|": no space)
//   c caption|credit   caption with its credit on a line of its own
import type { Expected as RealFormsStory } from "./import-markup";

const HANGING = /^[，。、；：？！”’）》,.;:?!)]/u;
const cells = (ch: string) => (/[\x20-\x7e]/u.test(ch) ? 1 : 2);

/** Cuts a paragraph into column lines of `width` full-width cells; the first line is indented by two. */
export function cutColumn(text: string, width: number, indent: boolean, firstIndent = 2): string[] {
  const chars = Array.from(text);
  const lines: string[] = [];
  let line = "";
  let used = 0;
  let capacity = (width - firstIndent) * 2;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    // A space where a line breaks is not printed: extraction keeps it on neither line.
    if (ch === " " && used + 2 >= capacity) continue;
    if (used + cells(ch) > capacity && !HANGING.test(ch)) {
      lines.push(line.trimEnd());
      line = "";
      used = 0;
      capacity = width * 2;
    }
    line += ch;
    used += cells(ch);
  }
  if (line) lines.push(line.trimEnd());
  if (indent && lines.length) lines[0] = `\u3000\u3000${lines[0]}`;
  return lines;
}

const HALF: Record<string, string> = { "，": ",", "（": "(", "）": ")", "：": ":", "；": ";" };

export function layoutPage(source: string): { text: string; stories: RealFormsStory[] } {
  let width = 13;
  let captionWidth = 18;
  let blank = "every" as "every" | "none" | "blocks";
  let indent = false;
  let halfwidth = false;
  const out: string[] = [];
  const stories: RealFormsStory[] = [];
  let story: RealFormsStory | null = null;
  let dateline = "";
  // Half-width punctuation where the typesetter mixed them: every other comma and bracket.
  let flip = 0;
  const mix = (s: string) => (halfwidth ? Array.from(s).map((ch) => (HALF[ch] && flip++ % 2 === 0 ? HALF[ch] : ch)).join("") : s);
  const print = (lines: string[]) => {
    for (const l of lines) {
      out.push(l);
      if (blank === "every") out.push("");
    }
    if (blank === "blocks") out.push("");
    if (story && lines.length) {
      if (!story.begins) story.begins = lines[0].trim();
      story.ends = lines[lines.length - 1].trim();
    }
  };
  for (const raw of source.split("\n")) {
    if (!raw.trim() || raw.startsWith("#")) continue;
    const tag = raw.slice(0, 1);
    const rest = raw.slice(2).trim();
    if (tag === "%") {
      width = Number(/width=(\d+)/u.exec(rest)?.[1] ?? width);
      captionWidth = Number(/caption=(\d+)/u.exec(rest)?.[1] ?? captionWidth);
      blank = (/blank=(\w+)/u.exec(rest)?.[1] as typeof blank) ?? blank;
      indent = /indent=1/u.test(rest);
      halfwidth = /halfwidth=1/u.test(rest);
      continue;
    }
    if (tag === "F") {
      out.push(rest);
      if (blank !== "none") out.push("");
      continue;
    }
    if (tag === "=") {
      story = { kind: rest, kicker: "", headline: "", subheadline: "", byline: "", dateline: "", paragraphs: [], subheads: [], captions: [], begins: "", ends: "" };
      stories.push(story);
      continue;
    }
    if (!story) throw new Error(`no story for: ${raw}`);
    if (tag === "L") print([rest]);
    else if (tag === "K" || tag === "H" || tag === "S") {
      story[tag === "K" ? "kicker" : tag === "H" ? "headline" : "subheadline"] = rest.replaceAll("|", "");
      print(rest.split("|"));
    } else if (tag === "B") print([rest]);
    else if (tag === "b") story.byline = rest;
    else if (tag === "D") {
      const [printed, label] = rest.split("=");
      dateline = printed;
      story.dateline = label ?? printed;
    } else if (tag === "P") {
      story.paragraphs.push(rest.replaceAll("_", ""));
      print(cutColumn(mix(dateline + rest.replaceAll("_", " ")), width, indent));
      dateline = "";
    } else if (tag === "T") {
      story.subheads.push(rest);
      print([rest]);
    } else if (tag === "C" || tag === "c") {
      const sep = rest.includes("|") ? "|" : ";";
      const [caption, credit] = rest.split(sep);
      story.captions.push({ caption, credit });
      if (tag === "c") print([...cutColumn(mix(caption), captionWidth, false, 0), credit]);
      else print(cutColumn(mix(`${caption}${sep === "|" ? " " : ""}${credit}`), captionWidth, false, 0));
    } else throw new Error(`unknown line: ${raw}`);
  }
  return { text: `${out.join("\n").replace(/\n+$/u, "")}\n`, stories };
}
