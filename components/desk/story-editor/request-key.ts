import type { FormAction } from "@/lib/actions/form-state";

// Every save and note is sent with a key of its own. When no answer comes (an instance lost
// mid-request, a cut connection), the change may have been applied all the same: the same
// request sent again carries the same key, and the server answers it as it answered the first.

/** The form field the key travels in. */
export const REQUEST_KEY_FIELD = "requestKey";

/** 128 random bits, URL-safe (crypto.getRandomValues also works on plain http, randomUUID does not). */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export type RequestKeys = { keyFor(request: string): string; answered(key: string): void };

/**
 * Hands out keys for one sender: a request identical to one still without an answer gets that
 * one's key; anything else, or anything after an answer came, a new one.
 */
export function requestKeys(): RequestKeys {
  let unanswered: { request: string; key: string } | null = null;
  return {
    keyFor(request: string): string {
      if (unanswered?.request !== request) unanswered = { request, key: newRequestKey() };
      return unanswered.key;
    },
    /** An answer came (a confirmation or a refusal): the next request is a new one. */
    answered(key: string) {
      if (unanswered?.key === key) unanswered = null;
    },
  };
}

/**
 * A form's action that sends a key with the form: the same fields again, unanswered, the same key.
 * `keys` belongs to the form (kept across renders: the action itself arrives anew with each one).
 */
export function withRequestKey(action: FormAction, keys: RequestKeys): FormAction {
  return async (state, form) => {
    form.delete(REQUEST_KEY_FIELD);
    const fields = JSON.stringify([...form.entries()].filter(([, value]) => typeof value === "string"));
    const key = keys.keyFor(fields);
    form.set(REQUEST_KEY_FIELD, key);
    // Throws when no answer came: the key is kept for the retry.
    const answer = await action(state, form);
    keys.answered(key);
    return answer;
  };
}
