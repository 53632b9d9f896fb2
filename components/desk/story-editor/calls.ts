import type { FormAction, FormState, StoryAsSaved } from "@/lib/actions/form-state";
import type { LockView } from "@/lib/stories/lock-rules";

// What the story editor asks of the server, apart from the editor so its hooks and the page that
// hands the actions over read the types without importing the editor.

/** What taking or keeping a lock answers; taking one also brings the story as it is now. */
export type LockAnswer =
  | (LockView & { version?: number; current?: StoryAsSaved })
  | { error: string };

/** The Server Actions the editor calls, handed over by the page that shows it. */
export type StoryEditorCalls = {
  save: FormAction;
  autosave: (storyId: string | null, baseVersion: number, content: unknown, slotId: string | null, requestKey: string) => Promise<FormState>;
  acquireLock: (storyId: string) => Promise<LockAnswer>;
  renewLock: (storyId: string) => Promise<LockAnswer>;
  takeOverLock: (storyId: string) => Promise<LockAnswer>;
  releaseLock: (storyId: string) => Promise<void>;
  markRead: (storyId: string) => Promise<void>;
};
