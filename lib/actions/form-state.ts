import type { DomainError, FieldErrors } from "@/lib/core/errors";
import type { StoryDraft } from "@/lib/stories/schema";

// What every form's Server Action answers: a message, per-field errors, and anything the
// form needs to carry on (a new id or version). The form keeps what the user typed.
export type FormState = {
  ok: boolean;
  message: string;
  fieldErrors: FieldErrors;
  code?: DomainError["code"];
  storyId?: string;
  version?: number;
  status?: string;
  at?: number;
  /** On a refused stale save: what the story holds now, shown beside the user's own text. */
  current?: StoryAsSaved;
};

/** A story as it was last saved, and by whom (you: the person asking, e.g. in another window). */
export type StoryAsSaved = { content: StoryDraft; version: number; updatedAt: string; savedBy?: { name: string; you: boolean } | null };

export const idle: FormState = { ok: false, message: "", fieldErrors: {} };

/** A form's Server Action as components receive it (as a prop, from the page that owns it). */
export type FormAction = (state: FormState, form: FormData) => Promise<FormState>;

/**
 * The action as a form calls it in the browser: when the request itself fails (the network, or a
 * refusal by the proxy before the action ran), the form gets a message instead of an error page,
 * and keeps everything typed.
 */
export function keepingTheForm(action: FormAction): FormAction {
  return async (state, form) => {
    try {
      return await action(state, form);
    } catch {
      return { ok: false, at: Date.now(), message: "没有送达服务器（网络中断或内容过大），你的内容仍在页面上，请稍后再试", fieldErrors: {} };
    }
  };
}
