// Next's incremental cache (reader pages and the reader's cached queries) in one place that every
// app instance shares: Redis when REDIS_URL is set, else a bounded map in this process (a single
// instance, `npm start`'s default). Next loads this file itself (next.config.js `cacheHandler`)
// and makes a new handler per request, so the stores live at module level.
//
// What Next leaves to a handler, and this one does:
// - tags: Next remembers revalidated tags only in the process that revalidated them. Here a tag's
//   revalidation time is kept in the store; an entry older than one of its tags' times is a miss,
//   on every instance, from the next request on.
// - bounds: reader addresses are typed by anyone; an answer about nothing (a 404 page) is never
//   kept, every entry expires within a day, and the local map holds at most MEMORY_BYTES.
// - builds: entries are kept per build (pages name the build's script files); tags are shared by
//   all builds, so a publication reaches instances of an old and a new build during a rollout.
import { readFileSync } from "node:fs";
import path from "node:path";
import { onceAMinute, processStore } from "./stores.mjs";
import { readerPolicyFor } from "./page-scripts.mjs";

const DAY_SECONDS = 24 * 60 * 60;

/** The build an instance serves, read once per build folder. */
const buildIds = new Map();
function buildIdOf(serverDistDir) {
  if (!buildIds.has(serverDistDir)) {
    let id = "dev";
    try {
      id = readFileSync(path.join(serverDistDir, "..", "BUILD_ID"), "utf8").trim();
    } catch {
      // `next dev` has no build id.
    }
    buildIds.set(serverDistDir, id);
  }
  return buildIds.get(serverDistDir);
}

/** True while `next build` prerenders: nothing it makes is kept (the build may not see the real data). */
const building = () => process.env.NEXT_PHASE === "phase-production-build";

/** Tags an entry depends on: those of a cached query, or those a rendered page or route collected. */
function tagsOf(value, ctx) {
  const tags = new Set([...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])]);
  if (value?.kind === "FETCH") for (const t of value.tags ?? []) tags.add(t);
  const header = value?.headers?.["x-next-cache-tags"];
  if (typeof header === "string") for (const t of header.split(",")) if (t) tags.add(t);
  return [...tags];
}

/** The header that carries a page's keys (what it shows) to the front cache's xkey (deploy/varnish). */
export const KEYS_HEADER = "x-reader-keys";


/**
 * Names a page's keys in a header of its own: the tags its cached queries collected, without Next's
 * implicit path tags. Next sends a cached page's stored headers with it, and the page it is answering
 * with right now is this same object, so the first answer carries them too.
 */
function nameKeys(value) {
  const header = value?.headers?.["x-next-cache-tags"];
  if (typeof header !== "string") return;
  const keys = header.split(",").filter((t) => t && !t.startsWith("_N_T_"));
  if (keys.length) value.headers[KEYS_HEADER] = keys.join(" ");
}

/**
 * A rendered page's own policy, naming its inline scripts by hash (page-scripts.mjs). Browsers apply
 * it beside the lenient one next.config.js sends every reader page, and a script must pass both.
 */
function namePolicy(value) {
  if (value?.kind === "APP_PAGE" && typeof value.html === "string" && value.headers) value.headers["content-security-policy"] = readerPolicyFor(value.html);
}

/** Answers about nothing are not kept: a made-up address must not cost an entry. */
function worthKeeping(value) {
  if (!value) return false;
  if ((value.kind === "APP_PAGE" || value.kind === "APP_ROUTE") && value.status >= 400) return false;
  return true;
}

/**
 * A Next cache handler class over one store. Next makes an instance per request; all of them
 * share the store (one Redis connection, or one map, per app instance).
 * @param {() => import("./stores.mjs").CacheStore} openStore
 */
export function cacheHandlerOver(openStore) {
  /** @type {import("./stores.mjs").CacheStore | undefined} */
  let store;
  const sharedStore = () => (store ??= openStore());
  return class SharedCacheHandler {
    constructor(ctx) {
      this.build = buildIdOf(ctx.serverDistDir ?? path.join(process.cwd(), ".next", "server"));
    }

    key(key) {
      return `${this.build}:${key}`;
    }

    async get(key, ctx) {
      if (building()) return null;
      try {
        const entry = await sharedStore().getEntry(this.key(key));
        if (!entry) return null;
        const tags = [...new Set([...entry.tags, ...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])])];
        const times = tags.length ? await sharedStore().tagTimes(tags) : [];
        const now = Date.now();
        // Expired by a tag: gone for everyone. Stale by a tag: served once more while Next renders
        // it again in the background (it judges staleness by age, so the entry is made to look old).
        if (times.some((t) => t && t.expired !== undefined && t.expired <= now && t.expired >= entry.lastModified)) return null;
        const stale = times.some((t) => t && t.stale !== undefined && t.stale >= entry.lastModified);
        return { value: entry.value, lastModified: stale ? 1 : entry.lastModified, cacheControl: entry.cacheControl };
      } catch (e) {
        // A cache that cannot answer is a miss: the page is rendered from the database.
        warn("get", e);
        return null;
      }
    }

    async set(key, value, ctx) {
      nameKeys(value);
      namePolicy(value);
      if (building() || !worthKeeping(value)) return;
      const cacheControl = ctx?.fetchCache ? undefined : ctx?.cacheControl;
      // A page lives until its route's expire time; a query twice its revalidate time (search answers:
      // minutes, so what readers type does not pile up).
      const expire = typeof cacheControl?.expire === "number" ? cacheControl.expire : typeof value.revalidate === "number" ? value.revalidate * 2 : DAY_SECONDS;
      try {
        await sharedStore().setEntry(this.key(key), { value, lastModified: Date.now(), tags: tagsOf(value, ctx), cacheControl }, Math.min(expire, DAY_SECONDS));
      } catch (e) {
        warn("set", e);
      }
    }

    /** `revalidateTag(tag, { expire: 0 })` expires at once; with a profile, entries turn stale now and expire later. */
    async revalidateTag(tags, durations) {
      const list = typeof tags === "string" ? [tags] : tags;
      if (!list.length) return;
      const now = Date.now();
      const times = durations ? { stale: now, expired: now + (durations.expire ?? 0) * 1000 } : { stale: now, expired: now };
      await sharedStore().markTags(list, times);
    }

    resetRequestCache() {}
  };
}

export default cacheHandlerOver(processStore);

const logWarning = onceAMinute();
const warn = (what, e) => logWarning(`[cache] ${what} failed: ${e instanceof Error ? e.message : e}`);
