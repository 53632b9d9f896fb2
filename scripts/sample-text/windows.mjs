// Runs of Chinese text shared with the shared sample page (a real printed page we may read but never
// copy). A "window" is WINDOW characters in a row, read two ways: Han characters only, everything
// between them left out, so copy keeps its words whatever its commas; and Han characters with the
// full-width punctuation among them, as /work/shared/tools/sample-text-check.mjs counts them, so this
// check finds all that tool finds. Spaces, line breaks, digits, Latin letters and half-width marks are
// left out of both: a page cut into column lines is still the same text.
import { createHash, randomBytes } from "node:crypto";

export const WINDOW = 10;
/** Hex digits kept of each window's hash: 48 bits, so a project of millions of windows meets no false match. */
const HASH_HEX = 12;
const HAN = /\p{Script=Han}/u;
const FULL_WIDTH_MARK = /[\u3001-\u303f\uff01-\uffef“”‘’—…·]/u;
const READINGS = [false, true];

/** A text's characters in one reading, with the line each stands on (1-based). */
export function reading(text, withMarks) {
  const chars = [];
  const lines = [];
  let line = 1;
  for (const c of text) {
    if (c === "\n") line++;
    if (!HAN.test(c) && !(withMarks && FULL_WIDTH_MARK.test(c))) continue;
    chars.push(c);
    lines.push(line);
  }
  return { chars, lines };
}

/**
 * The sample's passages: its lines joined where print cut a sentence at a column end, parted after a
 * sentence's end and around lines without a comma or stop (headlines, bylines, photo credits), so no
 * window is made of one story's credit and the next one's opening words.
 */
export function passagesOf(text) {
  const passages = [[]];
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const standsAlone = !/[，,。、；;：:]/u.test(line);
    if (standsAlone && passages.at(-1).length) passages.push([]);
    passages.at(-1).push(line);
    if (standsAlone || /[。！？!?]$/u.test(line)) passages.push([]);
  }
  return passages.filter((p) => p.length).map((p) => p.join(""));
}

/** Every window of the sample page in both readings, once each. */
export function sampleWindows(text) {
  const found = new Set();
  for (const passage of passagesOf(text)) {
    for (const withMarks of READINGS) {
      const { chars } = reading(passage, withMarks);
      for (let i = 0; i + WINDOW <= chars.length; i++) found.add(chars.slice(i, i + WINDOW).join(""));
    }
  }
  return found;
}

export const newSalt = () => randomBytes(16).toString("hex");
export const hashWindow = (salt, window) => createHash("sha256").update(`${salt}\n${window}`).digest("hex").slice(0, HASH_HEX);

/**
 * The passages of a text made of windows `isSample` recognises, in either reading, each reported
 * once: overlapping windows of one copied passage make one finding, from its first line to its last.
 */
export function sampleRuns(text, isSample) {
  const runs = [];
  for (const withMarks of READINGS) {
    const { chars, lines } = reading(text, withMarks);
    let current = null;
    for (let i = 0; i + WINDOW <= chars.length; i++) {
      if (!isSample(chars.slice(i, i + WINDOW).join(""))) continue;
      if (current && i <= current.end) current.end = i + WINDOW;
      else runs.push((current = { chars, lines, start: i, end: i + WINDOW }));
    }
  }
  const found = runs.map(({ chars, lines, start, end }) => ({ line: lines[start], lastLine: lines[end - 1], text: chars.slice(start, end).join("") }));
  // The same passage is usually found in both readings: keep the longer finding.
  const longestFirst = found.sort((a, b) => b.text.length - a.text.length);
  const kept = longestFirst.filter((run, i) => !longestFirst.slice(0, i).some((k) => run.line <= k.lastLine && k.line <= run.lastLine));
  return kept.sort((a, b) => a.line - b.line);
}

/** The committed list: a comment, the salt, then the sorted hashes (sorted, so no order of the text survives). */
export function formatHashList(salt, windows, source) {
  const hashes = [...new Set([...windows].map((w) => hashWindow(salt, w)))].sort();
  return [
    `# Salted, truncated SHA-256 of every window of ${WINDOW} characters of ${source} (scripts/sample-text/windows.mjs), sorted; no text of it.`,
    "# Written by `npm run check:sample-text -- --write-hashes` where the sample is; read by the check where it is not.",
    `salt ${salt}`,
    ...hashes,
    "",
  ].join("\n");
}

export function parseHashList(text) {
  const lines = text.split("\n").filter((l) => l && !l.startsWith("#"));
  const salt = lines.shift()?.match(/^salt ([0-9a-f]+)$/)?.[1];
  if (!salt) throw new Error("the hash list names no salt");
  return { salt, hashes: new Set(lines) };
}
