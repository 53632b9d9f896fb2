// Types for stores.mjs (plain JS: Next loads the cache handler itself, outside the TypeScript build).
export type TagTimes = { stale?: number; expired?: number };
export type CacheEntry = { value: unknown; lastModified: number; tags: string[]; cacheControl?: unknown };
export type CacheStore = {
  getEntry(key: string): Promise<CacheEntry | null>;
  setEntry(key: string, entry: CacheEntry, ttlSeconds: number): Promise<void>;
  tagTimes(tags: string[]): Promise<(TagTimes | null)[]>;
  markTags(tags: string[], times: TagTimes): Promise<void>;
  close(): Promise<void>;
};
export function memoryStore(): CacheStore;
export function redisStore(url: string, prefix: string): CacheStore;
export function onceAMinute(): (line: string) => void;
export function processStore(): CacheStore;
export function closeProcessStore(): Promise<void>;
