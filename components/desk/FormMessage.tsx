import type { Ref } from "react";
import type { FormState } from "@/lib/actions/form-state";

// The form's overall answer, announced to screen readers; a form may move the focus to it (ref).
export function FormMessage({ state, ref }: { state: FormState; ref?: Ref<HTMLDivElement> }) {
  if (!state.message) return <div aria-live="polite" ref={ref} tabIndex={-1} />;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      data-testid="form-message"
      role={state.ok ? "status" : "alert"}
      aria-live="polite"
      className={`rounded border p-3 text-sm ${state.ok ? "border-green-600 bg-green-50 text-green-900" : "border-red-600 bg-red-50 text-red-900"}`}
    >
      {state.message}
    </div>
  );
}

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700" aria-live="polite">
      {errors?.join("；")}
    </p>
  );
}
