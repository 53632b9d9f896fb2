// Types for next-cache-handler.mjs (plain JS: Next loads it itself, outside the TypeScript build).
import type { CacheStore } from "./stores.mjs";

export interface SharedCacheHandler {
  get(key: string, ctx?: object): Promise<{ value: unknown; lastModified: number; cacheControl?: unknown } | null>;
  set(key: string, value: unknown, ctx?: object): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}
export function cacheHandlerOver(openStore: () => CacheStore): new (ctx: { serverDistDir?: string }) => SharedCacheHandler;
declare const handler: new (ctx: { serverDistDir?: string }) => SharedCacheHandler;
export default handler;
export const KEYS_HEADER: string;
