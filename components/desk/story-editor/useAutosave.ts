"use client";
import { useEffect, useRef, useState } from "react";
import { idle, type FormState } from "@/lib/actions/form-state";
import type { StoryEditorCalls } from "@/components/desk/story-editor/calls";
import { newRequestKey, RESEND_AFTER_MS } from "./request-key";

/** How long typing must pause before the draft is saved by itself. */
const AUTOSAVE_AFTER_MS = 3000;

/** The wait before an unanswered autosave is sent again: growing, then every half minute while the server stays out of reach. */
const resendAfter = (resends: number) => RESEND_AFTER_MS[resends - 1] ?? 30_000;

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
  // An autosave that got no answer may have been saved all the same: it is sent again, with its
  // key, before anything newer (which would name a version the first may have replaced), waiting
  // longer each time; until it has an answer the form counts as saving.
  const unanswered = useRef<{ storyId: string | null; version: number; content: string; slotId: string | null; key: string } | null>(null);
  const [resends, setResends] = useState(0);

  useEffect(() => {
    const resend = unanswered.current;
    if (autosaving || (!resend && (!dirty || !allowed || serialized === refused))) return;
    const request = resend ?? { storyId, version, content: serialized, slotId, key: newRequestKey() };
    const timer = setTimeout(() => {
      setAutosaving(true);
      void server.autosave(request.storyId, request.version, JSON.parse(request.content), request.slotId, request.key)
        .then((answer) => {
          unanswered.current = null;
          setResends(0);
          setAutoState(answer);
          saved.current(answer, request.content);
          // A busy server is worth another try; a refusal waits for the content to change.
          setRefused(!answer.ok && answer.code !== "busy" ? request.content : null);
          if (!answer.ok && answer.code === "locked") lockLost.current(answer.message);
        })
        // Not delivered (network, an instance lost, or refused before the action ran): the text stays here and in the browser copy.
        .catch(() => {
          unanswered.current = request;
          setResends((n) => n + 1);
          setAutoState({ ok: false, at: Date.now(), message: "自动保存没有送达服务器，内容仍在本页和浏览器里，稍后会再试", fieldErrors: {} });
        })
        .finally(() => setAutosaving(false));
    }, resend ? resendAfter(resends) : AUTOSAVE_AFTER_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serialized, dirty, allowed, autosaving, refused, storyId, version, slotId, resends]);

  return { autoState, setAutoState, autosaving: autosaving || resends > 0 };
}
