import type { PhotoBlock } from "@/lib/stories/body";
import type { PhotoSize } from "@/lib/reader/queries";
import type { ReaderCredit } from "@/lib/stories/content";
import { PhotoImage } from "@/components/reader/PhotoImage";
import { PhotoCredit } from "@/components/reader/LinkedNames";

// A photo with its caption and credit; width and height are given so the page does not jump.
/** `credits`: the story's people, to link the photographer's name (the story page has them, the printed page does not link). */
export function StoryPhoto({ block, size, sizes = "(max-width: 768px) 100vw, 720px", priority = false, credits }: { block: PhotoBlock; size?: PhotoSize; sizes?: string; priority?: boolean; credits?: readonly ReaderCredit[] }) {
  return (
    <figure className="my-4 break-inside-avoid">
      <PhotoImage photo={block} size={size} sizes={sizes} priority={priority} className="h-auto w-full" />
      <figcaption className="mt-2 text-sm leading-relaxed text-stone-700">
        {block.caption}
        {block.credit && <span className="ml-2 text-stone-600">{credits ? <PhotoCredit credit={block.credit} credits={credits} /> : block.credit}</span>}
      </figcaption>
    </figure>
  );
}
