import "server-only";
import { after } from "next/server";
import { env } from "@/lib/platform/env";

// The front cache (Varnish, deploy/varnish/newsroom.vcl) keeps reader pages and public photo files
// for an hour; after a publication, correction or withdrawal the app tells it to drop them with a
// BAN request to FRONT_CACHE_URL. Without FRONT_CACHE_URL there is no front cache and nothing to do.

/** A front cache that does not answer within this is given up on: a publication never waits on it. */
const BAN_TIMEOUT_MS = 2000;

/**
 * Why a second ban: a page the front cache fetched from the app just before Next dropped its own
 * copy may arrive just after the first ban, old, and stay an hour. One second later it is gone too.
 */
const SECOND_BAN_AFTER_MS = 1000;

/**
 * Drops every cached reader page and public photo file from the front cache at `base`
 * (FRONT_CACHE_URL). True once the cache confirmed, or when there is none. Failures are logged,
 * never thrown.
 */
export async function banFrontCache(base = env().FRONT_CACHE_URL): Promise<boolean> {
  if (!base) return true;
  try {
    const response = await fetch(new URL("/", base), { method: "BAN", signal: AbortSignal.timeout(BAN_TIMEOUT_MS) });
    const text = await response.text();
    if (response.ok) return true;
    console.error(`[front-cache] BAN ${base} answered ${response.status}: ${text.slice(0, 200)}`);
  } catch (error) {
    // fetch says only "fetch failed"; the cause names what happened (ECONNREFUSED, a timeout).
    const cause = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
    console.error(`[front-cache] BAN ${base} failed (${cause}); its reader pages stay until they expire`);
  }
  return false;
}

/**
 * Bans the front cache once this request's response is finished, and again a second later.
 * The order matters: Next drops its own cached pages (revalidateTag, revalidatePath) at the end of
 * a Server Action or route handler; a ban before that would let the front cache fetch the old page
 * again. `after` callbacks run once the response is sent, when those have been applied.
 */
export function banFrontCacheAfterResponse(): void {
  if (!env().FRONT_CACHE_URL) return;
  after(async () => {
    await banFrontCache();
    await new Promise((resolve) => setTimeout(resolve, SECOND_BAN_AFTER_MS));
    await banFrontCache();
  });
}
