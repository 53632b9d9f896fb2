"use client";

import { useActionState, useEffect, useMemo, useState } from "react";
import { idle, keepingTheForm, type FormAction } from "@/lib/actions/form-state";
import { FieldError } from "@/components/desk/FormMessage";
import { requestKeys, withRequestKey } from "@/components/desk/story-editor/request-key";

export function NoteForm({ storyId, action: noteAction }: { storyId: string; action: FormAction }) {
  // A note sent again after its answer was lost goes with the same key: it is not added twice.
  const [keys] = useState(requestKeys);
  const [state, action, pending] = useActionState(useMemo(() => keepingTheForm(withRequestKey(noteAction, keys)), [noteAction, keys]), idle);
  const [text, setText] = useState("");
  useEffect(() => {
    if (state.ok) setText("");
  }, [state]);
  return (
    <form action={action} className="mt-3 space-y-2">
      <input type="hidden" name="storyId" value={storyId} />
      <label className="block">
        <span className="label">留言</span>
        <textarea name="note" className="input min-h-16 text-sm" value={text} onChange={(e) => setText(e.target.value)} aria-describedby="note-error" />
      </label>
      <FieldError id="note" errors={state.ok ? undefined : state.fieldErrors.note ?? (state.message ? [state.message] : undefined)} />
      <button type="submit" className="btn btn-sm" disabled={pending}>发送留言</button>
    </form>
  );
}
