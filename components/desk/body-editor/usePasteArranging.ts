"use client";

import { useState, type ClipboardEvent } from "react";
import type { BodyBlock } from "@/lib/stories/body";
import { isMultiLinePaste, parsePastedBody, type PastedBody } from "@/lib/import/paste";
import { keysWithInserted } from "@/components/desk/body-editor/useBlockKeys";

type Keyed = { blocks: BodyBlock[]; keys: string[] };

/**
 * Text pasted into an empty paragraph in several lines (from a PDF, an e-paper, a message) goes
 * through the copy parser: broken lines joined, subheads recognised (lib/import/paste.ts). One
 * click puts back what was pasted, as it was. `latest` and `commit` are the body editor's
 * (useBlockKeys); `focus` moves the cursor into a block by its key.
 */
export function usePasteArranging(latest: () => Keyed, commit: (blocks: BodyBlock[], keys: string[]) => void, focus: (key: string) => void) {
  // The last paste the parser arranged: its blocks' keys, the raw text, and the blocks as it made them.
  const [lastPaste, setLastPaste] = useState<{ keys: string[]; raw: string; summary: string; asArranged: string } | null>(null);

  /** A paste into the paragraph whose key is `key` (found in the body as it is now, not as a render saw it). */
  function pasteIntoParagraph(key: string, e: ClipboardEvent<HTMLTextAreaElement>) {
    const text = e.clipboardData.getData("text/plain");
    const { blocks, keys } = latest();
    const i = keys.indexOf(key);
    const current = blocks[i];
    if (!isMultiLinePaste(text) || current?.type !== "paragraph" || current.text.trim() !== "") return;
    e.preventDefault();
    const pasted = parsePastedBody(text);
    const { keys: withPasted, added } = keysWithInserted(keys.filter((_, j) => j !== i), i, pasted.blocks.length);
    commit([...blocks.slice(0, i), ...pasted.blocks, ...blocks.slice(i + 1)], withPasted);
    setLastPaste({ keys: added, raw: text.replace(/\r\n/g, "\n").trim(), summary: pasteSummary(pasted), asArranged: JSON.stringify(pasted.blocks) });
  }

  function undoPaste() {
    if (!lastPaste) return;
    const now = latest();
    // Typing done since the paste would go with it: only after a yes.
    const arranged = now.keys.flatMap((k, j) => (lastPaste.keys.includes(k) ? [now.blocks[j]] : []));
    if (JSON.stringify(arranged) !== lastPaste.asArranged && !window.confirm("粘贴后这几段已有修改，恢复原样粘贴会丢掉这些修改。继续吗？")) return;
    const at = now.keys.findIndex((k) => lastPaste.keys.includes(k));
    const kept = now.keys.map((k, j) => [k, now.blocks[j]] as const).filter(([k]) => !lastPaste.keys.includes(k));
    const where = at < 0 ? kept.length : at;
    const [key] = keysWithInserted([], 0, 1).added;
    commit(
      [...kept.slice(0, where).map(([, b]) => b), { type: "paragraph", text: lastPaste.raw }, ...kept.slice(where).map(([, b]) => b)],
      [...kept.slice(0, where).map(([k]) => k), key, ...kept.slice(where).map(([k]) => k)],
    );
    setLastPaste(null);
    focus(key);
  }

  return { lastPaste, pasteIntoParagraph, undoPaste, dismissPaste: () => setLastPaste(null) };
}

function pasteSummary({ paragraphs, subheads, joinedLines }: PastedBody): string {
  const parts = [`${paragraphs} 段`, subheads ? `${subheads} 个小标题` : "", joinedLines ? `接上了 ${joinedLines} 处断行` : ""].filter(Boolean);
  return `已按报纸格式整理粘贴的文字：${parts.join("，")}。`;
}
