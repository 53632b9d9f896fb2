import "server-only";
import { unstable_rethrow } from "next/navigation";
import { DomainError } from "@/lib/core/errors";
import type { FormState } from "@/lib/actions/form-state";

/** A refusal becomes a message for the user; a bug is logged and reported generically. */
export function failureOf(e: unknown): Pick<FormState, "message" | "fieldErrors" | "code"> {
  unstable_rethrow(e);
  if (e instanceof DomainError) return { message: e.message, fieldErrors: e.fieldErrors, code: e.code };
  console.error(e);
  return { message: "服务器出错了，你的内容仍在页面上，请稍后再试", fieldErrors: {} };
}

/** Runs a mutation and turns refusals into form state; redirects and real bugs pass through. */
export async function runFormAction(run: () => Promise<Partial<FormState> & { message: string }>): Promise<FormState> {
  try {
    const result = await run();
    return { ok: true, fieldErrors: {}, at: Date.now(), ...result };
  } catch (e) {
    return { ok: false, at: Date.now(), ...failureOf(e) };
  }
}
