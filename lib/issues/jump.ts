import type { StoryBody } from "@/lib/stories/body";
import { visibleLength } from "@/lib/stories/body";
import { SIZE_RULES, type SizeClass } from "@/lib/issues/page-plan";

// 转版: where a story set to continue on another page breaks. Both pages ask the same question
// with the same answer, so the part on the first page and the rest always meet.

const textOf = (block: StoryBody[number]) => (block.type === "photo" ? block.caption : block.text);

/**
 * Where a jumping story breaks: as many blocks as fit the size's share of the page, at least one
 * paragraph on each side. The same rule on both pages, so the halves always meet.
 */
export function splitForJump(body: StoryBody, size: SizeClass, capacity: number): { here: StoryBody; rest: StoryBody } {
  const budget = SIZE_RULES[size].textShare * capacity;
  let used = 0;
  let cut = 0;
  for (const [i, block] of body.entries()) {
    used += visibleLength(textOf(block));
    if (used > budget && body.slice(0, i).some((b) => b.type === "paragraph")) break;
    cut = i + 1;
  }
  // Keep something to continue with.
  if (cut >= body.length) cut = Math.max(1, body.length - 1);
  return { here: body.slice(0, cut), rest: body.slice(cut) };
}

