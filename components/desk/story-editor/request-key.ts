import type { FormAction } from "@/lib/actions/form-state";

// Every save and note is sent with a key of its own. When no answer comes (an instance lost
// mid-request, a cut connection), the change may have been applied all the same: the same
// request is sent again with the same key, and the server answers it as it answered the first.

/** The form field the key travels in. */
export const REQUEST_KEY_FIELD = "requestKey";

/** The waits before a request without an answer is sent again by itself, growing: the front cache needs a few seconds to leave a lost instance out. */
export const RESEND_AFTER_MS = [1_000, 2_000, 4_000, 8_000];

/** 128 random bits, URL-safe (crypto.getRandomValues also works on plain http, randomUUID does not). */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export type RequestKeys = {
  keyFor(request: string): string;
  answered(key: string): void;
  /** Whether a request is still without an answer (the next one must not pretend it was not sent). */
  waiting(): boolean;
};

/**
 * Hands out keys for one sender: a request identical to one still without an answer gets that
 * one's key; anything else, or anything after an answer came, a new one.
 */
export function requestKeys(): RequestKeys {
  let unanswered: { request: string; key: string } | null = null;
  return {
    keyFor(request) {
      if (unanswered?.request !== request) unanswered = { request, key: newRequestKey() };
      return unanswered.key;
    },
    answered(key) {
      if (unanswered?.key === key) unanswered = null;
    },
    waiting: () => unanswered !== null,
  };
}

/** Next's own ways for an action to end (a redirect, not found) carry a digest: they are answers. */
const isAnswer = (e: unknown) => typeof e === "object" && e !== null && "digest" in e;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A form's action that sends a key with the form, and sends the same request again, with the
 * same key, while no answer comes (a few times, waiting longer each time); then gives up by
 * throwing, and the same fields sent later still go with that key.
 * `keys` belongs to the form (kept across renders: the action itself arrives anew with each one).
 */
export function withRequestKey(action: FormAction, keys: RequestKeys): FormAction {
  return async (state, form) => {
    form.delete(REQUEST_KEY_FIELD);
    const fields = JSON.stringify([...form.entries()].filter(([, value]) => typeof value === "string"));
    const key = keys.keyFor(fields);
    form.set(REQUEST_KEY_FIELD, key);
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await action(state, form);
        keys.answered(key);
        return answer;
      } catch (e) {
        if (isAnswer(e)) keys.answered(key);
        if (isAnswer(e) || attempt >= RESEND_AFTER_MS.length) throw e;
        await pause(RESEND_AFTER_MS[attempt]);
      }
    }
  };
}
