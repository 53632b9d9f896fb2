import Link from "next/link";
import type { ReactNode } from "react";
import type { PhotoSet, PhotoSize } from "@/lib/issues/layout";
import { photoSetGridColumns } from "@/lib/issues/layout";
import { photoMark, photoSetLabel } from "@/lib/stories/photo-story";
import { PhotoImage } from "@/components/reader/PhotoImage";

// A 组图 on the printed page and in the phone's headline list: its photos in a grid when the block
// is wide enough, else its cover with the count, so a set never passes for a single photo.

type Sizes = Record<string, PhotoSize>;

/** The first photo with 组图 共N幅 on it; a link to the whole set where the page links at all. */
/** `lines`: on the printed page, the cover is cut to that many body lines (the layout's count); elsewhere it keeps its shape. */
export function PhotoSetCover({ set, sizes, href, imageSizes, priority = false, lines }: { set: PhotoSet; sizes: Sizes; href?: string; imageSizes: string; priority?: boolean; lines?: number }) {
  const cover = set.photos[0];
  const picture = (
    <>
      <PhotoImage photo={cover} size={sizes[cover.photoId]} sizes={imageSizes} priority={priority} className={lines ? `lines-${lines} w-full object-cover` : "h-auto w-full"} />
      <span className="photo-set-badge absolute left-2 top-2 bg-masthead px-2 py-0.5 text-xs font-semibold text-white">{photoSetLabel(set.count)}</span>
    </>
  );
  return (
    <figure className={`photo-set-cover relative break-inside-avoid ${lines ? "" : "my-2"}`}>
      {href ? <Link href={href} className="block">{picture}</Link> : picture}
    </figure>
  );
}

/**
 * The cover across the block, the rest in even rows below it, each marked ①②… for its caption.
 * The cover and each row are cut to whole body lines (the layout's count), 4:3 for the small ones.
 */
export function PhotoSetGrid({ set, sizes, priority = false, coverLines, rowLines }: { set: PhotoSet; sizes: Sizes; priority?: boolean; coverLines: number; rowLines: number }) {
  const [cover, ...rest] = set.photos;
  const columns = photoSetGridColumns(rest.length) === 2 ? "grid-cols-2" : "grid-cols-3";
  return (
    <div className="photo-set-grid" role="group" aria-label={photoSetLabel(set.count)}>
      <MarkedPhoto n={1} className={`lines-${coverLines}`}>
        <PhotoImage photo={cover} size={sizes[cover.photoId]} sizes="(min-width: 1024px) 640px, 100vw" priority={priority} className="h-full w-full object-cover" />
      </MarkedPhoto>
      <div className={`photo-set-row grid ${columns}`}>
        {rest.map((photo, i) => (
          // The small ones are cut to one shape so the rows stay even, as a page editor crops them.
          <MarkedPhoto key={photo.photoId + i} n={i + 2} className={`lines-${rowLines}`}>
            <PhotoImage photo={photo} size={sizes[photo.photoId]} sizes="(min-width: 1024px) 220px, 33vw" className="h-full w-full object-cover" />
          </MarkedPhoto>
        ))}
      </div>
    </div>
  );
}

function MarkedPhoto({ n, children, className = "" }: { n: number; children: ReactNode; className?: string }) {
  return (
    <figure className={`relative ${className}`}>
      {children}
      <span aria-hidden="true" className="absolute left-1 top-1 bg-white/90 px-1 text-sm font-semibold leading-tight text-ink">{photoMark(n)}</span>
    </figure>
  );
}

/** 图① caption credit, for each photo the grid prints, set with the introduction's text. */
export function PhotoSetCaptions({ set }: { set: PhotoSet }) {
  return (
    <>
      {set.photos.map((photo, i) => (
        <p key={photo.photoId + i} className="photo-set-caption">
          <span className="font-semibold">图{photoMark(i + 1)}</span> {photo.caption}
          {photo.credit && <span className="ml-1 text-stone-600">{photo.credit}</span>}
        </p>
      ))}
    </>
  );
}
