import type { DomainError, FieldErrors } from "@/lib/errors";

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
};

export const idle: FormState = { ok: false, message: "", fieldErrors: {} };
