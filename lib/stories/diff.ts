// Character-level comparison of two versions of a story, made for Chinese copy: there are no
// spaces to split words on, so the unit is the character. Lines (fields, paragraphs) are matched
// first, then the characters inside the lines that changed, which keeps long stories fast.
import type { StoryDraft } from "@/lib/stories/schema";
import { HEAD_FIELD_NAMES, HEAD_FIELDS, KIND_LABELS } from "@/lib/stories/schema";

export type DiffPart = { op: "equal" | "delete" | "insert"; text: string };

/**
 * Myers' O(ND) shortest edit script between two sequences. Returns null when the sequences differ
 * by more than `maxEdits`, so callers can fall back to "all replaced" instead of spending seconds.
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[], maxEdits = Infinity): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, offset, n, m, d);
    }
    v = next;
  }
  return null;
}

export type DiffOp = { op: "equal" | "delete" | "insert"; aIndex: number; bIndex: number };

function backtrack(trace: Int32Array[], offset: number, n: number, m: number, dEnd: number): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d >= 0; d--) {
    const before = trace[d];
    const k = x - y;
    let prevK: number;
    if (d === 0) prevK = 0;
    else prevK = k === -d || (k !== d && before[offset + k - 1] < before[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : before[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ op: "equal", aIndex: x, bIndex: y });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ op: "insert", aIndex: x, bIndex: prevY });
      else ops.push({ op: "delete", aIndex: prevX, bIndex: y });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/**
 * Past this many edits inside a changed stretch, the characters are not compared one by one: the
 * old and new text are shown whole. Myers' work grows with the edits, so this bounds it.
 */
export const CHARACTER_EDIT_LIMIT = 2000;

/** Character-level diff of two texts, lines first. */
export function diffText(before: string, after: string): DiffPart[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const lineOps = diffSequences(a, b) ?? [];
  const parts: DiffPart[] = [];
  let deleted: string[] = [];
  let inserted: string[] = [];
  const flush = () => {
    if (deleted.length || inserted.length) parts.push(...diffChars(deleted.join("\n"), inserted.join("\n"), deleted.length > 0 && inserted.length > 0));
    deleted = [];
    inserted = [];
  };
  for (const op of lineOps) {
    if (op.op === "equal") {
      flush();
      push(parts, "equal", `${a[op.aIndex]}\n`);
    } else if (op.op === "delete") deleted.push(a[op.aIndex]);
    else inserted.push(b[op.bIndex]);
  }
  flush();
  return parts;
}

function diffChars(before: string, after: string, both: boolean): DiffPart[] {
  const parts: DiffPart[] = [];
  const a = Array.from(before);
  const b = Array.from(after);
  const ops = both ? diffSequences(a, b, CHARACTER_EDIT_LIMIT) : null;
  if (!ops) {
    if (before) push(parts, "delete", `${before}\n`);
    if (after) push(parts, "insert", `${after}\n`);
    return parts;
  }
  for (const op of ops) push(parts, op.op, op.op === "insert" ? b[op.bIndex] : a[op.aIndex]);
  push(parts, "equal", "\n");
  return parts;
}

function push(parts: DiffPart[], op: DiffPart["op"], text: string) {
  const last = parts[parts.length - 1];
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

/** A story as the lines a person compares: fields first, then the body block by block. */
export function storyAsText(s: StoryDraft): string {
  const lines = [
    `体裁：${KIND_LABELS[s.kind]}`,
    ...HEAD_FIELD_NAMES.map((f) => `${HEAD_FIELDS[f].label}：${s[f]}`),
    `标签：${s.tags.map((t) => t.name).join("、")}`,
    "正文：",
    ...s.body.map((b) => (b.type === "paragraph" ? b.text : b.type === "subhead" ? `【小标题】${b.text}` : `【图片】${b.caption}（${b.credit}）`)),
  ];
  return lines.join("\n");
}
