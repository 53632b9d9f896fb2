import { endsSentence, parseStory } from "@/lib/import/copy-parser";
import type { BodyBlock } from "@/lib/stories/body";

// 粘贴: text pasted into a story's body goes through the copy parser, as a printed page or a
// Word file would: lines broken where a column ended are joined, a subhead-looking line becomes a
// subhead. Nothing pasted is dropped: what the parser reads as the story's head (kicker, headline,
// byline) or as a picture's caption stays in the body as paragraphs, in the order pasted, for the
// reporter to move; the story form's own fields are never filled behind their back.

export type PastedBody = { blocks: BodyBlock[]; paragraphs: number; subheads: number; joinedLines: number };

/** Whether a paste is worth reading: two lines or more (a single line goes in as typed). */
export function isMultiLinePaste(text: string): boolean {
  return text.split(/\r?\n/).filter((l) => l.trim()).length >= 2;
}

// Copy from a PDF or an e-paper usually keeps each paragraph's indent (two full-width spaces): where
// it does, the indent says where a paragraph starts, which a line cut at a column end cannot.
const INDENT = /^(\u3000|[ \t]{2,})/u;

/** With indents: one line per paragraph (continuations joined on), other lines left as they are. */
function paragraphsByIndent(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (!lines.some((l) => INDENT.test(l))) return text;
  const out: { text: string; open: boolean }[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const last = out[out.length - 1];
    if (!INDENT.test(raw) && last?.open) {
      last.text += line;
      last.open = !endsSentence(line);
      continue;
    }
    // An indented line opens a paragraph that runs until a sentence ends; an unindented one (a
    // subhead, a headline) stands alone.
    out.push({ text: INDENT.test(raw) ? `\u3000\u3000${line}` : line, open: INDENT.test(raw) && !endsSentence(line) });
  }
  return out.map((l) => l.text).join("\n");
}

export function parsePastedBody(text: string): PastedBody {
  const story = parseStory(paragraphsByIndent(text));
  const lines = text.split(/\r?\n/).map((l) => l.replace(/[\s\u3000]+/gu, " ").trim()).filter(Boolean);
  // Head fields the parser read off whole lines; a byline it made up from a dateline or a credit
  // was not pasted and is not added.
  const pastedLine = (field: string) => lines.includes(field.replace(/[\s\u3000]+/gu, " ").trim());
  const head = [story.kicker, story.headline, story.subheadline, story.byline]
    .filter((t) => t && pastedLine(t))
    .map((t): BodyBlock => ({ type: "paragraph", text: t }));
  const blocks: BodyBlock[] = [...head];
  let datelinePending = story.dateline;
  for (const block of story.body) {
    if (block.type === "photo") {
      // A pasted caption has no picture to go with: it stays as the text it was.
      const text = [block.caption, block.credit && !block.caption.includes(block.credit) ? `（${block.credit}）` : ""].join("").trim();
      if (text) blocks.push({ type: "paragraph", text });
      continue;
    }
    if (block.type === "paragraph" && datelinePending) {
      blocks.push({ type: "paragraph", text: `${datelinePending}${block.text}` });
      datelinePending = "";
      continue;
    }
    blocks.push(block);
  }
  if (datelinePending) blocks.unshift({ type: "paragraph", text: datelinePending });
  const sourceLines = lines.length;
  return {
    blocks,
    paragraphs: blocks.filter((b) => b.type === "paragraph").length,
    subheads: blocks.filter((b) => b.type === "subhead").length,
    joinedLines: Math.max(0, sourceLines - blocks.length),
  };
}
