import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import http from "node:http";
import { freePort, request } from "../support/http";
import { frontCacheVcl, startFrontCache, varnishMissing, VCL_TEMPLATE, type FrontCache } from "@/scripts/front-cache.mjs";

// The front cache as it runs: real varnishd with the generated VCL, in front of a small HTTP
// server standing in for the app that counts what reaches it. CI installs varnish (.ci/run).

type Seen = { path: string; method: string; cookie?: string };
const seen: Seen[] = [];
const hits = (path: string) => seen.filter((s) => s.path === path).length;

const SECRET = "front-cache-test-secret-0123456789abcdef";
/** What Next 16 sends with a page: its answer depends on its router's headers. */
const NEXT_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";
const ROUTER_HEADERS = ["next-router-prefetch", "next-router-segment-prefetch", "next-router-state-tree", "next-url"];

/** The stand-in app: answers like the real one does for each kind of address. */
function app(request: http.IncomingMessage, response: http.ServerResponse) {
  const path = request.url ?? "/";
  if (path === "/api/health") return response.end('{"ok":true}');
  seen.push({ path, method: request.method ?? "", cookie: request.headers.cookie });
  const send = (status: number, headers: Record<string, string>, body = `${request.method} ${path}`) => {
    response.writeHead(status, headers);
    response.end(body);
  };
  // Next's router: a page's data at the page's address. Next checks _rsc against a hash of the
  // router headers and redirects to the right one, without Vary (what poisoned the cache).
  if (request.headers.rsc === "1") {
    const url = new URL(path, "http://app");
    const expected = ROUTER_HEADERS.map((h) => String(request.headers[h] ?? "0")).join(",").length.toString(36);
    if (url.searchParams.get("_rsc") !== expected) {
      url.searchParams.set("_rsc", expected);
      return send(307, { Location: url.pathname + url.search });
    }
    return send(200, { "Content-Type": "text/x-component", Vary: NEXT_VARY, "x-reader-keys": `reader story:${url.pathname.split("/")[2] ?? "front"}` }, `RSC ${path}`);
  }
  const keys = (list: string) => ({ "x-reader-keys": list });
  if (path.startsWith("/api/photos/public/")) return send(200, { "Content-Type": "image/webp", "Cache-Control": "public, max-age=86400" });
  if (path.startsWith("/api/photos/")) return send(200, { "Content-Type": "image/webp", "Cache-Control": "private, no-store" });
  if (path.startsWith("/_next/static/")) return send(200, { "Cache-Control": "public, max-age=31536000, immutable" });
  if (path.endsWith("/withdrawn")) return send(410, { "Content-Type": "text/html", "Cache-Control": "public, max-age=60" }, "稿件已撤回");
  // A withdrawn story's page sends its readers to the 410 (pages cannot answer 410 themselves).
  if (path === "/stories/gone") return send(307, { Location: "/stories/gone/withdrawn", "Cache-Control": "s-maxage=3600, stale-while-revalidate=31532400" });
  if (path === "/stories/missing" || path === "/issues/2099-01-01") return send(404, { "Content-Type": "text/html", "Cache-Control": "s-maxage=3600, stale-while-revalidate=31532400", ...keys("reader") });
  if (path === "/stories/broken") return send(500, { "Content-Type": "text/html" });
  // A story page names what it shows besides itself: its issue, its people.
  // Dynamic pages today: not for shared caches, and with a cookie (the cache keeps them all the same).
  const dynamicPage = { "Content-Type": "text/html", Vary: NEXT_VARY, "Cache-Control": "private, no-cache, no-store, max-age=0, must-revalidate", "Set-Cookie": "tracking=1; Path=/" };
  if (path.startsWith("/stories/")) return send(200, { ...dynamicPage, ...keys(`reader story:${path.split(/[/?]/)[2]} issue:2024-01-02 author:zhang`) });
  if (path.startsWith("/tags/")) return send(200, { "Content-Type": "text/html", Vary: NEXT_VARY, ...keys("reader tag:%E7%A7%8B%E6%94%B6 story:a story:t1") });
  send(200, dynamicPage);
}

describe("front cache (varnishd with deploy/varnish/newsroom.vcl)", () => {
  let backend: http.Server;
  let cache: FrontCache;
  let url: string;

  beforeAll(async () => {
    const missing = varnishMissing();
    if (missing) throw new Error(`the front cache tests need varnishd: ${missing}`);
    const backendPort = await freePort(3280, 3299);
    backend = http.createServer(app);
    await new Promise<void>((resolve) => backend.listen(backendPort, "127.0.0.1", resolve));
    const listen = `127.0.0.1:${await freePort(6090, 6099)}`;
    // 127.0.0.3 may purge as an app instance on another machine would; 127.0.0.2 may not.
    cache = await startFrontCache({ backends: [`127.0.0.1:${backendPort}`], purgeFrom: ["127.0.0.3"], purgeSecret: SECRET, listen, memory: "32m" });
    url = cache.url;
    process.env.FRONT_CACHE_URL = url;
    process.env.FRONT_CACHE_SECRET = SECRET;
  });

  afterAll(async () => {
    await cache?.stop();
    await new Promise((resolve) => backend?.close(resolve));
  });

  it("keeps the file in deploy/varnish as the generator writes it for two local instances", () => {
    expect(readFileSync(VCL_TEMPLATE, "utf8")).toBe(frontCacheVcl({ backends: ["127.0.0.1:3000", "127.0.0.1:3001"] }));
  });

  it("caches a reader page whatever Next's Cache-Control says, and drops its cookie", async () => {
    const first = await request(url, "/stories/a");
    const second = await request(url, "/stories/a");
    expect([first.headers["x-cache"], second.headers["x-cache"]]).toEqual(["MISS", "HIT"]);
    expect(second.body).toBe("GET /stories/a");
    expect(second.headers["set-cookie"]).toBeUndefined();
    // Only the front cache is purged on publication: nobody past it may keep the page.
    expect(second.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    expect([second.headers.xkey, second.headers["x-reader-keys"], second.headers["x-kind"]]).toEqual([undefined, undefined, undefined]);
    expect(hits("/stories/a")).toBe(1);
  });

  it("neither bypasses nor splits the cache for a reader who sends cookies, and keeps them from the app", async () => {
    const withCookie = await request(url, "/issues/2024-01-02", { headers: { Cookie: "next-auth.session-token=abc" } });
    const without = await request(url, "/issues/2024-01-02");
    const otherCookie = await request(url, "/issues/2024-01-02", { headers: { Cookie: "other=1" } });
    expect([withCookie.headers["x-cache"], without.headers["x-cache"], otherCookie.headers["x-cache"]]).toEqual(["MISS", "HIT", "HIT"]);
    expect(seen.filter((s) => s.path === "/issues/2024-01-02")).toEqual([{ path: "/issues/2024-01-02", method: "GET", cookie: undefined }]);
  });

  it("passes the back office and /api with their cookies, every time", async () => {
    for (const path of ["/desk/stories", "/api/inbox", "/login"]) {
      for (let i = 0; i < 2; i++) {
        const answer = await request(url, path, { headers: { Cookie: "next-auth.session-token=abc" } });
        expect(answer.headers["x-cache"]).toBe("PASS");
        expect(answer.headers["set-cookie"]).toEqual(["tracking=1; Path=/"]);
      }
      expect(seen.filter((s) => s.path === path).map((s) => s.cookie)).toEqual(["next-auth.session-token=abc", "next-auth.session-token=abc"]);
    }
  });

  it("passes a Server Action posted to a reader address", async () => {
    await request(url, "/stories/b");
    const action = await request(url, "/stories/b", { method: "POST", headers: { "Next-Action": "abc123", Cookie: "next-auth.session-token=abc" } });
    expect(action.body).toBe("POST /stories/b");
    expect(action.headers["x-cache"]).toBe("PASS");
    expect(seen.filter((s) => s.path === "/stories/b").map((s) => [s.method, s.cookie])).toEqual([
      ["GET", undefined],
      ["POST", "next-auth.session-token=abc"],
    ]);
  });

  it("keeps public photo files, never private ones, and passes a photo request with a cookie", async () => {
    await request(url, "/api/photos/public/w960");
    expect((await request(url, "/api/photos/public/w960")).headers["x-cache"]).toBe("HIT");
    expect((await request(url, "/api/photos/public/w960", { headers: { Cookie: "next-auth.session-token=abc" } })).headers["x-cache"]).toBe("PASS");
    expect(hits("/api/photos/public/w960")).toBe(2);

    await request(url, "/api/photos/unpublished/w960");
    expect((await request(url, "/api/photos/unpublished/w960")).headers["x-cache"]).not.toBe("HIT");
    expect(hits("/api/photos/unpublished/w960")).toBe(2);
  });

  it("keeps a withdrawn story's 410 and a 404 for a short while, never a 500", async () => {
    const gone = [await request(url, "/stories/x/withdrawn"), await request(url, "/stories/x/withdrawn")];
    expect(gone.map((a) => [a.status, a.headers["x-cache"]])).toEqual([
      [410, "MISS"],
      [410, "HIT"],
    ]);
    expect(gone[1].headers.age).toBeDefined();
    const missing = [await request(url, "/stories/missing"), await request(url, "/stories/missing")];
    expect(missing.map((a) => [a.status, a.headers["x-cache"]])).toEqual([
      [404, "MISS"],
      [404, "HIT"],
    ]);
    const broken = [await request(url, "/stories/broken"), await request(url, "/stories/broken")];
    expect(broken.map((a) => a.status)).toEqual([500, 500]);
    expect(broken.map((a) => a.headers["x-cache"])).not.toContain("HIT");
    // Each 500 is tried once more (on another instance, where there are several).
    expect(hits("/stories/broken")).toBe(4);
  });

  it("purges the answers carrying a key, and nothing else: not other pages, not photos, not build files", async () => {
    const { purgeFrontCache } = await import("@/lib/platform/front-cache");
    const kept = ["/stories/c", "/stories/e", "/tags/%E7%A7%8B%E6%94%B6", "/api/photos/public/w480", "/_next/static/chunks/app.js"];
    for (const path of kept) {
      await request(url, path);
      expect((await request(url, path)).headers["x-cache"]).toBe("HIT");
    }
    // A correction of story c: its page goes; another story's page, the photo and the build stay.
    expect(await purgeFrontCache(["story:c"])).toBeGreaterThan(0);
    expect((await request(url, "/stories/c")).headers["x-cache"]).toBe("MISS");
    for (const path of ["/stories/e", "/tags/%E7%A7%8B%E6%94%B6", "/api/photos/public/w480", "/_next/static/chunks/app.js"]) {
      expect((await request(url, path)).headers["x-cache"]).toBe("HIT");
    }
    // A key the app named on a page (what a tag list shows) reaches it as well as one its address names.
    expect(await purgeFrontCache(["story:t1"])).toBeGreaterThan(0);
    expect((await request(url, "/tags/%E7%A7%8B%E6%94%B6")).headers["x-cache"]).toBe("MISS");
    // Photos go by their own key only.
    await purgeFrontCache(["photo:public"]);
    expect((await request(url, "/api/photos/public/w480")).headers["x-cache"]).toBe("MISS");
    expect((await request(url, "/stories/e")).headers["x-cache"]).toBe("HIT");
  });

  it("keys a 404 by its address, so the release of that issue purges it", async () => {
    const { purgeFrontCache } = await import("@/lib/platform/front-cache");
    await request(url, "/issues/2099-01-01");
    expect((await request(url, "/issues/2099-01-01")).headers["x-cache"]).toBe("HIT");
    await purgeFrontCache(["issue:2099-01-01"]);
    expect((await request(url, "/issues/2099-01-01")).headers["x-cache"]).toBe("MISS");
  });

  it("takes purges only from its instances' addresses with the secret, whatever the other headers say", async () => {
    await request(url, "/stories/d");
    const purge = (headers: Record<string, string>, from?: string) => request(url, "/", { method: "PURGE", headers: { "X-Purge-Keys": "story:d reader", ...headers }, from });
    const forged = { "X-Forwarded-For": "127.0.0.1", "X-Real-IP": "127.0.0.1", Forwarded: "for=127.0.0.1" };
    expect((await purge({})).status).toBe(403);
    expect((await purge({ "X-Purge-Secret": "wrong-secret-wrong-secret-wrong-secret" })).status).toBe(403);
    expect((await purge({ "X-Purge-Secret": SECRET, ...forged }, "127.0.0.2")).status).toBe(403);
    expect((await purge(forged, "127.0.0.3")).status).toBe(403);
    expect((await request(url, "/", { method: "BAN" })).status).toBe(405);
    expect((await request(url, "/stories/d")).headers["x-cache"]).toBe("HIT");
    expect((await purge({ "X-Purge-Secret": SECRET }, "127.0.0.3")).status).toBe(200);
    expect((await request(url, "/stories/d")).headers["x-cache"]).toBe("MISS");
  });

  it("refuses a VCL secret that could end the VCL string, and purges nothing without a secret", async () => {
    expect(() => frontCacheVcl({ backends: ["127.0.0.1:3000"], purgeSecret: 'x"; } sub vcl_recv { return (pass); } #xxxxxxxxxxxxxxxxxxx' })).toThrow(/FRONT_CACHE_SECRET/);
    expect(frontCacheVcl({ backends: ["127.0.0.1:3000"] })).toContain('return (synth(403, "Forbidden: no purge secret configured"));');
  });

  it("a purge of a cache that is down fails, so the purge job is tried again", async () => {
    const { purgeFrontCache } = await import("@/lib/platform/front-cache");
    await expect(purgeFrontCache(["story:x"], `http://127.0.0.1:${await freePort(6090, 6099)}`, SECRET)).rejects.toThrow(/前端缓存 .* 无法访问（ECONNREFUSED）/);
  });

  it("never serves a page from a router request's answer, nor keeps a redirect one sent anyone to", async () => {
    // What an attacker sends: each variant of Next's router headers, some with a made-up _rsc.
    const variants: Record<string, string>[] = [
      { RSC: "1" },
      { RSC: "1", "Next-Router-Prefetch": "1" },
      { RSC: "1", "Next-Router-Prefetch": "1", "Next-Router-Segment-Prefetch": "/_tree" },
      { RSC: "1", "Next-Router-State-Tree": "%5B%22%22%5D" },
      { RSC: "1", "Next-Url": "/stories/p" },
    ];
    for (const path of ["/", "/stories/p", "/feed.xml"]) {
      for (const headers of variants) {
        for (let i = 0; i < 3; i++) {
          const answer = await request(url, path, { headers });
          expect(answer.status).toBe(307);
          expect(answer.headers["x-cache"]).toBe("PASS");
        }
        expect((await request(url, `${path}${path.includes("?") ? "&" : "?"}_rsc=made-up`, { headers })).headers["x-cache"]).toBe("PASS");
      }
      // The page itself, for a reader, is the page: twice, the second from the cache.
      const page = [await request(url, path), await request(url, path)];
      expect(page.map((a) => a.status)).toEqual([200, 200]);
      expect(page[1].headers["x-cache"]).toBe("HIT");
      expect(page[1].headers.location).toBeUndefined();
      expect(page[1].body).toBe(`GET ${path}`);
    }
  });

  it("keeps a router request's right answer apart from the page, by its headers", async () => {
    const headers = { RSC: "1", "Next-Router-Prefetch": "1" };
    const right = `_rsc=${["1", "0", "0", "0"].join(",").length.toString(36)}`;
    const data = [await request(url, `/stories/q?${right}`, { headers }), await request(url, `/stories/q?${right}`, { headers })];
    expect(data.map((a) => [a.status, a.headers["x-cache"], a.body])).toEqual([
      [200, "MISS", `RSC /stories/q?${right}`],
      [200, "HIT", `RSC /stories/q?${right}`],
    ]);
    // The same address without the router's headers, or with others, is not that answer.
    expect((await request(url, `/stories/q?${right}`)).body).toBe(`GET /stories/q?${right}`);
    expect((await request(url, `/stories/q?${right}`, { headers: { RSC: "1", "Next-Router-State-Tree": "x" } })).headers["x-cache"]).not.toBe("HIT");
    expect((await request(url, "/stories/q")).body).toBe("GET /stories/q");
    // And the page's data goes with the page's key.
    const { purgeFrontCache } = await import("@/lib/platform/front-cache");
    await purgeFrontCache(["story:q"]);
    expect((await request(url, `/stories/q?${right}`, { headers })).headers["x-cache"]).toBe("MISS");
  });

  it("answers 410 Gone at a withdrawn story's own address", async () => {
    const answers = [await request(url, "/stories/gone"), await request(url, "/stories/gone")];
    expect(answers.map((a) => [a.status, a.headers["x-cache"], a.body])).toEqual([
      [410, "MISS", "稿件已撤回"],
      [410, "HIT", "稿件已撤回"],
    ]);
    expect(answers[0].headers.location).toBeUndefined();
  });

  it("tells caches past it to ask again for every reader answer, 404s and 410s included", async () => {
    for (const path of ["/stories/missing", "/issues/2099-01-01", "/stories/gone", "/stories/f"]) {
      for (const answer of [await request(url, path), await request(url, path)]) {
        expect(answer.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
      }
    }
  });

  it("says HTTPS only behind a TLS proxy, on every answer", async () => {
    for (const path of ["/stories/f", "/api/inbox", "/_next/static/chunks/app.js"]) {
      expect((await request(url, path, { headers: { "X-Forwarded-Proto": "https" } })).headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
      expect((await request(url, path)).headers["strict-transport-security"]).toBeUndefined();
    }
  });
});
