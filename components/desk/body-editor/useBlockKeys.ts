"use client";
import { useRef } from "react";
import type { BodyBlock } from "@/lib/stories/body";

// A counter, not crypto.randomUUID: that exists only on https or localhost, and desks use plain http inside.
let lastKey = 0;
const newBlockKey = () => `block-${++lastKey}`;

/** New client-side keys for `count` blocks inserted at `at`; keys never travel to the server. */
export function keysWithInserted(keys: string[], at: number, count: number) {
  const added = Array.from({ length: count }, newBlockKey);
  return { keys: [...keys.slice(0, at), ...added, ...keys.slice(at)], added };
}

/**
 * A client-side key per body block, so a moved block keeps its textarea (and what the browser
 * knows about it: focus, undo). The keys never reach the saved body, whose shape stays as
 * lib/stories/body.ts defines it.
 */
export function useBlockKeys(blocks: BodyBlock[], onChange: (blocks: BodyBlock[]) => void) {
  const known = useRef<{ blocks: BodyBlock[]; keys: string[] } | null>(null);
  if (known.current?.blocks !== blocks) {
    // Typing keeps the count and so the keys; a body from elsewhere (a restored copy) gets new ones.
    const keep = known.current && known.current.keys.length === blocks.length;
    known.current = { blocks, keys: keep ? known.current!.keys : blocks.map(newBlockKey) };
  }
  /** Hands a changed body up, with the keys its blocks now have, in the same order. */
  const commit = (next: BodyBlock[], keys: string[]) => {
    known.current = { blocks: next, keys };
    onChange(next);
  };
  /** The body and keys as last rendered: for changes that land later (an upload finishing) than the render that began them. */
  const latest = () => known.current!;
  return { keys: known.current.keys, commit, latest };
}
