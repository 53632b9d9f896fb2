import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { frontCacheVcl, startFrontCache, varnishMissing, VCL_TEMPLATE, type FrontCache } from "@/scripts/front-cache.mjs";

// The front cache as it runs: real varnishd with the generated VCL, in front of a small HTTP
// server standing in for the app that counts what reaches it. CI installs varnish (.ci/run).

type Seen = { path: string; method: string; cookie?: string };
const seen: Seen[] = [];
const hits = (path: string) => seen.filter((s) => s.path === path).length;

/** The stand-in app: answers like the real one does for each kind of address. */
function app(request: http.IncomingMessage, response: http.ServerResponse) {
  const path = request.url ?? "/";
  if (path === "/api/health") return response.end('{"ok":true}');
  seen.push({ path, method: request.method ?? "", cookie: request.headers.cookie });
  const send = (status: number, headers: Record<string, string>, body = `${request.method} ${path}`) => {
    response.writeHead(status, headers);
    response.end(body);
  };
  if (path.startsWith("/api/photos/public/")) return send(200, { "Content-Type": "image/webp", "Cache-Control": "public, max-age=86400" });
  if (path.startsWith("/api/photos/")) return send(200, { "Content-Type": "image/webp", "Cache-Control": "private, no-store" });
  if (path.startsWith("/_next/static/")) return send(200, { "Cache-Control": "public, max-age=31536000, immutable" });
  if (path.endsWith("/withdrawn")) return send(410, { "Content-Type": "text/html", "Cache-Control": "public, max-age=60" }, "稿件已撤回");
  if (path === "/stories/missing") return send(404, { "Content-Type": "text/html" });
  if (path === "/stories/broken") return send(500, { "Content-Type": "text/html" });
  // Pages as Next sends dynamic ones today: not for shared caches, and with a cookie.
  send(200, { "Content-Type": "text/html", "Cache-Control": "private, no-cache, no-store, max-age=0, must-revalidate", "Set-Cookie": "tracking=1; Path=/" });
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };
function request(url: string, path: string, options: { method?: string; headers?: Record<string, string>; from?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, url), { method: options.method ?? "GET", headers: options.headers, localAddress: options.from, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A port nothing listens on, from the range given. */
async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
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
    // 127.0.0.3 may ban as an app instance on another machine would; 127.0.0.2 may not.
    cache = await startFrontCache({ backends: [`127.0.0.1:${backendPort}`], banFrom: ["127.0.0.3"], listen, memory: "32m" });
    url = cache.url;
    process.env.FRONT_CACHE_URL = url;
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
    // Only the front cache is banned on publication: nobody past it may keep the page.
    expect(second.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    expect(second.headers["x-url"]).toBeUndefined();
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

  it("drops reader pages and photo files on banFrontCache(), not the build's static files", async () => {
    const { banFrontCache } = await import("@/lib/platform/front-cache");
    for (const path of ["/stories/c", "/api/photos/public/w480", "/_next/static/chunks/app.js"]) {
      await request(url, path);
      expect((await request(url, path)).headers["x-cache"]).toBe("HIT");
    }
    expect(await banFrontCache()).toBe(true);
    expect((await request(url, "/stories/c")).headers["x-cache"]).toBe("MISS");
    expect((await request(url, "/api/photos/public/w480")).headers["x-cache"]).toBe("MISS");
    expect((await request(url, "/_next/static/chunks/app.js")).headers["x-cache"]).toBe("HIT");
  });

  it("refuses BAN from addresses outside its list, and through a proxy on this machine", async () => {
    await request(url, "/stories/d");
    expect((await request(url, "/", { method: "BAN", from: "127.0.0.2" })).status).toBe(403);
    expect((await request(url, "/", { method: "BAN", headers: { "X-Forwarded-For": "203.0.113.9" } })).status).toBe(403);
    expect((await request(url, "/stories/d")).headers["x-cache"]).toBe("HIT");
    expect((await request(url, "/", { method: "BAN", from: "127.0.0.3" })).status).toBe(200);
    expect((await request(url, "/stories/d")).headers["x-cache"]).toBe("MISS");
  });

  it("does not fail when the front cache is down", async () => {
    const { banFrontCache } = await import("@/lib/platform/front-cache");
    const started = Date.now();
    expect(await banFrontCache(`http://127.0.0.1:${await freePort(6090, 6099)}`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
