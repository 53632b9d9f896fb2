import type { StoryDraft } from "@/lib/stories/schema";

export type Content = StoryDraft;

// Exactly the fields the form edits, in a fixed order, so two copies compare as JSON.
export function contentOf(s: Content): Content {
  const { kind, kicker, headline, subheadline, byline, contributors, bylineEdited, dateline, body, tags } = s;
  return { kind, kicker, headline, subheadline, byline, contributors, bylineEdited, dateline, body, tags };
}
