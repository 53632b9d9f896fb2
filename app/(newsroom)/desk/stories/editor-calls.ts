import type { StoryEditorCalls } from "@/components/desk/story-editor/calls";
import {
  acquireLockAction,
  autosaveAction,
  markStoryReadAction,
  releaseLockAction,
  renewLockAction,
  storyFormAction,
  takeOverLockAction,
} from "./actions";

// The story editor's Server Actions, in the shape the editor takes them as a prop.
export const storyEditorCalls: StoryEditorCalls = {
  save: storyFormAction,
  autosave: autosaveAction,
  acquireLock: acquireLockAction,
  renewLock: renewLockAction,
  takeOverLock: takeOverLockAction,
  releaseLock: releaseLockAction,
  markRead: markStoryReadAction,
};
