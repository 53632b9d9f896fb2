"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type PointerEvent as ReactPointerEvent } from "react";
import type { PhotoBlock } from "@/lib/stories/body";
import type { PhotoSize } from "@/lib/issues/layout";
import type { ReaderCredit } from "@/lib/stories/content";
import { photoUrl } from "@/lib/format";
import { photoSetLabel } from "@/lib/stories/photo-story";
import { PhotoImage } from "@/components/reader/PhotoImage";
import { PhotoCredit } from "@/components/reader/LinkedNames";

// A 组图 on its story page: one photo large at a time with its caption, credit and "3 / 8".
// The HTML alone is a strip that scrolls sideways (its scrollbar shows), every photo and caption
// in it, with thumbnails that jump by anchor; once scripts run, buttons, arrow keys and swipes move through it. Both look
// the same, so nothing shifts when the page wakes up.

/** A swipe is a sideways move at least this long, and clearly more sideways than down. */
const SWIPE_MIN_PX = 40;

const BUTTON = "pointer-events-auto flex h-11 w-11 items-center justify-center rounded-full bg-white/90 pb-1 text-3xl leading-none text-ink shadow hover:bg-white disabled:opacity-30";

const noSubscription = () => () => {};

/** True once the page runs in a browser with scripts (false while rendered on the server). */
function useScripted(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/** Keys typed into a field are the reader's, not the gallery's. */
function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

export function Gallery({ photos, sizes, credits }: { photos: PhotoBlock[]; sizes: Record<string, PhotoSize>; credits: readonly ReaderCredit[] }) {
  const scripted = useScripted();
  const strip = useRef<HTMLOListElement>(null);
  const swipe = useRef<{ id: number; x: number; y: number } | null>(null);
  const [current, setCurrent] = useState(0);
  const count = photos.length;

  const goTo = useCallback(
    (index: number) => {
      const el = strip.current;
      if (!el) return;
      const to = Math.min(Math.max(index, 0), count - 1);
      const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      // The slide's own position, to the fraction of a pixel: clientWidth is rounded, and
      // index × clientWidth drifts a pixel a slide, showing a sliver of the one before.
      const slide = el.children[to] as HTMLElement | undefined;
      const left = slide ? el.scrollLeft + slide.getBoundingClientRect().left - el.getBoundingClientRect().left : to * el.clientWidth;
      el.scrollTo({ left, behavior: still ? "auto" : "smooth" });
      setCurrent(to);
    },
    [count],
  );

  // Where the strip comes to rest is the truth: a trackpad or a resized window moves it too.
  const onScrollEnd = () => {
    const el = strip.current;
    if (el && el.clientWidth > 0) setCurrent(Math.min(Math.max(Math.round(el.scrollLeft / el.clientWidth), 0), count - 1));
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || typingIn(e.target)) return;
      if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
      e.preventDefault();
      goTo(current + (e.key === "ArrowRight" ? 1 : -1));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [current, goTo]);

  // Fingers and pens swipe; a mouse selects caption text, and has the buttons and keys.
  const onPointerDown = (e: ReactPointerEvent) => {
    if (e.isPrimary && e.pointerType !== "mouse") swipe.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
  };
  const onPointerUp = (e: ReactPointerEvent) => {
    const start = swipe.current;
    swipe.current = null;
    if (!start || start.id !== e.pointerId) return;
    const dx = e.clientX - start.x;
    const dy = e.clientY - start.y;
    if (Math.abs(dx) >= SWIPE_MIN_PX && Math.abs(dx) > 1.5 * Math.abs(dy)) goTo(current + (dx < 0 ? 1 : -1));
  };

  return (
    <section aria-label={photoSetLabel(count)} className="photo-gallery my-6">
      <div className="relative">
        <ol
          ref={strip}
          id="gallery-photos"
          tabIndex={0}
          aria-label="组图照片，可左右滑动"
          onScrollEnd={onScrollEnd}
          onPointerDown={onPointerDown}
          onPointerUp={onPointerUp}
          onPointerCancel={() => (swipe.current = null)}
          // With scripts, sideways moves on a touch screen are ours (a swipe); up and down still scroll the page.
          className={`flex snap-x snap-mandatory overflow-x-auto overscroll-x-contain [scrollbar-width:thin] focus-visible:outline-2 focus-visible:outline-masthead ${scripted ? "touch-pan-y" : ""}`}
        >
          {photos.map((photo, i) => (
            <li key={`${photo.photoId}-${i}`} id={`photo-${i + 1}`} className="w-full shrink-0 snap-center snap-always" aria-current={scripted && i === current ? "true" : undefined}>
              <figure>
                <div className="flex aspect-[4/3] items-center justify-center bg-stone-200 sm:aspect-[3/2]">
                  <PhotoImage photo={photo} size={sizes[photo.photoId]} sizes="(min-width: 768px) 768px, 100vw" priority={i === 0} className="h-full w-full object-contain" />
                </div>
                <figcaption className="mt-2 text-sm leading-relaxed text-stone-700">
                  <span className="mr-2 font-semibold tabular-nums text-masthead">
                    {i + 1} / {count}
                  </span>
                  {photo.caption}
                  {photo.credit && (
                    <span className="ml-2 text-stone-600">
                      <PhotoCredit credit={photo.credit} credits={credits} />
                    </span>
                  )}
                </figcaption>
              </figure>
            </li>
          ))}
        </ol>
        {scripted && count > 1 && (
          // Laid over the photo (same shape as its frame), so their arrival moves nothing.
          <div className="pointer-events-none absolute inset-x-0 top-0 flex aspect-[4/3] items-center justify-between px-2 sm:aspect-[3/2]">
            <button type="button" aria-label="上一幅" aria-controls="gallery-photos" disabled={current === 0} onClick={() => goTo(current - 1)} className={BUTTON}>
              <span aria-hidden="true">‹</span>
            </button>
            <button type="button" aria-label="下一幅" aria-controls="gallery-photos" disabled={current === count - 1} onClick={() => goTo(current + 1)} className={BUTTON}>
              <span aria-hidden="true">›</span>
            </button>
          </div>
        )}
      </div>
      <p aria-live="polite" className="sr-only">
        {scripted ? `第${current + 1}幅，共${count}幅` : ""}
      </p>
      {count > 1 && (
        <nav aria-label="组图缩略图" className="mt-3">
          <ol className="flex gap-2 overflow-x-auto pb-1">
            {photos.map((photo, i) => {
              const size = sizes[photo.photoId];
              return (
                <li key={`${photo.photoId}-${i}`} className="shrink-0">
                  <a
                    href={`#photo-${i + 1}`}
                    aria-label={`第${i + 1}幅`}
                    aria-current={scripted && i === current ? "true" : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      goTo(i);
                    }}
                    className={`block border-2 ${scripted && i === current ? "border-masthead" : "border-transparent"}`}
                  >
                    <img src={photoUrl(photo.photoId, "w480")} width={size?.width ?? 480} height={size?.height ?? 320} alt="" loading={i < 6 ? "eager" : "lazy"} decoding="async" className="h-14 w-auto bg-stone-200" />
                  </a>
                </li>
              );
            })}
          </ol>
        </nav>
      )}
    </section>
  );
}
