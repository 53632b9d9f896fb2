"use client";

import { useActionState, useMemo, useTransition } from "react";
import { idle, keepingTheForm, type FormState } from "@/lib/actions/form-state";

// A small form bound to one Server Action, with hidden fields and a visible answer. It submits by
// hand rather than through the form's action attribute, because React resets a form after such
// an action, and a refused form must keep what was typed.
export function ActionForm({
  action,
  hidden,
  children,
  className = "",
  confirm,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  children: React.ReactNode;
  className?: string;
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(useMemo(() => keepingTheForm(action), [action]), idle);
  const [, startTransition] = useTransition();
  return (
    <form
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
        startTransition(() => formAction(data));
      }}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset disabled={pending} className="contents">
        {children}
      </fieldset>
      {state.message && (
        <span role={state.ok ? "status" : "alert"} className={`ml-2 text-sm ${state.ok ? "text-green-800" : "text-red-700"}`}>
          {state.message}
          {Object.values(state.fieldErrors).flat().length > 0 && `：${Object.values(state.fieldErrors).flat().join("；")}`}
        </span>
      )}
    </form>
  );
}
