import type { PhotoBlock } from "@/lib/stories/body";
import type { PhotoSize } from "@/lib/issues/layout";
import { photoUrl } from "@/lib/format";

/**
 * A story photo as an image: three widths to choose from, its space reserved from its size so the
 * page does not jump, fetched early only where it is the first thing seen.
 */
export function PhotoImage({ photo, size, sizes, className, priority = false }: { photo: Pick<PhotoBlock, "photoId" | "caption" | "altText">; size?: PhotoSize; sizes: string; className: string; priority?: boolean }) {
  return (
    <img
      src={photoUrl(photo.photoId, "w960")}
      srcSet={`${photoUrl(photo.photoId, "w480")} 480w, ${photoUrl(photo.photoId, "w960")} 960w, ${photoUrl(photo.photoId, "w1600")} 1600w`}
      sizes={sizes}
      width={size?.width ?? 960}
      height={size?.height ?? 640}
      alt={photo.altText || photo.caption}
      loading={priority ? "eager" : "lazy"}
      fetchPriority={priority ? "high" : "auto"}
      decoding="async"
      draggable={false}
      className={`bg-stone-200 ${className}`}
    />
  );
}
