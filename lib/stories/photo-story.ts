import type { BodyBlock, PhotoBlock, StoryBody } from "@/lib/stories/body";

// 组图 (a photo story): a headline, an introduction and an ordered set of photos, each with its own
// caption and credit. The page, the phone's headline list and the story page all read it from here.

export function photosOf(body: readonly BodyBlock[]): PhotoBlock[] {
  return body.filter((b): b is PhotoBlock => b.type === "photo");
}

/** The introduction: everything of the body that is not a photo, in its order. */
export function introOf(body: StoryBody): StoryBody {
  return body.filter((b) => b.type !== "photo");
}

/** The badge a 组图 carries wherever only its cover shows. */
export function photoSetLabel(count: number): string {
  return `组图 共${count}幅`;
}

/** 图①, 图②: how a printed 组图 ties a caption to its photo (circled numbers go to ⑳). */
export function photoMark(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `(${n})`;
}
