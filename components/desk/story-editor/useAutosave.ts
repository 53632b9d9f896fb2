"use client";
import { useEffect, useRef, useState } from "react";
import { idle, type FormState } from "@/lib/actions/form-state";
import type { StoryEditorCalls } from "@/components/desk/StoryEditor";
import { requestKeys } from "./request-key";

/** How long typing must pause before the draft is saved by itself. */
const AUTOSAVE_AFTER_MS = 3000;

/**
 * Autosave: a few seconds after typing stops, while this person holds the story and nothing
 * (an explicit save, a comparison waiting for a decision) stands in the way. Content the server
 * refused is not sent again until it changes.
 */
export function useAutosave({
  serialized,
  dirty,
  allowed,
  storyId,
  version,
  slotId,
  server,
  onSaved,
  onLockLost,
}: {
  /** The form's content as JSON, exactly what an autosave sends. */
  serialized: string;
  dirty: boolean;
  allowed: boolean;
  storyId: string | null;
  version: number;
  slotId: string | null;
  server: StoryEditorCalls;
  onSaved: (answer: FormState, sentJson: string) => void;
  onLockLost: (message: string) => void;
}) {
  const [autoState, setAutoState] = useState<FormState>(idle);
  const [autosaving, setAutosaving] = useState(false);
  // The content the server last refused (invalid, not allowed): sending it again would only be refused again.
  const [refused, setRefused] = useState<string | null>(null);
  const saved = useRef(onSaved);
  saved.current = onSaved;
  const lockLost = useRef(onLockLost);
  lockLost.current = onLockLost;
  // An autosave retried after its answer was lost is the same request: same key, the first answer.
  const [keys] = useState(requestKeys);

  useEffect(() => {
    if (!dirty || !allowed || autosaving || serialized === refused) return;
    const timer = setTimeout(() => {
      const sent = serialized;
      const key = keys.keyFor(JSON.stringify([storyId, version, sent, slotId]));
      setAutosaving(true);
      void server.autosave(storyId, version, JSON.parse(sent), slotId, key)
        .then((answer) => {
          keys.answered(key);
          setAutoState(answer);
          saved.current(answer, sent);
          // A busy server is worth another try; a refusal waits for the content to change.
          setRefused(!answer.ok && answer.code !== "busy" ? sent : null);
          if (!answer.ok && answer.code === "conflict" && /正由/.test(answer.message)) lockLost.current(answer.message);
        })
        // Not delivered (network, or refused before the action ran): the text stays here and in the browser copy.
        .catch(() => setAutoState({ ok: false, at: Date.now(), message: "自动保存没有送达服务器，内容仍在本页和浏览器里，稍后会再试", fieldErrors: {} }))
        .finally(() => setAutosaving(false));
    }, AUTOSAVE_AFTER_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serialized, dirty, allowed, autosaving, refused, storyId, version, slotId]);

  return { autoState, setAutoState, autosaving };
}
