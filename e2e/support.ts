import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import pg from "pg";
import sharp from "sharp";

export { expect };

/**
 * Every browser test runs with the Content-Security-Policy on and fails if the browser reports a
 * violation: a script or style the policy blocks is a page that silently does not work.
 * It watches the default context and every context a test opens itself.
 */
export const test = base.extend<{ cspGuard: void; cspViolationsExpected: boolean }>({
  // A test that injects a script on purpose says so with test.use({ cspViolationsExpected: true }).
  cspViolationsExpected: [false, { option: true }],
  cspGuard: [
    async ({ browser, context, cspViolationsExpected }, use) => {
      const violations: string[] = [];
      const watch = (c: BrowserContext) =>
        c.on("console", (message) => {
          if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(`${message.location().url}: ${message.text()}`);
        });
      watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const created = await newContext(...args);
        watch(created);
        return created;
      };
      await use();
      browser.newContext = newContext;
      if (!cspViolationsExpected) expect(violations, "the browser reported Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

// Demo accounts come from the seed (prisma/seed/accounts.ts); the e2e database is seeded fresh.
export const PASSWORD = "jiping-2026";

export async function signIn(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/desk/);
}

export async function newUserPage(browser: Browser, username?: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (username) await signIn(page, username);
  return page;
}

export async function photoFile(name = "秋收.png") {
  const buffer = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 210, g: 170, b: 60 } } }).png().toBuffer();
  return { name, mimeType: "image/png", buffer };
}

/**
 * Reads the e2e database directly to find ids of seeded copy, and writes through it the test
 * fixtures the page tests need (e2e/page-fixtures.ts). Seeded rows are never changed.
 */
export async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** No serious or critical axe violations on the page as it stands. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${page.url()} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Headings go down one level at a time (h1 then h2, never h1 then h3): how a screen reader's outline reads. */
export async function expectHeadingsInOrder(page: Page) {
  const levels = await page.locator("h1, h2, h3, h4, h5, h6").evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
  const skips = levels.flatMap((level, i) => (i > 0 && level > levels[i - 1] + 1 ? [`h${levels[i - 1]} → h${level}`] : []));
  expect(skips, page.url()).toEqual([]);
}

/** Nothing scrolls sideways (at the viewport the test set, 360 px for a phone). */
export async function expectFitsPhone(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

export async function expectStatus(page: Page, text: string) {
  await expect(page.locator("main").getByText(text, { exact: true }).first()).toBeVisible();
}

/** The id of the process listening on `port` (the Next server Playwright started), found through /proc. */
export function listeningPid(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; column 10 is the socket's inode.
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === "0A") inodes.add(cols[9]);
    }
  }
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (inodes.has(target.match(/^socket:\[(\d+)\]$/)?.[1] ?? "")) return Number(pid);
      } catch {
        // closed while we looked
      }
    }
  }
  throw new Error(`no process of ours listens on port ${port}`);
}

/** Resident memory of a process in bytes (VmRSS). */
export function residentBytes(pid: number): number {
  const kb = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB$/m)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** Every file under a folder, counted (to see that a refused upload left nothing behind). */
export function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}
