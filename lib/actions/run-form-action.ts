import "server-only";
import { unstable_rethrow } from "next/navigation";
import { DomainError } from "@/lib/errors";
import type { FormState } from "@/lib/actions/form-state";

/** Runs a mutation and turns refusals into form state; redirects and real bugs pass through. */
export async function runFormAction(run: () => Promise<Partial<FormState> & { message: string }>): Promise<FormState> {
  try {
    const result = await run();
    return { ok: true, fieldErrors: {}, at: Date.now(), ...result };
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof DomainError) {
      return { ok: false, message: e.message, fieldErrors: e.fieldErrors, code: e.code, at: Date.now() };
    }
    console.error(e);
    return { ok: false, message: "服务器出错了，你的内容仍在页面上，请稍后再试", fieldErrors: {}, at: Date.now() };
  }
}
