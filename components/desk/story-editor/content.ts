import type { StoryDraft } from "@/lib/stories/schema";

export type Content = StoryDraft;
// The form's content is the draft's fields (lib/stories/schema.ts says which, once).
export { contentOf } from "@/lib/stories/schema";
