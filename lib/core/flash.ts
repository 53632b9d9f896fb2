import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/platform/env";

// A confirmation carried over a redirect (?done=…&seal=…). It is shown in the desk's own green
// banner, so only messages the server wrote are shown: each carries a seal made with the
// installation's secret, and a link someone else wrote ("?done=账号已冻结，请联系…") shows nothing.

function seal(message: string): string {
  return createHmac("sha256", env().NEXTAUTH_SECRET).update(`flash:${message}`).digest("base64url").slice(0, 22);
}

/** The query parameters that carry `message` to the next page. */
export function flashParams(message: string): Record<string, string> {
  return { done: message, seal: seal(message) };
}

/** The confirmation in a page's query, if the server wrote it. */
export function readFlash(query: { done?: string | string[]; seal?: string | string[] }): string | undefined {
  const { done, seal: given } = query;
  if (typeof done !== "string" || typeof given !== "string") return undefined;
  const expected = Buffer.from(seal(done));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? done : undefined;
}
