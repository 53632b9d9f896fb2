import type { PhotoBlock } from "@/lib/stories/body";
import type { PhotoSize } from "@/lib/reader/queries";
import { photoUrl } from "@/lib/format";

// A photo with its caption and credit; width and height are given so the page does not jump.
export function StoryPhoto({ block, size, sizes = "(max-width: 768px) 100vw, 720px", priority = false }: { block: PhotoBlock; size?: PhotoSize; sizes?: string; priority?: boolean }) {
  return (
    <figure className="my-4 break-inside-avoid">
      <img
        src={photoUrl(block.photoId, "w960")}
        srcSet={`${photoUrl(block.photoId, "w480")} 480w, ${photoUrl(block.photoId, "w960")} 960w, ${photoUrl(block.photoId, "w1600")} 1600w`}
        sizes={sizes}
        width={size?.width ?? 960}
        height={size?.height ?? 640}
        alt={block.altText || block.caption}
        loading={priority ? "eager" : "lazy"}
        fetchPriority={priority ? "high" : "auto"}
        decoding="async"
        className="h-auto w-full bg-stone-200"
      />
      <figcaption className="mt-2 text-sm leading-relaxed text-stone-700">
        {block.caption}
        {block.credit && <span className="ml-2 text-stone-500">{block.credit}</span>}
      </figcaption>
    </figure>
  );
}
