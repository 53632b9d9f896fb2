import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { appPort, env } from "@/lib/platform/env";

// Next drops cached reader pages only inside a request. Work done outside one (a scheduled release
// run by the job queue) asks its own app instance to do it, over loopback, with a header only the
// installation's secret can make; the route (app/api/internal/reader-refresh) checks it.

export const READER_REFRESH_HEADER = "x-newsroom-reader-refresh";
export const READER_REFRESH_PATH = "/api/internal/reader-refresh";

/** How long a signed request stays good: a copied header cannot be replayed later. */
const VALID_FOR_MS = 60_000;

/** The header value for a call made at `at` (ms since the epoch). */
export function signReaderRefresh(at: number): string {
  return `${at}.${createHmac("sha256", env().NEXTAUTH_SECRET).update(`reader-refresh:${at}`).digest("base64url")}`;
}

/** Whether a request's header was made with this installation's secret within the last minute (compared in constant time). */
export function isReaderRefreshSignature(given: string | null, now = Date.now()): boolean {
  const at = Number(given?.split(".")[0]);
  if (!given || !Number.isSafeInteger(at) || Math.abs(now - at) > VALID_FOR_MS) return false;
  const expected = Buffer.from(signReaderRefresh(at));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Asks this instance's server to refresh reader pages. A job run at start-up may come before the
 * server listens, so a refused connection is tried again, for up to `withinMs`: the release is
 * already out, and a worker waiting here holds up the jobs behind it. True once the server confirmed.
 */
export async function requestReaderRefresh(withinMs = 15_000): Promise<boolean> {
  const url = `http://127.0.0.1:${appPort()}${READER_REFRESH_PATH}`;
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      const response = await fetch(url, { method: "POST", headers: { [READER_REFRESH_HEADER]: signReaderRefresh(Date.now()) }, signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())) });
      if (response.ok) return true;
      console.error(`[reader-refresh] ${url} answered ${response.status}`);
      return false;
    } catch {
      if (Date.now() + 500 >= deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  console.error(`[reader-refresh] nothing answered at ${url}; reader pages refresh when their cache expires`);
  return false;
}
