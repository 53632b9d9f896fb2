import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import Redis from "ioredis";
import { cacheHandlerOver } from "@/lib/platform/cache/next-cache-handler.mjs";
import { memoryStore, redisStore } from "@/lib/platform/cache/stores.mjs";

// The Next cache handler against the machine's real Redis (TEST_REDIS_URL, default 127.0.0.1:6379),
// each app instance played by a fresh copy of the module: two instances share nothing but Redis.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `newsroom-test-${process.pid}-${Date.now()}`;
type Handler = {
  get(key: string, ctx?: object): Promise<{ value: unknown; lastModified: number } | null>;
  set(key: string, value: unknown, ctx?: object): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
};

/** A build folder as `next build` leaves it: its id beside the server code the handler is given. */
function buildFolder(id: string): string {
  const dist = mkdtempSync(path.join(os.tmpdir(), "newsroom-cache-"));
  mkdirSync(path.join(dist, "server"));
  writeFileSync(path.join(dist, "BUILD_ID"), id);
  return path.join(dist, "server");
}

/** A new app instance: its own connection to the store, Redis or a map of its own. */
function instance(env: { REDIS_URL?: string }, build = "build-1"): Handler {
  const Handler = cacheHandlerOver(() => (env.REDIS_URL ? redisStore(env.REDIS_URL, prefix) : memoryStore()));
  return new Handler({ serverDistDir: buildFolder(build) }) as Handler;
}

function page(html: string, tags: string[], status = 200) {
  return {
    kind: "APP_PAGE",
    html,
    rscData: Buffer.from(`rsc:${html}`),
    segmentData: new Map([["/_tree", Buffer.from("tree")]]),
    headers: { "x-next-cache-tags": tags.join(",") },
    status,
    postponed: undefined,
  };
}
const pageCtx = { kind: "APP_PAGE", cacheControl: { revalidate: 3600, expire: 31536000 } };

describe("shared cache over Redis", () => {
  let a: Handler;
  let b: Handler;
  beforeAll(async () => {
    a = instance({ REDIS_URL });
    b = instance({ REDIS_URL });
  });
  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it("serves a page stored by one instance from another, Buffers and Maps intact", async () => {
    await a.set("/stories/s1", page("<h1>秋粮入仓</h1>", ["reader", "_N_T_/layout"]), pageCtx);
    const got = await b.get("/stories/s1", { kind: "APP_PAGE" });
    const value = got?.value as ReturnType<typeof page>;
    expect(value.html).toBe("<h1>秋粮入仓</h1>");
    expect(Buffer.isBuffer(value.rscData) && value.rscData.toString()).toBe("rsc:<h1>秋粮入仓</h1>");
    expect(value.segmentData.get("/_tree")?.toString()).toBe("tree");
  });

  it("a tag revalidated on one instance is a miss on the other at its next request", async () => {
    await a.set("/stories/s2", page("old", ["reader"]), pageCtx);
    await a.set("/tags/x", page("other", ["unrelated"]), pageCtx);
    expect(await b.get("/stories/s2", { kind: "APP_PAGE" })).not.toBeNull();
    await a.revalidateTag(["reader"], { expire: 0 });
    expect(await b.get("/stories/s2", { kind: "APP_PAGE" })).toBeNull();
    expect(await b.get("/tags/x", { kind: "APP_PAGE" })).not.toBeNull();
    // What is rendered after the revalidation is kept again.
    await new Promise((r) => setTimeout(r, 5));
    await b.set("/stories/s2", page("new", ["reader"]), pageCtx);
    expect(((await a.get("/stories/s2", { kind: "APP_PAGE" }))?.value as { html: string }).html).toBe("new");
  });

  it("a cached query is dropped by the tags it was cached with", async () => {
    const query = { kind: "FETCH", data: { body: "[1,2]", headers: {}, status: 200, url: "" }, revalidate: 3600, tags: ["reader"] };
    await a.set("query-key", query, { fetchCache: true, tags: ["reader"] });
    expect(await b.get("query-key", { kind: "FETCH", tags: ["reader"], softTags: [] })).not.toBeNull();
    await b.revalidateTag("reader", { expire: 0 });
    expect(await a.get("query-key", { kind: "FETCH", tags: ["reader"], softTags: [] })).toBeNull();
  });

  it("a revalidation with a later expiry serves the entry as stale until then", async () => {
    await a.set("/calendar", page("cal", ["calendar"]), pageCtx);
    await new Promise((r) => setTimeout(r, 5));
    await a.revalidateTag("calendar", { expire: 3600 });
    const got = await b.get("/calendar", { kind: "APP_PAGE" });
    expect(got).not.toBeNull();
    // Made to look old, so Next renders it again in the background.
    expect(got!.lastModified).toBe(1);
  });

  it("keeps no answer about nothing, and every entry expires", async () => {
    await a.set("/stories/made-up", page("找不到", ["reader"], 404), pageCtx);
    expect(await b.get("/stories/made-up", { kind: "APP_PAGE" })).toBeNull();
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}:e:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const ttl = await redis.ttl(key);
        expect(ttl, key).toBeGreaterThan(0);
        expect(ttl, key).toBeLessThanOrEqual(24 * 3600);
      }
    } finally {
      redis.disconnect();
    }
  });

  it("keeps entries per build, so a new build never serves an old build's pages", async () => {
    await a.set("/issues/2026-11-27", page("build one", ["reader"]), pageCtx);
    const next = instance({ REDIS_URL }, "build-2");
    expect(await next.get("/issues/2026-11-27", { kind: "APP_PAGE" })).toBeNull();
    // Tags are shared by both builds: a publication reaches old and new instances alike.
    await next.set("/issues/2026-11-27", page("build two", ["reader"]), pageCtx);
    await a.revalidateTag("reader", { expire: 0 });
    expect(await next.get("/issues/2026-11-27", { kind: "APP_PAGE" })).toBeNull();
  });

  // Redis never comes back in these two: a handler that held page requests until it did would never
  // answer, and vitest would fail the test at its timeout. No clock is read.
  it("answers a miss when nothing listens where Redis should be", async () => {
    const down = instance({ REDIS_URL: "redis://127.0.0.1:1" });
    expect(await down.get("/stories/s1", { kind: "APP_PAGE" })).toBeNull();
    await down.set("/stories/s1", page("x", ["reader"]), pageCtx);
    expect(await down.get("/stories/s1", { kind: "APP_PAGE" })).toBeNull();
  });

  it("answers a miss when Redis takes the connection and never replies", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const hung = instance({ REDIS_URL: `redis://127.0.0.1:${(silent.address() as AddressInfo).port}` });
      expect(await hung.get("/stories/s1", { kind: "APP_PAGE" })).toBeNull();
      await hung.set("/stories/s1", page("x", ["reader"]), pageCtx);
      expect(await hung.get("/stories/s1", { kind: "APP_PAGE" })).toBeNull();
    } finally {
      silent.close();
    }
  });
});

describe("local cache without Redis", () => {
  it("keeps pages in this process and drops them by tag", async () => {
    const local = instance({});
    await local.set("/", page("home", ["reader"]), pageCtx);
    expect(await local.get("/", { kind: "APP_PAGE" })).not.toBeNull();
    await local.revalidateTag("reader", { expire: 0 });
    expect(await local.get("/", { kind: "APP_PAGE" })).toBeNull();
    await local.set("/stories/nothing", page("找不到", ["reader"], 404), pageCtx);
    expect(await local.get("/stories/nothing", { kind: "APP_PAGE" })).toBeNull();
  });
});
