import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { Browser, Page } from "@playwright/test";
import { expect, listeningPid, PASSWORD, photoFile, query, test } from "./support";
import { makeIssue } from "./page-fixtures";

// `npm run start:cluster` as an installation of several instances runs: two instances of the test
// build on the test database, their cache shared in Redis, photos in an S3-protocol server, a
// Varnish front cache before them. What is done on instance A is what B and the front cache serve.

const base = Number(process.env.E2E_PORT ?? 3100);
const ports = [base + 20, base + 21];
const frontPort = base + 30;
type Cluster = { front: string; instances: string[]; s3: string };

let cluster: Cluster;
let child: ChildProcess;
let output = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  child = spawn(process.execPath, ["scripts/start-cluster.mjs"], {
    env: {
      ...process.env,
      CLUSTER_PORTS: ports.join(","),
      FRONT_PORT: String(frontPort),
      // The build scripts/test.mjs made, with the Server Actions key it made it with: no second build.
      CLUSTER_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
      NEXTAUTH_URL: `http://127.0.0.1:${frontPort}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.on("data", (d) => (output = (output + d).slice(-20_000)));
  const lines = createInterface({ input: child.stdout! });
  cluster = await new Promise<Cluster>((resolve, reject) => {
    lines.on("line", (line) => {
      output = (output + line + "\n").slice(-20_000);
      if (line.startsWith("cluster {")) resolve(JSON.parse(line.slice("cluster ".length)));
    });
    child.once("exit", (code) => reject(new Error(`the cluster script stopped (${code}):\n${output}`)));
  });
});

test.afterAll(async () => {
  if (child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
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

  // Withdrawn on A: B and the front cache answer 410 at once (the bound leaves room for a busy
  // machine to render the page; the time taken is printed).
  await chief.goto(`/desk/stories/${storyId}`);
  await chief.getByLabel("撤稿原因").fill("稿件中的车位数字正在核实。");
  chief.once("dialog", (d) => d.accept());
  await chief.getByRole("button", { name: "撤稿" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "稿件已撤下" })).toBeVisible();
  const withdrawnAt = Date.now();
  for (const origin of [b, cluster.front]) {
    await expect.poll(async () => (await request.get(`${origin}/stories/${storyId}`)).status(), { timeout: 5_000, intervals: [100] }).toBe(410);
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
});
