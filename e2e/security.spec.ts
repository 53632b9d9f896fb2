import Redis from "ioredis";
import http from "node:http";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { countFiles, expect, test, newUserPage, query, signIn, PASSWORD } from "./support";
import { ROUTE_TABLE, segmentsOf, tableProblems, type Account, type Fixture, type RouteCase } from "./route-table";

// What a real installation on the internet meets: hostile addresses, forged requests, odd input.
// Each test here failed on the code before the hardening work.

const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;

async function aStory(): Promise<{ id: string; date: string; page: number; username: string; tag: string }> {
  const [row] = await query<{ id: string; date: string; page: number; username: string; tag: string }>(
    `SELECT s.id, to_char(i.date, 'YYYY-MM-DD') AS date, p.number AS page, u.username, t.name AS tag
     FROM "Story" s JOIN "Placement" pl ON pl."storyId" = s.id JOIN "Page" p ON p.id = pl."pageId" JOIN "Issue" i ON i.id = p."issueId"
     JOIN "User" u ON u.id = s."authorId" JOIN "_StoryToTag" st ON st."A" = s.id JOIN "Tag" t ON t.id = st."B"
     WHERE s.status = 'PUBLISHED' ORDER BY i.date, p.number LIMIT 1`,
  );
  return row;
}

test.describe("security headers", () => {
  test("every back-office page names a fresh nonce in its policy and every script carries it", async ({ browser, request }) => {
    const editor = await newUserPage(browser, "bianji");
    const nonces = new Set<string>();
    for (const [path, client] of [["/login", request], ["/login", request], ["/desk/queue", editor.request], ["/desk/stories", editor.request]] as const) {
      const response = await client.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      const policy = response.headers()["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? "";
      expect(nonce, path).not.toBe("");
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
      nonces.add(nonce);
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts.filter((t) => !/type="application\/ld\+json"/.test(t))) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(4);
  });

  test("reader pages, rendered once for everyone, run only their own scripts: no inline handler, eval or other origin", async ({ request }) => {
    const story = await aStory();
    for (const path of ["/", `/stories/${story.id}`, `/search?q=${encodeURIComponent("秋收")}`, `/tags/${encodeURIComponent(story.tag)}`]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const policies = response.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy").map((h) => h.value);
      // A page rendered once for everyone carries the floor next.config.js sends every reader page
      // and its own policy, its scripts by hash (kept by the cache): a script must pass both. Search
      // is rendered per request: proxy.ts's nonce policy takes the floor's place, and without
      // 'unsafe-inline' it refuses inline handlers by itself.
      const own = policies.find((p) => /script-src 'self' '(sha256|nonce)-/u.test(p));
      expect(own, path).toBeDefined();
      if (path.startsWith("/search")) expect(policies, path).toEqual([own]);
      else {
        expect(policies, path).toHaveLength(2);
        expect(policies.find((p) => p.includes("'unsafe-inline'; script-src-attr")), path).toContain("script-src-attr 'none'");
      }
      expect(own!.split(";").find((d) => d.trim().startsWith("script-src ")), path).not.toContain("'unsafe-inline'");
      for (const policy of policies) {
        expect(policy, path).toContain("object-src 'none'");
        expect(policy, path).not.toContain("unsafe-eval");
      }
    }
  });

  test("the back office cannot be framed; every answer says nosniff, referrer and permissions", async ({ browser, request }) => {
    const editor = await newUserPage(browser, "bianji");
    for (const [path, client] of [["/login", request], ["/desk/queue", editor.request]] as const) {
      const response = await client.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      expect(response.headers()["x-frame-options"], path).toBe("DENY");
      expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    }
    // Reader pages may be framed by portals; answers of route handlers run nothing at all.
    expect((await request.get("/")).headers()["x-frame-options"]).toBeUndefined();
    expect((await request.get("/api/health")).headers()["content-security-policy"]).toContain("sandbox");
    const home = await request.get("/");
    const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await home.text())?.[1];
    for (const path of ["/", "/api/health", "/feed.xml", chunk!]) {
      const headers = (await request.get(path)).headers();
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"], path).toContain("camera=()");
    }
  });

  test.describe(() => {
    test.use({ cspViolationsExpected: true });
    test("a script injected into a page does not run", async ({ page }) => {
      const blocked: string[] = [];
      page.on("console", (m) => /Content Security Policy/.test(m.text()) && blocked.push(m.text()));
      await page.goto("/");
      // What an HTML injection would add: markup with an inline handler (a <script> set through
      // innerHTML never runs anyway). The reader policy says script-src-attr 'none', so the handler is blocked.
      await page.evaluate(() => {
        document.body.insertAdjacentHTML("beforeend", '<img src="/missing.png" alt="" onerror="window.__injected = true">');
      });
      await expect.poll(() => blocked.length).toBeGreaterThan(0);
      expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected ?? false)).toBe(false);
    });
  });
});

test.describe("redirect after sign-in", () => {
  for (const target of ["/%09/evil.example/x", "/%0a/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example/"]) {
    test(`callbackUrl=${target} stays on the site`, async ({ page }) => {
      const response = await page.goto(`/login?callbackUrl=${target}`);
      expect(response?.status()).toBe(200);
      await page.getByLabel("用户名").fill("zhanghan");
      await page.getByLabel("密码").fill(PASSWORD);
      await page.getByRole("button", { name: "登录" }).click();
      await page.waitForURL(/\/desk/);
      expect(new URL(page.url()).origin).toBe(origin);
    });
  }
});

/** Opens a story its author may edit and records the Server Action the editor calls to lock it. */
async function lockActionOf(page: Page): Promise<{ url: string; action: string }> {
  const [story] = await query<{ id: string }>(
    `SELECT s.id FROM "Story" s JOIN "User" u ON u.id = s."authorId" WHERE u.username = 'zhanghan' AND s.status IN ('DRAFT', 'RETURNED') LIMIT 1`,
  );
  // Opening the editor calls several actions; the lock's answer is the one that says "held".
  const lockAnswer = page.waitForResponse(async (r) => !!r.request().headers()["next-action"] && (await r.text().catch(() => "")).includes('"held"'));
  await page.goto(`/desk/stories/${story.id}`);
  const request = (await lockAnswer).request();
  return { url: request.url(), action: request.headers()["next-action"] };
}

function chunkedPost(url: string, headers: Record<string, string>, totalBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (e) => ((e as NodeJS.ErrnoException).code === "EPIPE" || (e as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

test.describe("Server Action requests", () => {
  test("forged, oversized and malformed calls are refused with a 4xx and change nothing", async ({ browser }) => {
    const page = await newUserPage(browser, "zhanghan");
    const { url, action } = await lockActionOf(page);
    const call = (data: string, headers: Record<string, string> = {}) =>
      page.request.post(url, { headers: { "next-action": action, "content-type": "text/plain;charset=UTF-8", origin, ...headers }, data });
    const storyId = /\/desk\/stories\/([a-z0-9]+)/.exec(url)![1];

    const crossSite = await call(JSON.stringify([storyId]), { origin: "http://evil.example" });
    expect(crossSite.status()).toBe(403);
    expect(await crossSite.text()).toContain("跨站请求已被拒绝");

    const tooLarge = await call(JSON.stringify([storyId, "x".repeat(2.5 * 1024 * 1024)]));
    expect(tooLarge.status()).toBe(413);
    expect(await tooLarge.text()).toContain("超过 2 MB");

    const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const streamed = await chunkedPost(url, { cookie: cookies, "next-action": action, "content-type": "text/plain;charset=UTF-8", origin }, 8 * 1024 * 1024);
    expect(streamed).toBe(413);

    expect((await call("[[[{")).status()).toBe(400);
    expect((await call('{"storyId":1}')).status()).toBe(400);
    // References React's decoder would chase into parts that are not there (each was a 500).
    for (const forged of ['["$1"]', '["$Q1"]', '["$h1"]', JSON.stringify(Array(1001).fill(storyId))]) {
      expect((await call(forged)).status(), forged).toBe(400);
    }
    expect((await call(JSON.stringify([storyId]), { "content-type": "Multipart/form-data; boundary=b" })).status()).toBe(415);
    // A form posted without the action header is a possible action to Next too: anyone could send one.
    const anonymous = await page.request.post("/", { headers: { "content-type": "multipart/form-data; boundary=X", origin }, data: "hello" });
    expect(anonymous.status()).toBe(400);
    const notAForm = await page.request.post("/", {
      headers: { "content-type": "multipart/form-data; boundary=b", origin },
      data: '--b\r\nContent-Disposition: form-data; name="0"\r\n\r\nhello\r\n--b--\r\n',
    });
    expect(notAForm.status()).toBe(400);
    // The photo upload is outside the proxy: it checks the origin itself.
    const crossSiteUpload = await page.request.post("/api/photos", { headers: { origin: "http://evil.example" }, multipart: { file: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("x") } } });
    expect(crossSiteUpload.status()).toBe(403);

    // Well-formed but wrongly typed arguments reach the action's own check and are refused there.
    const audited = async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent"`))[0].n;
    const before = await audited();
    for (const args of ["[]", '[{"id":{"not":"an id"}}]', '["../../etc"]', "[12345]"]) {
      const answer = await call(args);
      expect(answer.status(), args).toBe(200);
      expect(await answer.text(), args).toContain("请求格式不正确");
    }
    expect(await audited()).toBe(before);
  });

  test("an anonymous call to /desk with arguments nested 20,000 deep is a 400, not a 500", async ({ request }) => {
    const deep = "[".repeat(20_000) + "]".repeat(20_000);
    const answer = await request.post("/desk", { headers: { "next-action": "7f".padEnd(42, "0"), "content-type": "text/plain;charset=UTF-8", origin }, data: deep, maxRedirects: 0 });
    expect(answer.status()).toBe(400);
    expect(await answer.text()).toBe("请求格式不正确，请刷新页面后再试");
  });

  test("a NUL byte in a story field is a field error, and the story keeps what was saved", async ({ page }) => {
    await signIn(page, "zhanghan");
    await page.goto("/desk/stories/new");
    await page.getByLabel("主题（标题）").fill("秋收\u0000进行时");
    await page.getByLabel("正文第 1 段").fill("近日，各乡镇组织农机抢收。");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByText(/主题含有无法保存的字符/).first()).toBeVisible();
    await expect(page.getByLabel("主题（标题）")).toHaveValue("秋收\u0000进行时");
    const rows = await query(`SELECT id FROM "Story" WHERE headline LIKE '秋收%进行时'`);
    expect(rows).toEqual([]);
  });
});

test("a headline with control characters cannot break the feeds", async ({ page, request }) => {
  const story = await aStory();
  // Written around the app, as an old row or another tool might have: the feed must still parse.
  const tag = `测试${Date.now().toString().slice(-6)}`;
  const [{ headline }] = await query<{ headline: string }>(`SELECT headline FROM "Story" WHERE id = $1`, [story.id]);
  await query(`UPDATE "Story" SET headline = $2 WHERE id = $1`, [story.id, `${headline}\u0001\u000B\u001F`]);
  await query(`INSERT INTO "Tag" (id, name, kind) VALUES ($1, $2, 'TOPIC')`, [`t${Date.now()}`, tag]);
  await query(`INSERT INTO "_StoryToTag" ("A", "B") SELECT $1, id FROM "Tag" WHERE name = $2`, [story.id, tag]);
  try {
    await page.goto("/");
    const xml = await (await request.get(`/tags/${encodeURIComponent(tag)}/feed.xml`)).text();
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      return { errors: doc.getElementsByTagName("parsererror").length, title: doc.querySelector("item > title")?.textContent ?? "" };
    }, xml);
    expect(parsed.errors).toBe(0);
    expect(parsed.title.trim()).toBe(headline);
  } finally {
    await query(`DELETE FROM "_StoryToTag" WHERE "B" IN (SELECT id FROM "Tag" WHERE name = $1)`, [tag]);
    await query(`DELETE FROM "Tag" WHERE name = $1`, [tag]);
    await query(`UPDATE "Story" SET headline = $2 WHERE id = $1`, [story.id, headline]);
  }
});

// Every query parameter and path segment of every route, with values that once gave 500s.
const BAD_VALUES = ["%00%01", "0000-01-01", "0001-01-01", "9999-12-31", "9999999999999999999", "-1", "1e309", "%E0%A4%A", "%ED%A0%80", "%25",
  "'%20OR%201%3D1--", "..%2F..%2Fetc%2Fpasswd", encodeURIComponent("秋收".repeat(3000)), "%C0%AF", "a&{0}=b", "[object Object]",
  // A keyset cursor of a day Postgres cannot hold.
  "0000-01-01T00:00:00.000Z_abc"];

async function statusesOf(request: APIRequestContext, routes: string[], method: "GET" | "POST" = "GET"): Promise<{ path: string; status: number }[]> {
  const results: { path: string; status: number }[] = [];
  for (let i = 0; i < routes.length; i += 8) {
    results.push(
      ...(await Promise.all(routes.slice(i, i + 8).map(async (path) => ({ path, status: (await request.fetch(path, { method, maxRedirects: 0 })).status() })))),
    );
  }
  return results;
}

/** Real values from the seeded database for the table's path segments. */
async function realValues(): Promise<Record<Fixture, string>> {
  const s = await aStory();
  const [{ slug }] = await query<{ slug: string }>(
    `SELECT c.slug FROM "Contributor" c JOIN "StoryContributor" sc ON sc."contributorId" = c.id WHERE sc."storyId" = $1 LIMIT 1`, [s.id]);
  const [{ issueId }] = await query<{ issueId: string }>(`SELECT id AS "issueId" FROM "Issue" WHERE date = $1::date`, [s.date]);
  const [{ photoId }] = await query<{ photoId: string }>(
    `SELECT sp."photoId" FROM "StoryPhoto" sp JOIN "Story" st ON st.id = sp."storyId" WHERE st.status = 'PUBLISHED' LIMIT 1`);
  return {
    publishedStory: s.id, issueDate: s.date, issueMonth: s.date.slice(0, 7), pageNumber: String(s.page), tag: s.tag, authorSlug: slug, listPage: "1",
    issueId, photoId, photoSize: "w480", pagePictureSize: "thumb", sitemapFile: "static.xml", authPath: "session",
  };
}

/** The route's address with real values, or with `bad` (already encoded) in one segment. */
function addressOf(c: RouteCase, real: Record<Fixture, string>, bad?: { segment?: string; key?: string; value: string }): string {
  const path = c.route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => (name === bad?.segment ? bad.value : encodeURIComponent(real[c.segments![name]])));
  const pairs = Object.entries(c.with ?? {}).filter(([key]) => key !== bad?.key).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  if (bad?.key) pairs.push(`${bad.key}=${bad.value}`);
  return pairs.length ? `${path}?${pairs.join("&")}` : path;
}

/** Each hostile value in each segment and parameter alone, and each parameter given twice. */
function hostileAddresses(c: RouteCase, real: Record<Fixture, string>): string[] {
  return [
    ...segmentsOf(c.route).flatMap((segment) => BAD_VALUES.map((value) => addressOf(c, real, { segment, value }))),
    ...(c.query ?? []).flatMap((key) => [...BAD_VALUES.map((value) => addressOf(c, real, { key, value })), addressOf(c, real, { key, value: `1&${key}=2` })]),
  ];
}

/** Rows of every table but the sign-in bookkeeping, and the photo files: what a request could have stored. */
async function storedThings(): Promise<Record<string, number>> {
  const tables = await query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('RateLimit', 'UserSession', '_prisma_migrations')`);
  const [rows] = await query<Record<string, number>>(`SELECT ${tables.map((t) => `(SELECT count(*)::int FROM "${t.name}") AS "${t.name}"`).join(", ")}`);
  return { ...rows, "photo files": countFiles(process.env.PHOTO_DIR ?? "") };
}

// One sign-in per account for the whole table.
const sessions = new Map<Account, Awaited<ReturnType<BrowserContext["storageState"]>>>();
async function signedIn(browser: Browser, account: Account): Promise<BrowserContext> {
  if (!sessions.has(account)) {
    const page = await newUserPage(browser, account);
    sessions.set(account, await page.context().storageState());
    await page.context().close();
  }
  return browser.newContext({ baseURL: origin, storageState: sessions.get(account) });
}

test.describe("bad input is a 4xx or ignored, never a 500, and stores nothing", () => {
  test("the table names every route the app has (e2e/route-table.ts)", () => {
    expect(tableProblems(path.resolve("app"))).toEqual([]); // the suite runs from the repository root
  });

  for (const c of ROUTE_TABLE) {
    test(`${c.method ?? "GET"} ${c.route}${c.as ? ` as ${c.as}` : ""}`, async ({ browser, request }) => {
      const context = c.as ? await signedIn(browser, c.as) : null;
      const client = context?.request ?? request;
      try {
        const real = await realValues();
        const before = await storedThings();
        // The real values reach the route's own code, so the hostile ones are not all turned away at its door.
        const [baseline] = await statusesOf(client, [addressOf(c, real)], c.method);
        expect(baseline.status, baseline.path).toBe(c.expect ?? 200);
        const failures = (await statusesOf(client, hostileAddresses(c, real), c.method)).filter((r) => r.status >= 500);
        expect(failures).toEqual([]);
        expect(await storedThings()).toEqual(before);
      } finally {
        await context?.close();
      }
    });
  }

  test("a path that names nothing is a 404, not an empty page", async ({ request }) => {
    for (const path of ["/issues/0000-01-01", "/issues/9999-12-31/pages/1", "/calendar/0000-01", "/tags/%25", "/authors/%00", "/stories/%00"]) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
  });
});

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(folder, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}

test("made-up addresses cost no cache entries", async ({ request }) => {
  // Both app instances keep rendered pages and cached queries in Redis under the run's prefix
  // (scripts/test.mjs); the build folder holds none of them, and must not grow either.
  const folder = process.env.NEXT_DIST_DIR ?? ".next";
  const s = await aStory();
  const random = () => randomBytes(8).toString("hex");
  const warm = ["/", `/stories/${s.id}`, `/tags/${encodeURIComponent(s.tag)}`, `/search?q=${encodeURIComponent("秋收")}`];
  await statusesOf(request, warm);
  const before = { keys: await cacheKeys(), bytes: await folderBytes(folder) };
  expect(before.keys, "the warm-up pages are kept").toBeGreaterThan(0);
  const routes = [
    ...Array.from({ length: 500 }, () => `/stories/c${random()}${random()}`),
    ...Array.from({ length: 50 }, () => `/tags/${random()}`),
    ...Array.from({ length: 50 }, () => `/tags/${random()}/feed.xml`),
    ...Array.from({ length: 50 }, () => `/authors/${random()}`),
    ...Array.from({ length: 50 }, () => `/search?q=${random()}`),
    ...Array.from({ length: 50 }, (_, i) => `/issues/2001-01-${String((i % 28) + 1).padStart(2, "0")}/pages/${(i % 9) + 1}`),
    ...Array.from({ length: 50 }, (_, i) => `/tags/${encodeURIComponent(s.tag)}/page/${1000 + i}`),
    ...Array.from({ length: 100 }, (_, i) => `/calendar/${1900 + i}-0${(i % 9) + 1}`),
    ...Array.from({ length: 50 }, (_, i) => `/sitemaps/${2100 + i}.xml`),
  ];
  await statusesOf(request, routes);
  expect(await cacheKeys(), "cache entries after 1,000 made-up addresses").toBe(before.keys);
  const grown = (await folderBytes(folder)) - before.bytes;
  expect(grown, `the build folder grew by ${grown} bytes`).toBeLessThan(1024 * 1024);
});

/** How many entries the run's instances keep in the shared cache. */
async function cacheKeys(): Promise<number> {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    let cursor = "0";
    let count = 0;
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${process.env.CACHE_PREFIX}:e:*`, "COUNT", 1000);
      count += keys.length;
      cursor = next;
    } while (cursor !== "0");
    return count;
  } finally {
    redis.disconnect();
  }
}
