import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import type { Browser, Page } from "@playwright/test";
import { expect, listeningPid, PASSWORD, photoFile, query, test } from "./support";
import { makeIssue } from "./page-fixtures";

// `npm run start:cluster` as an installation of several instances runs it: two instances of the
// test build on a database of their own that the script makes and seeds with the demo content
// (as on a newcomer's machine), their cache shared in Redis, photos in an S3-protocol server, a
// Varnish front cache before them. What is done on instance A is what B and the front cache serve.
// The script runs in a process group of its own: whatever fails, the test stops the whole group.

const base = Number(process.env.E2E_PORT ?? 3100);
const ports = [base + 20, base + 21];
const frontPort = base + 30;
type Cluster = { front: string; instances: string[]; s3: string; pid: number };

const e2eDatabase = process.env.DATABASE_URL!;
const clusterDatabase = Object.assign(new URL(e2eDatabase), { pathname: `${new URL(e2eDatabase).pathname}_cluster` }).toString();
let dataDir: string;

/** Starts the cluster script in a process group of its own; `ready` is what it prints once it serves. */
function startCluster(settings: Record<string, string>) {
  const child = spawn(process.execPath, ["scripts/start-cluster.mjs"], {
    env: {
      ...process.env,
      DATABASE_URL: clusterDatabase,
      CLUSTER_DATA_DIR: dataDir,
      // Under the run's own prefix, which scripts/test.mjs clears from Redis afterwards.
      CACHE_PREFIX: `${process.env.CACHE_PREFIX ?? "newsroom-e2e"}:cluster`,
      // The build scripts/test.mjs made, with the Server Actions key it made it with: no second build.
      CLUSTER_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
      ...settings,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (text: string) => (output = (output + text).slice(-20_000));
  child.stderr!.on("data", (d) => keep(String(d)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<Cluster>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      keep(line + "\n");
      if (line.startsWith("cluster {")) resolve(JSON.parse(line.slice("cluster ".length)));
    });
    void exited.then((code) => reject(new Error(`the cluster script stopped (${code}):\n${output}`)));
  });
  ready.catch(() => {});
  return { child, ready, exited, output: () => output };
}

/** Whether any process of the group is still there. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops every process of the cluster script's group: SIGTERM, then SIGKILL for whatever is left a minute later. */
async function stopGroup(child: ChildProcess) {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // nothing left
    }
  };
  signal("SIGTERM");
  const killAt = Date.now() + 60_000;
  while (groupAlive(child.pid!)) {
    if (Date.now() > killAt) signal("SIGKILL");
    await new Promise((r) => setTimeout(r, 200));
  }
}

function listens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.end(), resolve(true)));
    socket.once("error", () => (socket.destroy(), resolve(false)));
  });
}

async function onServer<T>(sql: string): Promise<T> {
  const admin = new pg.Client({ connectionString: Object.assign(new URL(e2eDatabase), { pathname: "/postgres" }).toString() });
  await admin.connect();
  try {
    return (await admin.query(sql)).rows as T;
  } finally {
    await admin.end();
  }
}

test.beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "newsroom-cluster-"));
  // As .data is: varnishd, run as root, reads its VCL there as its own user (the objects' folder stays private).
  chmodSync(dataDir, 0o755);
});

test.afterAll(async () => {
  await onServer(`DROP DATABASE IF EXISTS "${new URL(clusterDatabase).pathname.slice(1)}" WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
});

/** A signed-in browser page whose relative addresses go to `origin` (an instance or the front cache). */
async function userAt(browser: Browser, origin: string, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/desk/);
  return page;
}

test.describe("a cluster of two instances", () => {
  test.describe.configure({ mode: "serial" });
  let started: ReturnType<typeof startCluster>;
  let cluster: Cluster;

  test.beforeAll(async () => {
    test.setTimeout(600_000);
    started = startCluster({ CLUSTER_PORTS: ports.join(","), FRONT_PORT: String(frontPort), NEXTAUTH_URL: `http://127.0.0.1:${frontPort}` });
    cluster = await started.ready;
    // The fixtures below write to the cluster's database.
    process.env.DATABASE_URL = clusterDatabase;
  });

  test.afterAll(async () => {
    process.env.DATABASE_URL = e2eDatabase;
    if (started) await stopGroup(started.child);
  });


  test("the demo content's photos were seeded into the object store: the instances serve them, the store itself only to signed requests", async ({ request }) => {
    const [a, b] = cluster.instances;
    const photos = await query<{ id: string; storageKey: string; mimeType: string }>(
      `SELECT p.id, p."storageKey", p."mimeType" FROM "Photo" p JOIN "StoryPhoto" sp ON sp."photoId" = p.id JOIN "Story" s ON s.id = sp."storyId" WHERE s.status = 'PUBLISHED' ORDER BY p."createdAt"`,
    );
    expect(photos.length).toBeGreaterThan(0);
    for (const photo of photos) {
      for (const origin of [a, b, cluster.front]) {
        const file = await request.get(`${origin}/api/photos/${photo.id}/w480`);
        expect(file.status(), `${origin} ${photo.id}`).toBe(200);
        expect(file.headers()["content-type"]).toBe("image/webp");
      }
    }
    // The original keeps the camera's metadata: from the store, only to whoever holds its keys.
    const [first] = photos;
    const extension = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" }[first.mimeType];
    for (const name of [`original.${extension}`, "w480.webp"]) {
      const direct = await request.get(`${cluster.s3}/newsroom-photos/${first.storageKey}/${name}`);
      expect(direct.status(), name).toBe(403);
    }
    expect((await request.get(`${cluster.s3}/newsroom-photos`)).status()).toBe(403);
  });

  test("published on A: read on B and through the front cache; withdrawn on A: 410 on B and through the front cache", async ({ browser, request }) => {
    const [a, b] = cluster.instances;
    const headline = "县城新建四座智慧停车场投入使用";
    const issue = await makeIssue({
      date: "2025-03-16",
      number: 8816,
      published: false,
      pages: [{ number: 1, name: "要闻", items: [{ headline, paragraphs: ["近日，县城新建的四座智慧停车场投入使用，新增停车位六百余个。"], author: "zhanghan", isLead: true, size: "LEAD" }] }],
    });
    await query(`UPDATE "Page" SET status = 'SIGNED', "signedAt" = now() WHERE "issueId" = $1`, [issue.id]);
    const storyId = issue.storyIds[headline];
    const pageOne = `/issues/${issue.date}/pages/1`;
    // Before: nothing of it anywhere (and a 404 is not kept, by the app or the front cache for long).
    for (const origin of [b, cluster.front]) expect((await request.get(`${origin}${pageOne}`)).status(), origin).toBe(404);

    const chief = await userAt(browser, a, "zongbian");
    await chief.goto(`/desk/issues/${issue.id}`);
    chief.once("dialog", (d) => d.accept());
    await chief.getByRole("button", { name: "立即见报" }).click();
    await expect(chief.getByRole("status").filter({ hasText: "已签发见报" })).toBeVisible();

    // B serves the issue and the story at once: it renders them itself, or takes A's from Redis.
    expect(await (await request.get(`${b}${pageOne}`)).text()).toContain(headline);
    expect((await request.get(`${b}/stories/${storyId}`)).status()).toBe(200);
    // The front cache: the first request asks an instance, the next is its own copy.
    await expect.poll(async () => (await (await request.get(`${cluster.front}/stories/${storyId}`)).text()).includes(headline), { timeout: 30_000 }).toBe(true);
    const cached = await request.get(`${cluster.front}/stories/${storyId}`);
    expect(cached.headers()["x-cache"]).toBe("HIT");
    expect(await cached.text()).toContain(headline);

    // Withdrawn on A: B and the front cache answer 410. The test waits for that answer, as long as a
    // busy machine may take; the time it took is printed, never asserted.
    await chief.goto(`/desk/stories/${storyId}`);
    await chief.getByLabel("撤稿原因").fill("稿件中的车位数字正在核实。");
    chief.once("dialog", (d) => d.accept());
    await chief.getByRole("button", { name: "撤稿" }).click();
    await expect(chief.getByRole("status").filter({ hasText: "稿件已撤下" })).toBeVisible();
    const withdrawnAt = Date.now();
    for (const origin of [b, cluster.front]) {
      await expect.poll(async () => (await request.get(`${origin}/stories/${storyId}`)).status(), { timeout: 120_000, intervals: [100, 250, 500, 1000] }).toBe(410);
    }
    console.log(`[cluster] 410 on B and through the front cache ${Date.now() - withdrawnAt} ms after the withdrawal was confirmed`);
    expect(await (await request.get(`${cluster.front}/stories/${storyId}`)).text()).toContain("稿件已撤回");
  });

  test("a photo uploaded on A is served by B and through the front cache", async ({ browser }) => {
    const [a, b] = cluster.instances;
    const editor = await userAt(browser, a, "bianji");
    const upload = await editor.request.post(`${a}/api/photos`, { headers: { origin: a }, multipart: { file: await photoFile("停车场.png") } });
    expect(upload.status(), await upload.text()).toBe(201);
    const { id } = (await upload.json()) as { id: string };
    // Unused stock: the desk sees it on any instance; the file lives in the shared bucket.
    const onA = await editor.request.get(`${a}/api/photos/${id}/w480`);
    expect(onA.status()).toBe(200);
    const bytes = await onA.body();
    expect(bytes.subarray(8, 12).toString("latin1")).toBe("WEBP");
    for (const origin of [b, cluster.front]) {
      const file = await editor.request.get(`${origin}/api/photos/${id}/w480`);
      expect(file.status(), origin).toBe(200);
      expect(file.headers()["content-type"]).toBe("image/webp");
      expect(Buffer.compare(await file.body(), bytes), origin).toBe(0);
    }
    // Not published: nobody else gets it, and the front cache keeps no copy of it.
    const anonymous = await browser.newContext();
    expect((await anonymous.request.get(`${cluster.front}/api/photos/${id}/w480`)).status()).toBe(404);
  });

  test("instance A stops mid-session: the editor goes on working through the front cache and loses no save", async ({ browser }) => {
    const [a] = cluster.instances;
    const editor = await userAt(browser, cluster.front, "zhanghan");
    await editor.goto("/desk/stories/new");
    await editor.getByLabel("主题（标题）").fill("城东菜市场完成改造重新开业");
    await editor.getByLabel("正文第 1 段").fill("经过三个月改造，城东菜市场今天重新开业。");
    await editor.getByRole("button", { name: "保存" }).click();
    await expect(editor.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
    await expect(editor).toHaveURL(/\/desk\/stories\/[a-z0-9]+$/);
    const storyId = new URL(editor.url()).pathname.split("/").pop()!;

    // A dies without a word, as a machine does.
    process.kill(listeningPid(Number(new URL(a).port)), "SIGKILL");

    // Two saves at once after it: the front cache takes turns between the instances, so one of them
    // is sent to A before its health check fails; it must reach B all the same.
    const edits = ["经过三个月改造，城东菜市场今天重新开业，摊位增加到一百二十个。", "经过三个月改造，城东菜市场今天重新开业，摊位增加到一百二十个，另设便民服务区。"];
    for (const text of edits) {
      await editor.getByLabel("正文第 1 段").fill(text);
      await editor.getByRole("button", { name: "保存" }).click();
      await expect.poll(async () => (await query<{ body: string }>(`SELECT body::text AS body FROM "Story" WHERE id = $1`, [storyId]))[0].body, { timeout: 30_000 }).toContain(text);
    }
    await editor.reload();
    await expect(editor.getByLabel("正文第 1 段")).toHaveValue(edits[1]);

    // Nothing else restarts it: the cluster script starts A again by itself.
    await expect.poll(async () => (await fetch(`${a}/api/health`).catch(() => null))?.status, { timeout: 300_000, intervals: [1000] }).toBe(200);
  });


  test("the cluster script is killed: the instances and the object store it started end by themselves", async () => {
    const instancePorts = cluster.instances.map((origin) => Number(new URL(origin).port));
    const s3Port = Number(new URL(cluster.s3).port);
    for (const port of [...instancePorts, s3Port]) expect(await listens(port), String(port)).toBe(true);
    process.kill(cluster.pid, "SIGKILL");
    // Their parent gone, nobody would stop them: they notice and end (waited for, never timed).
    for (const port of [...instancePorts, s3Port]) {
      await expect.poll(() => listens(port), { timeout: 120_000, intervals: [500] }).toBe(false);
    }
  });
});

test("the front cache cannot start: the cluster script stops everything it started, and says why", async () => {
  test.setTimeout(600_000);
  const otherPorts = [base + 22, base + 23];
  const failing = startCluster({ CLUSTER_PORTS: otherPorts.join(","), FRONT_PORT: String(base + 31), VARNISHD: "/nonexistent/varnishd" });
  try {
    expect(await failing.exited).toBe(1);
    expect(failing.output()).toContain("/nonexistent/varnishd");
    // The instances had started (the front cache comes last): nothing of the group is left.
    await expect.poll(() => groupAlive(failing.child.pid!), { timeout: 120_000, intervals: [500] }).toBe(false);
    for (const port of otherPorts) expect(await listens(port), String(port)).toBe(false);
  } finally {
    await stopGroup(failing.child);
  }
});
