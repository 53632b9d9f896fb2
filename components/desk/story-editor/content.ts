import type { StoryDraft, StoryKind } from "@/lib/stories/schema";

export type Content = StoryDraft;

// Exactly the fields the form edits, in a fixed order, so two copies compare as JSON.
export function contentOf(s: Content): Content {
  const { kind, kicker, headline, subheadline, byline, contributors, bylineEdited, dateline, body, tags } = s;
  return { kind, kicker, headline, subheadline, byline, contributors, bylineEdited, dateline, body, tags };
}

/**
 * A new kind for the form. A 组图 is credited by its photos: the filer's name that a new story
 * offers as its byline is taken away when it becomes one, unless it was changed since.
 */
export function withKind(c: Content, kind: StoryKind, offered: Content["contributors"] | null): Content {
  const untouched = offered !== null && !c.bylineEdited && JSON.stringify(c.contributors) === JSON.stringify(offered);
  if (kind === "PHOTO_STORY" && untouched) return { ...c, kind, contributors: [], byline: "" };
  return { ...c, kind };
}
