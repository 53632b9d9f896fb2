import "server-only";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { requireUser, type SessionUser } from "@/lib/core/session";
import { DomainError, invalid } from "@/lib/core/errors";
import { localPath } from "@/lib/core/redirects";
import { RECORD_ID } from "@/lib/core/ids";
import { flashParams } from "@/lib/core/flash";
import type { FormState } from "@/lib/actions/form-state";

// Every Server Action is a public POST endpoint that anyone can call with any arguments. The two
// wrappers here are the only way the desk defines one: they name the signed-in user, check the
// arguments' shape with a schema before lib/ sees them, and turn refusals into an answer the
// form shows. A malformed call is refused like bad input; it never reaches the database and never
// becomes a server error. lib/ still decides who may do what.

/** An id as the database makes them (cuid); anything else cannot name a record. */
export const recordId = z.string().regex(RECORD_ID, { message: "请求格式不正确" });
/** A version number a save was based on. */
export const versionNumber = z.coerce.number().int().min(0).max(2 ** 31 - 1);

const MALFORMED = "请求格式不正确，请刷新页面后再试";

/** A refusal becomes a message for the user; a bug is logged and reported generically. */
export function failureOf(e: unknown): Pick<FormState, "message" | "fieldErrors" | "code"> {
  unstable_rethrow(e);
  if (e instanceof DomainError) return { message: e.message, fieldErrors: e.fieldErrors, code: e.code };
  console.error(e);
  return { message: "服务器出错了，你的内容仍在页面上，请稍后再试", fieldErrors: {} };
}

// A schema here checks only the shape (a form field is a string, an id looks like an id): what a
// value may be, and the message when it is not, is lib/'s to say, once. So a mismatch can only
// come from a forged or outdated request, and is answered as one.
function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(MALFORMED);
  return parsed.data;
}

/** A form's fields as plain strings (files are not sent through actions). */
function formFields(form: unknown): Record<string, string> {
  if (!(form instanceof FormData)) throw invalid(MALFORMED);
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === "string") fields[name] ??= value;
  return fields;
}

export type FormOutcome = Partial<Omit<FormState, "ok" | "fieldErrors" | "at">> & {
  message: string;
  /** Where the browser goes after success; the message rides along as ?done=. Same-site paths only. */
  redirectTo?: string;
};

type FormOptions<I> = {
  /** Adds to a refusal what the form needs to recover (e.g. the current text after a stale save). */
  onRefused?: (state: FormState, input: I | undefined, user: SessionUser | undefined) => Promise<FormState>;
};

/**
 * A form's Server Action: `deskAction(schema, async (input, user) => ({ message }))`.
 * The schema reads the form's string fields; the desk's pages are refreshed after every call.
 */
export function deskAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, user: SessionUser) => Promise<FormOutcome>,
  options: FormOptions<z.output<S>> = {},
): (previous: FormState, form: FormData) => Promise<FormState> {
  return async (_previous, form) => {
    let input: z.output<S> | undefined;
    let user: SessionUser | undefined;
    let redirectTo: string | undefined;
    let state: FormState;
    try {
      user = await requireUser();
      input = parse(schema, formFields(form));
      const { redirectTo: target, ...outcome } = await handler(input, user);
      redirectTo = target;
      state = { ok: true, fieldErrors: {}, at: Date.now(), ...outcome };
    } catch (e) {
      state = { ok: false, at: Date.now(), ...failureOf(e) };
    }
    revalidatePath("/desk", "layout");
    if (state.ok && redirectTo) {
      const target = new URL(localPath(redirectTo), "http://desk.invalid");
      for (const [name, value] of Object.entries(flashParams(state.message))) target.searchParams.set(name, value);
      redirect(target.pathname + target.search);
    }
    return options.onRefused && !state.ok ? options.onRefused(state, input, user) : state;
  };
}

/**
 * An action called from code rather than a form (locks, autosave): its arguments are checked as a
 * tuple, and a refusal is turned into the caller's own answer shape by `refused`.
 */
export function deskCall<A extends unknown[], I extends unknown[], R>(
  args: z.ZodType<A, I>,
  handler: (user: SessionUser, ...input: A) => Promise<R>,
  refused: (failure: ReturnType<typeof failureOf>, input: A | undefined) => R | Promise<R>,
): (...input: I) => Promise<R> {
  return async (...raw) => {
    let input: A | undefined;
    try {
      const user = await requireUser();
      input = parse(args, raw);
      return await handler(user, ...input);
    } catch (e) {
      return refused(failureOf(e), input);
    }
  };
}
