import "server-only";
import { processStore } from "@/lib/platform/cache/stores.mjs";

/**
 * Expires every entry of Next's cache tagged with one of these keys, on every instance (they share
 * the store), from outside a request: Next's own revalidateTag works only inside one, and a purge
 * job runs on its own. Throws when the store cannot be reached, so the job is tried again.
 */
export async function expireCacheKeys(keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const now = Date.now();
  await processStore().markTags(keys, { stale: now, expired: now });
}
