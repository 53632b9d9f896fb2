import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, newUserPage, PASSWORD, query, test } from "./support";

// Browsers sign in from this machine's address, so the browser tests lock only accounts they made
// themselves and lift the locks at the end; their failures stay far below the address's limit.
// The address tests play clients from other loopback addresses (127.0.0.2 and up) through real
// Varnish, which the app trusts only at 127.0.0.1.

const port = Number(process.env.E2E_PORT ?? 3100);
const STRANGER_REFUSAL = /^登录尝试过多，请于 (\d+月\d+日 )?\d{2}:\d{2}（北京时间）后再试。在您以前登录过的浏览器上不受此限；急需时请联系管理员解除锁定$/;

async function tryPassword(page: Page, username: string, password: string) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
    page.getByRole("button", { name: "登录", exact: true }).click(),
  ]);
}

async function createAccount(admin: Page, username: string) {
  await admin.goto("/desk/admin");
  await admin.getByLabel("用户名（登录用）").fill(username);
  await admin.getByLabel("姓名").fill("锁定测试");
  await admin.getByLabel("初始密码（至少 10 位）").fill(PASSWORD);
  await admin.getByRole("button", { name: "创建账号" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `已创建账号 ${username}` })).toBeVisible();
}

/** The owner's usual browser: it has signed in to the account once, then its session ended. */
async function usualBrowser(browser: Browser, username: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await tryPassword(page, username, PASSWORD);
  await page.waitForURL(/\/desk/);
  await context.clearCookies({ name: /session-token/ });
  await page.close();
  return context;
}

test("wrong passwords from a stranger's browser lock strangers out, never the owner's usual browser, until an administrator lifts the lock", async ({ browser }) => {
  const username = `suoding_${Date.now().toString(36)}`;
  const admin = await newUserPage(browser, "admin");
  await createAccount(admin, username);
  const usual = await usualBrowser(browser, username);
  const cookies = await usual.cookies();
  // The device cookie is kept from scripts and sent only to the sign-in request.
  expect(cookies.find((c) => c.name === "newsroom.signin-device")).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/auth/callback/credentials" });

  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  const answer = page.locator("form").getByRole("alert");
  for (let i = 0; i < 5; i++) {
    await tryPassword(page, username, `wrong-password-${i}`);
    await expect(answer).toHaveText("用户名或密码不正确，或账号已停用");
  }
  // Locked for strangers: even the right password is refused, with the time to come back.
  await tryPassword(page, username, PASSWORD);
  await expect(answer).toHaveText(STRANGER_REFUSAL);
  await expect(page).toHaveURL(/\/login/);

  // The owner's usual browser signs in all the same.
  const owner = await usual.newPage();
  await owner.goto("/login");
  await tryPassword(owner, username, PASSWORD);
  await owner.waitForURL(/\/desk/);

  await admin.goto(`/desk/admin/audit?target=${username}`);
  for (const label of ["登录失败", "登录锁定", "登录被限制"]) await expect(admin.locator("tbody")).toContainText(label);

  await admin.goto("/desk/admin");
  const locks = admin.getByRole("region", { name: "登录锁定" });
  await expect(locks.getByRole("row").filter({ hasText: username })).toContainText("账号");
  await locks.getByRole("button", { name: `解除 ${username} 的登录锁定` }).click();
  await expect(admin.getByRole("status").filter({ hasText: `已解除 ${username} 的登录锁定` })).toBeVisible();
  await expect(locks.getByRole("row").filter({ hasText: username })).toHaveCount(0);

  await tryPassword(page, username, PASSWORD);
  await page.waitForURL(/\/desk/);
  await admin.goto(`/desk/admin/audit?target=${username}`);
  await expect(admin.locator("tbody")).toContainText("解除登录锁定");
});

test("the owner's usual browser locked by its own typing is listed by whose browser it is, and lifted", async ({ browser }) => {
  const username = `suoding_${Date.now().toString(36)}`;
  const admin = await newUserPage(browser, "admin");
  await createAccount(admin, username);
  const usual = await usualBrowser(browser, username);
  const page = await usual.newPage();
  await page.goto("/login");
  for (let i = 0; i < 5; i++) await tryPassword(page, username, `wrong-password-${i}`);
  await tryPassword(page, username, PASSWORD);
  await expect(page.locator("form").getByRole("alert")).toHaveText(/^登录尝试过多，请于 (\d+月\d+日 )?\d{2}:\d{2}（北京时间）后再试$/);

  await admin.goto("/desk/admin");
  const locks = admin.getByRole("region", { name: "登录锁定" });
  const row = locks.getByRole("row").filter({ hasText: `${username} 的常用浏览器` });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: new RegExp(`^解除 ${username} 的常用浏览器（[\\w-]{6}） 的登录锁定$`) }).click();
  await expect(admin.getByRole("status").filter({ hasText: new RegExp(`已解除 ${username} 的常用浏览器`) })).toBeVisible();
  await tryPassword(page, username, PASSWORD);
  await page.waitForURL(/\/desk/);
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** An HTTP request from a chosen local address, as a client on another machine would send it. */
function send(origin: string, pathname: string, options: { from: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(pathname, origin), { method: options.method ?? "GET", headers: options.headers, localAddress: options.from, agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (d) => (body += d));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

/** A wrong password sent as the sign-in form sends it; answers the address the app counted for it. */
async function countedAddress(origin: string, from: string, forgedForwardedFor?: string): Promise<string> {
  const username = `nobody_${Math.random().toString(36).slice(2, 10)}`;
  const forged: Record<string, string> = forgedForwardedFor ? { "x-forwarded-for": forgedForwardedFor } : {};
  const csrf = await send(origin, "/api/auth/csrf", { from, headers: forged });
  expect(csrf.status, csrf.body).toBe(200);
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const body = new URLSearchParams({ username, password: "wrong password", csrfToken: JSON.parse(csrf.body).csrfToken, callbackUrl: `${origin}/desk`, json: "true" });
  const answer = await send(origin, "/api/auth/callback/credentials", {
    from,
    method: "POST",
    headers: { ...forged, "content-type": "application/x-www-form-urlencoded", cookie },
    body: body.toString(),
  });
  expect(answer.body).toContain("error=CredentialsSignin");
  const rows = await query<{ address: string }>(`SELECT summary->>'address' AS address FROM "AuditEvent" WHERE action = 'signin.fail' AND "targetId" = $1`, [username]);
  expect(rows).toHaveLength(1);
  return rows[0].address;
}

/** A real Varnish with the project's VCL (scripts/front-cache.mjs), run as its own process. */
async function startProxy(listen: string, backend: string): Promise<{ url: string; process: ChildProcess }> {
  const workDir = path.join(os.tmpdir(), `newsroom-e2e-signin-${listen.replace(/\W/g, "-")}`);
  const child = spawn(process.execPath, ["scripts/front-cache.mjs", "start", "--listen", listen, "--backend", backend, "--work-dir", workDir, "--memory", "32m"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (d) => (output = (output + d).slice(-8000)));
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    lines.on("line", (line) => (line.startsWith("front cache on") ? resolve() : (output += line + "\n")));
    child.once("exit", (code) => reject(new Error(`the front cache stopped (${code}):\n${output}`)));
  });
  return { url: `http://${listen}`, process: child };
}

async function stopProxy(proxy: { process: ChildProcess } | undefined) {
  if (!proxy || proxy.process.exitCode !== null) return;
  const exited = new Promise((resolve) => proxy.process.once("exit", resolve));
  proxy.process.kill("SIGTERM");
  await exited;
}

test.describe("the address a sign-in is counted by", () => {
  let nearProxy: Awaited<ReturnType<typeof startProxy>>;
  let farProxy: Awaited<ReturnType<typeof startProxy>>;

  test.beforeAll(async () => {
    // Two real Varnish caches in a row, as nginx then Varnish before the app: each appends the address it was reached from.
    nearProxy = await startProxy(`127.0.0.1:${port + 40}`, `127.0.0.1:${port}`);
    farProxy = await startProxy(`127.0.0.1:${port + 41}`, `127.0.0.1:${port + 40}`);
  });

  test.afterAll(async () => {
    await stopProxy(farProxy);
    await stopProxy(nearProxy);
  });

  test("is the client's through one proxy and through two, whatever X-Forwarded-For the client sends", async () => {
    // Reached directly, with no header of its own: the socket's address, which Next writes in.
    expect(await countedAddress(`http://127.0.0.1:${port}`, "127.0.0.2")).toBe("127.0.0.2");
    expect(await countedAddress(nearProxy.url, "127.0.0.3")).toBe("127.0.0.3");
    expect(await countedAddress(farProxy.url, "127.0.0.4")).toBe("127.0.0.4");
    // A client cannot pick its address through our proxies: not another one, nor a proxy's own.
    expect(await countedAddress(nearProxy.url, "127.0.0.5", "203.0.113.50")).toBe("127.0.0.5");
    expect(await countedAddress(farProxy.url, "127.0.0.6", "203.0.113.50")).toBe("127.0.0.6");
    expect(await countedAddress(farProxy.url, "127.0.0.7", "127.0.0.1")).toBe("127.0.0.7");
    expect(await countedAddress(farProxy.url, "127.0.0.8", "127.0.0.1, 127.0.0.1")).toBe("127.0.0.8");
  });
});

/** Starts the test build as `npm start` would, with these settings; answers how it ended. */
async function startWith(settings: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const next = path.join("node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [next, "start", "-p", String(port + 42), "-H", settings.HOST ?? "127.0.0.1"], { env: { ...process.env, ...settings }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const ended = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const timeout = setTimeout(() => child.kill("SIGTERM"), 120_000);
  const code = await ended;
  clearTimeout(timeout);
  return { code, output };
}

test("an instance refuses to start, saying why, where it cannot tell clients apart", async () => {
  const open = await startWith({ HOST: "0.0.0.0" });
  expect(open.output).toContain("无法启动：环境变量有误: TRUSTED_PROXIES: HOST=0.0.0.0 让其他机器也能连到本应用");
  expect(open.code).toBe(4);
  const hops = await startWith({ TRUSTED_PROXY_HOPS: "1" });
  expect(hops.output).toContain("TRUSTED_PROXY_HOPS: 已不再使用");
  expect(hops.code).toBe(4);
});
