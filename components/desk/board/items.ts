import type { SlotBlock, StoryBlock } from "@/lib/issues/layout";
import type { SizeClass } from "@/lib/issues/page-plan";
import type { BoardPage } from "@/components/desk/board/types";

// The items an editor arranges on a page, in the page's order (the lead first): its own stories
// and slots. Continuations from other pages (上接) are shown on the page but moved with their story.
export type BoardItem = {
  placementId: string;
  title: string;
  size: SizeClass;
  isLead: boolean;
  block: StoryBlock | SlotBlock;
};

export function itemsOfPage(page: BoardPage): BoardItem[] {
  return page.view.layout.blocks.flatMap((block) => {
    if (block.type === "reserved" || (block.type === "story" && block.continuedFrom)) return [];
    const title = block.type === "story" ? `《${block.story.headline || "图片新闻"}》` : `计划稿“${block.topic}”`;
    return [{ placementId: block.placementId, title, size: block.size, isLead: block.isLead, block }];
  });
}
