import "server-only";
import { env } from "@/lib/platform/env";

// The front cache (Varnish, deploy/varnish/newsroom.vcl) keeps reader pages and public photo files
// for an hour, each with keys naming what it shows. After a change the app purges the keys of what
// changed (PURGE with X-Purge-Keys), proving itself by address and FRONT_CACHE_SECRET. Without
// FRONT_CACHE_URL there is no front cache and nothing to do.

/** A front cache that does not answer within this is taken as down (the purge job tries again later). */
const PURGE_TIMEOUT_MS = 3000;

/** Keys per request: Varnish takes request headers of up to 8 KB. */
const KEYS_PER_HEADER_CHARS = 4000;

/** Splits keys into space-separated lists that each fit a header. */
export function keyHeaders(keys: string[]): string[] {
  const lists: string[] = [];
  let current = "";
  for (const key of new Set(keys)) {
    if (current && current.length + 1 + key.length > KEYS_PER_HEADER_CHARS) {
      lists.push(current);
      current = "";
    }
    current = current ? `${current} ${key}` : key;
  }
  if (current) lists.push(current);
  return lists;
}

/**
 * Drops from the front cache every answer carrying one of these keys; resolves with how many went.
 * Throws when the cache refuses or cannot be reached, so the purge job is retried until it is done.
 */
export async function purgeFrontCache(keys: string[], base = env().FRONT_CACHE_URL, secret = env().FRONT_CACHE_SECRET): Promise<number> {
  if (!base || keys.length === 0) return 0;
  let purged = 0;
  for (const list of keyHeaders(keys)) {
    let response: Response;
    try {
      response = await fetch(new URL("/", base), {
        method: "PURGE",
        headers: { "X-Purge-Keys": list, "X-Purge-Secret": secret ?? "" },
        signal: AbortSignal.timeout(PURGE_TIMEOUT_MS),
      });
    } catch (error) {
      // fetch says only "fetch failed"; the cause names what happened (ECONNREFUSED, a timeout).
      const cause = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
      throw new Error(`前端缓存 ${base} 无法访问（${cause}）`);
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`前端缓存 ${base} 拒绝了清除请求：${response.status} ${text.slice(0, 200)}`);
    purged += Number(/Purged (\d+)/.exec(text)?.[1] ?? 0);
  }
  return purged;
}
