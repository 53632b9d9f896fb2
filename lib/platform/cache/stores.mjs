// Where the shared cache keeps its entries and its tags' revalidation times.
import { deserialize, serialize } from "node:v8";
import { LRUCache } from "lru-cache";
import Redis from "ioredis";

/**
 * @typedef {{ stale?: number, expired?: number }} TagTimes
 * @typedef {{ value: unknown, lastModified: number, tags: string[], cacheControl?: unknown }} CacheEntry
 * @typedef {{
 *   getEntry(key: string): Promise<CacheEntry | null>,
 *   setEntry(key: string, entry: CacheEntry, ttlSeconds: number): Promise<void>,
 *   tagTimes(tags: string[]): Promise<(TagTimes | null)[]>,
 *   markTags(tags: string[], times: TagTimes): Promise<void>,
 *   close(): Promise<void>,
 * }} CacheStore
 */

/** Cached pages hold Buffers and Maps (RSC payloads, segments): V8's own format keeps them as they are. */
const encode = (entry) => serialize(entry);
const decode = (bytes) => deserialize(bytes);

/** At most this much of this process's memory for cached pages and queries when there is no Redis. */
const MEMORY_BYTES = 128 * 1024 * 1024;

const READY_WAIT_MS = 1000;

/** A logger that writes one line a minute at most: an outage must not log a line per request. */
export function onceAMinute() {
  let last = 0;
  return (line) => {
    if (Date.now() - last < 60_000) return;
    last = Date.now();
    console.error(line);
  };
}

/** @returns {CacheStore} */
export function memoryStore() {
  const entries = new LRUCache({ maxSize: MEMORY_BYTES, sizeCalculation: (bytes) => bytes.length || 1, ttlAutopurge: false });
  const tags = new Map();
  return {
    async getEntry(key) {
      const bytes = entries.get(key);
      return bytes ? decode(bytes) : null;
    },
    async setEntry(key, entry, ttlSeconds) {
      const bytes = encode(entry);
      if (bytes.length <= MEMORY_BYTES / 8) entries.set(key, bytes, { ttl: ttlSeconds * 1000 });
    },
    async tagTimes(list) {
      return list.map((t) => tags.get(t) ?? null);
    },
    async markTags(list, times) {
      for (const t of list) tags.set(t, { ...tags.get(t), ...times });
    },
    async close() {
      entries.clear();
    },
  };
}

/**
 * Entries under `<prefix>:e:<key>` with an expiry, tag times in the hash `<prefix>:tags`.
 * Commands fail at once while Redis is unreachable (no queue that would hold page requests):
 * the handler takes a failure as a miss and the page is rendered from the database.
 * @returns {CacheStore}
 */
export function redisStore(url, prefix) {
  const redis = new Redis(url, {
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
    lazyConnect: false,
  });
  const logError = onceAMinute();
  redis.on("error", (e) => logError(`[cache] redis: ${e.message}`));
  // Commands wait for a connection being made (the first requests after a start), at most
  // READY_WAIT_MS; after a failed wait, for a few seconds they fail at once.
  let unreachableUntil = 0;
  async function connected() {
    if (redis.status === "ready") return redis;
    if (Date.now() < unreachableUntil) throw new Error("redis unreachable");
    const ready = await Promise.race([
      new Promise((resolve) => redis.once("ready", () => resolve(true))),
      new Promise((resolve) => setTimeout(resolve, READY_WAIT_MS, false).unref()),
    ]);
    if (!ready) {
      unreachableUntil = Date.now() + 5000;
      throw new Error("redis unreachable");
    }
    return redis;
  }
  const entryKey = (key) => `${prefix}:e:${key}`;
  const tagsKey = `${prefix}:tags`;
  return {
    async getEntry(key) {
      const bytes = await (await connected()).getBuffer(entryKey(key));
      return bytes ? decode(bytes) : null;
    },
    async setEntry(key, entry, ttlSeconds) {
      await (await connected()).set(entryKey(key), encode(entry), "EX", Math.max(1, Math.round(ttlSeconds)));
    },
    async tagTimes(list) {
      const values = await (await connected()).hmget(tagsKey, ...list);
      return values.map((v) => (v ? JSON.parse(v) : null));
    },
    async markTags(list, times) {
      await (await connected()).hset(tagsKey, Object.fromEntries(list.map((t) => [t, JSON.stringify(times)])));
    },
    async close() {
      redis.disconnect();
    },
  };
}

/**
 * This process's store, as the app's settings choose it: Redis with REDIS_URL (shared by every
 * instance), else a bounded map. One per process, whoever asks: Next loads the cache handler by
 * itself and the app's bundled code (purges, lib/platform/cache/expire.ts) imports this file as a
 * separate copy, and both must see the same map.
 * @returns {CacheStore}
 */
export function processStore() {
  const slot = Symbol.for("newsroom.cache.store");
  globalThis[slot] ??= process.env.REDIS_URL ? redisStore(process.env.REDIS_URL, process.env.CACHE_PREFIX ?? "newsroom") : memoryStore();
  return globalThis[slot];
}

/** Closes this process's store if it was opened (scripts that end when their work is done). */
export async function closeProcessStore() {
  const slot = Symbol.for("newsroom.cache.store");
  await globalThis[slot]?.close();
  delete globalThis[slot];
}
