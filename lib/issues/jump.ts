import type { StoryBody } from "@/lib/stories/body";
import { blockWeight, SIZE_RULES, type SizeClass } from "@/lib/issues/page-plan";

// 转版: where a story set to continue on another page breaks. Both pages ask the same question
// with the same answer, so the part on the first page and the rest always meet.

/** `midParagraph`: the rest opens inside a paragraph begun on the first page. */
export type JumpSplit = { here: StoryBody; rest: StoryBody; midParagraph: boolean };

/**
 * Where a jumping story breaks: where its space on the first page ends (its size's share of the
 * page, in characters, a photo counted by the room it takes), at the end of a paragraph or of a
 * sentence. A paragraph broken in two runs its first sentences here and the rest on the other page;
 * joined again, the two parts are the story, nothing lost or repeated. A story that fits runs whole
 * and nothing continues.
 */
export function splitForJump(body: StoryBody, size: SizeClass, capacity: number): JumpSplit {
  const room = SIZE_RULES[size].textShare * capacity;
  let used = 0;
  for (const [i, block] of body.entries()) {
    const takes = blockWeight(block, size, capacity);
    if (used + takes <= room) {
      used += takes;
      continue;
    }
    // The first page prints some of the text, however small its space: a jump line under a headline alone says nothing.
    const printsText = body.slice(0, i).some((b) => b.type === "paragraph");
    if (block.type === "paragraph") {
      const at = paragraphBreak(block.text, room - used, !printsText);
      if (at !== null) {
        const head = { type: "paragraph" as const, text: block.text.slice(0, at) };
        const tail = { type: "paragraph" as const, text: block.text.slice(at) };
        return { here: [...body.slice(0, i), head], rest: [tail, ...body.slice(i + 1)], midParagraph: true };
      }
    }
    if (printsText) return keepSubheadWithItsText(body.slice(0, i), body.slice(i));
    used += takes;
  }
  return { here: body, rest: [], midParagraph: false };
}

/** A subhead is never the last line of a page: it goes on with the text it heads. */
function keepSubheadWithItsText(here: StoryBody, rest: StoryBody): JumpSplit {
  let cut = here.length;
  while (cut > 1 && here[cut - 1].type === "subhead") cut -= 1;
  return { here: here.slice(0, cut), rest: [...here.slice(cut), ...rest], midParagraph: false };
}

/** How good a place to break a paragraph is, best first. */
export const BREAK_KIND = { SENTENCE: 0, CLAUSE: 1, CHARACTER: 2 } as const;
type BreakKind = (typeof BREAK_KIND)[keyof typeof BREAK_KIND];
export type ParagraphBreak = { at: number; before: number; kind: BreakKind };

const SENTENCE_END = /[。！？!?…]/u;
// Closing quotes and brackets stay with the sentence they close.
const CLOSER = /[”’」』）)》〉】\]"']/u;
const OPENER = /[“‘「『（(《〈【[]/u;
const CLAUSE_END = /[，、；：,;:]/u;
// Figures, Chinese numerals and Latin words are one run each: 2026年, 3.5万, 二百一十, 5G, 10:30.
const IN_A_RUN = /[0-9０-９.．%％‰A-Za-z〇零一二两三四五六七八九十百千万亿]/u;
const DIGIT = /[0-9０-９]/u;
const SPACE = /\s/u;

/**
 * The places a paragraph may break, in order: `at` is where the second part begins in the text,
 * `before` how many characters come before it (as 字数 counts them). Never before punctuation,
 * never after an opening quote, never inside a number or a Latin word.
 */
export function paragraphBreaks(text: string): ParagraphBreak[] {
  const chars = Array.from(text);
  const breaks: ParagraphBreak[] = [];
  let at = 0;
  let before = 0;
  // The last character that is not a space, and whether a sentence ended there (its closing quotes included).
  let last = "";
  let lastButOne = "";
  let sentenceEnded = false;
  for (const [i, char] of chars.entries()) {
    if (i > 0 && !SPACE.test(char) && last !== "") {
      const kind = breakKind(last, lastButOne, char, sentenceEnded);
      if (kind !== null) breaks.push({ at, before, kind });
    }
    at += char.length;
    if (SPACE.test(char)) continue;
    before += 1;
    sentenceEnded = SENTENCE_END.test(char) || (sentenceEnded && CLOSER.test(char));
    lastButOne = last;
    last = char;
  }
  return breaks;
}

function breakKind(last: string, lastButOne: string, next: string, sentenceEnded: boolean): BreakKind | null {
  if (SENTENCE_END.test(next) || CLOSER.test(next) || CLAUSE_END.test(next)) return null;
  if (sentenceEnded) return BREAK_KIND.SENTENCE;
  if (CLAUSE_END.test(last)) {
    // 1,200 and 10:30 are numbers, not clauses.
    const inFigure = /[,:]/u.test(last) && DIGIT.test(lastButOne) && DIGIT.test(next);
    return inFigure ? null : BREAK_KIND.CLAUSE;
  }
  if (OPENER.test(last)) return null;
  if (IN_A_RUN.test(last) && IN_A_RUN.test(next)) return null;
  return BREAK_KIND.CHARACTER;
}

/**
 * Where to break a paragraph that does not fit in `room` characters: after the last sentence that
 * fits. With `mustBreak` (nothing of the story on the page yet) a clause, or between two characters,
 * will do; failing even that, after the first sentence however long. Null: the paragraph stays whole.
 */
export function paragraphBreak(text: string, room: number, mustBreak: boolean): number | null {
  const breaks = paragraphBreaks(text);
  const kinds: BreakKind[] = mustBreak ? [BREAK_KIND.SENTENCE, BREAK_KIND.CLAUSE, BREAK_KIND.CHARACTER] : [BREAK_KIND.SENTENCE];
  for (const kind of kinds) {
    const fits = breaks.filter((b) => b.kind === kind && b.before <= room && b.before > 0);
    if (fits.length > 0) return fits[fits.length - 1].at;
  }
  if (!mustBreak) return null;
  for (const kind of kinds) {
    const first = breaks.find((b) => b.kind === kind);
    if (first) return first.at;
  }
  return null;
}
