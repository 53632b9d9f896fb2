import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { db } from "@/lib/platform/db";
import { startJobWorkers } from "@/lib/platform/jobs";
import { QUEUES } from "@/lib/jobs/queues";
import { releaseNow } from "@/lib/issues/release";
import { correctStory, withdrawStory } from "@/lib/desk/story-commands";
import { readerPurgeJob } from "@/lib/reader/purge";
import { readerKey } from "@/lib/reader/keys";
import { cacheHandlerOver } from "@/lib/platform/cache/next-cache-handler.mjs";
import { processStore } from "@/lib/platform/cache/stores.mjs";
import { startFrontCache, varnishMissing, type FrontCache } from "@/scripts/front-cache.mjs";
import { makeUser, releasableIssue } from "../support/factories";
import { refusal } from "../support/refusal";
import { freePort, request } from "../support/http";

// After a change readers see, a purge job committed with it drops what shows the change from both
// caches, and nothing else; it is retried until the front cache confirms. Real Postgres, pg-boss,
// varnishd with the project's VCL, and Next's cache handler over this process's store.

const SECRET = "reader-purge-test-secret-0123456789abcdef";
// The app's settings are read once, on first use: the front cache's address is chosen before that.
const listen = `127.0.0.1:${await freePort(6070, 6089)}`;
process.env.FRONT_CACHE_URL = `http://${listen}`;
process.env.FRONT_CACHE_SECRET = SECRET;
// Days after every issue other tests made: the newest issue here is the paper's newest.
let after = Date.UTC(2041, 0, 1);
const nextDate = () => new Date((after += 86400_000)).toISOString().slice(0, 10);

type PurgeJob = { data: { why: string; keys: string[]; warm: string[] } };
async function purgeJobsFor(keys: string) {
  return db().$queryRaw<PurgeJob[]>`SELECT data FROM pgboss.job WHERE name = ${QUEUES.readerPurge.name} AND data->'keys' ? ${keys} ORDER BY created_on`;
}

let editor: Awaited<ReturnType<typeof makeUser>>;
let chief: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  const last = await db().issue.aggregate({ _max: { date: true } });
  after = Math.max(after, (last._max.date?.getTime() ?? 0) + 30 * 86400_000);
  editor = await makeUser("EDITOR");
  chief = await makeUser("CHIEF_EDITOR", "孙正");
});

describe("what a change purges", () => {
  it("a release: the issue, its neighbours' links, its stories, their tags and people, and the lists; the front page only for the newest", async () => {
    const [early, middle, late] = [nextDate(), nextDate(), nextDate()];
    for (const date of [early, late]) {
      const { issueId } = await releasableIssue(editor, { date, stories: 1, pages: 1 });
      await releaseNow(chief, issueId);
    }
    const { issueId, storyIds } = await releasableIssue(editor, { date: middle, stories: 3, pages: 2 });
    await releaseNow(chief, issueId);

    const [job] = await purgeJobsFor(readerKey.issue(middle));
    const credited = await db().contributor.findMany({ where: { stories: { some: { storyId: { in: storyIds } } } }, select: { slug: true } });
    expect(credited.length).toBeGreaterThan(0);
    expect(job.data.keys).toEqual(
      expect.arrayContaining([
        readerKey.issue(middle),
        readerKey.issue(early),
        readerKey.issue(late),
        ...storyIds.map(readerKey.story),
        readerKey.tag("梨树县"),
        ...credited.map((c) => readerKey.author(c.slug)),
        readerKey.calendar,
        readerKey.tagIndex,
        readerKey.feed,
        readerKey.sitemap,
        readerKey.search,
      ]),
    );
    // A day between two issues already out is not the front page, and nothing else is purged.
    expect(job.data.keys).not.toContain(readerKey.latest);
    expect(job.data.keys).not.toContain("reader");
    expect(job.data.warm.slice(0, 3)).toEqual([`/issues/${middle}`, `/issues/${middle}/pages/1`, `/issues/${middle}/pages/2`]);
    expect(job.data.warm.slice(3).sort()).toEqual(storyIds.map((id) => `/stories/${id}`).sort());
    const [newest] = await purgeJobsFor(readerKey.issue(late));
    expect(newest.data.keys).toContain(readerKey.latest);
    expect(newest.data.warm[0]).toBe("/");
  });

  it("a release that is refused leaves no purge behind", async () => {
    const date = nextDate();
    const { issueId, pageIds } = await releasableIssue(editor, { date, stories: 2, pages: 2 });
    await db().page.update({ where: { id: pageIds[1] }, data: { status: "AWAITING" } });
    expect((await refusal(releaseNow(chief, issueId))).code).toBe("invalid");
    expect(await purgeJobsFor(readerKey.issue(date))).toEqual([]);
  });

  it("a correction: the story and its issue's pages, warming both pages of a story that jumps; a withdrawal also its lists, counts and photos", async () => {
    const date = nextDate();
    const { issueId, storyIds, pageIds } = await releasableIssue(editor, { date, stories: 3, pages: 2 });
    const onPage1 = { id: { in: storyIds }, placement: { page: { number: 1 } } };
    // 转版: the story to be corrected continues on page 2.
    const jumping = await db().placement.findFirstOrThrow({ where: { story: onPage1 }, orderBy: { storyId: "asc" } });
    await db().placement.update({ where: { id: jumping.id }, data: { continuesOnId: pageIds[1] } });
    await releaseNow(chief, issueId);
    const [corrected, withdrawn] = await db().story.findMany({ where: onPage1, orderBy: { id: "asc" }, select: { id: true, version: true } });

    await correctStory(chief, corrected.id, corrected.version, "第二段的数字应为两千一百台");
    const [correction] = (await purgeJobsFor(readerKey.story(corrected.id))).filter((j) => j.data.why.startsWith("更正"));
    expect(correction.data.keys).toEqual([readerKey.story(corrected.id), readerKey.issue(date), readerKey.feed, readerKey.sitemap, readerKey.search]);
    expect(correction.data.warm).toEqual([`/stories/${corrected.id}`, `/issues/${date}/pages/1`, `/issues/${date}/pages/2`]);

    // Linked by hand to a story already out: 已刊用, as the release would have set it (photo-has-run's check).
    const photo = await db().photo.create({ data: { storageKey: `2041/01/${withdrawn.id}`, mimeType: "image/jpeg", width: 10, height: 10, bytes: 10, uploaderId: editor.id, hasRun: true } });
    await db().storyPhoto.create({ data: { storyId: withdrawn.id, photoId: photo.id } });
    await withdrawStory(chief, withdrawn.id, withdrawn.version, "当事单位提出核实");
    const [withdrawal] = (await purgeJobsFor(readerKey.story(withdrawn.id))).filter((j) => j.data.why.startsWith("撤稿"));
    expect(withdrawal.data.keys).toEqual(expect.arrayContaining([readerKey.story(withdrawn.id), readerKey.issue(date), readerKey.tagIndex, readerKey.tag("梨树县"), readerKey.photo(photo.id)]));
    expect(withdrawal.data.keys).not.toContain(readerKey.story(corrected.id));
  });
});

describe("the purge job", () => {
  // The stand-in app: reader pages with the keys Next's cache handler names, and what warming fetched.
  const fetched: string[] = [];
  let backend: http.Server;
  let backendPort: number;
  let cache: FrontCache | undefined;

  function app(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = req.url ?? "/";
    if (path === "/api/health") return res.end("{}");
    fetched.push(path);
    const keys: Record<string, string> = { "/stories/s1": "reader story:s1 issue:2041-02-01", "/stories/s2": "reader story:s2 issue:2041-02-02", "/issues/2041-02-01": "reader issue:2041-02-01 story:s1" };
    res.writeHead(200, { "Content-Type": "text/html", "x-reader-keys": keys[path] ?? "reader" }).end(`page ${path}`);
  }

  const startCache = async () => {
    cache = await startFrontCache({ backends: [`127.0.0.1:${backendPort}`], listen, purgeSecret: SECRET, memory: "32m" });
  };

  beforeAll(async () => {
    const missing = varnishMissing();
    if (missing) throw new Error(`the purge job tests need varnishd: ${missing}`);
    backendPort = await freePort(3260, 3279);
    backend = http.createServer(app);
    await new Promise<void>((resolve) => backend.listen(backendPort, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await cache?.stop();
    await new Promise((resolve) => backend?.close(resolve));
  });

  it("drops the keys' entries from Next's cache and the front cache, leaves the rest, and warms what it was told", async () => {
    await startCache();
    const url = cache!.url;
    const Handler = cacheHandlerOver(processStore);
    const next = new Handler({ serverDistDir: "/nonexistent/server" });
    const page = (tags: string) => ({ kind: "APP_PAGE", html: "x", rscData: Buffer.from("x"), segmentData: new Map(), headers: { "x-next-cache-tags": tags }, status: 200 });
    const ctx = { kind: "APP_PAGE", cacheControl: { revalidate: 3600, expire: 31536000 } };
    await next.set("/stories/s1", page("reader,story:s1,issue:2041-02-01,_N_T_/layout"), ctx);
    await next.set("/stories/s2", page("reader,story:s2,issue:2041-02-02"), ctx);
    for (const path of ["/stories/s1", "/stories/s2", "/issues/2041-02-01"]) await request(url, path);
    for (const path of ["/stories/s1", "/stories/s2", "/issues/2041-02-01"]) expect((await request(url, path)).headers["x-cache"]).toBe("HIT");
    fetched.length = 0;

    const output = await readerPurgeJob({ why: "更正《测试》", keys: ["story:s1"], warm: ["/stories/s1"] });
    expect(output).toMatchObject({ keys: 1, warmed: 1 });
    expect(await next.get("/stories/s1", { kind: "APP_PAGE" })).toBeNull();
    expect(await next.get("/stories/s2", { kind: "APP_PAGE" })).not.toBeNull();
    // Warmed through the front cache: the page is there for the first reader.
    expect(fetched).toEqual(["/stories/s1"]);
    expect((await request(url, "/stories/s1", { headers: { "Accept-Encoding": "gzip" } })).headers["x-cache"]).toBe("HIT");
    // The list that showed the story went with it; the other story's page stayed.
    expect((await request(url, "/issues/2041-02-01")).headers["x-cache"]).toBe("MISS");
    expect((await request(url, "/stories/s2")).headers["x-cache"]).toBe("HIT");
  });

  it("is retried while the front cache is down, and done once it is back", async () => {
    await cache?.stop();
    cache = undefined;
    await expect(readerPurgeJob({ why: "撤稿《测试》", keys: ["story:s2"], warm: [] })).rejects.toThrow(/前端缓存 .* 无法访问/);

    let boss: PgBoss | undefined;
    try {
      boss = await startJobWorkers([{ queue: QUEUES.readerPurge, handler: readerPurgeJob }], { pollingIntervalSeconds: 0.5 });
      const id = await boss.send(QUEUES.readerPurge.name, { why: "撤稿《重试》", keys: ["story:s2"], warm: [] });
      const state = () => db().$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE id = ${id}::uuid`.then((r) => r[0]?.state);
      expect(await until(state, (s) => s === "retry")).toBe("retry");
      await startCache();
      expect(await until(state, (s) => s === "completed", 120)).toBe("completed");
    } finally {
      await boss?.stop({ graceful: false });
    }
  }, 180_000);
});

async function until<T>(what: () => Promise<T>, done: (value: T) => boolean, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await what();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}
