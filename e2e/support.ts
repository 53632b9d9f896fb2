import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
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

/** Reads the e2e database directly, only to find ids of seeded copy (never to change it). */
export async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function expectStatus(page: Page, text: string) {
  await expect(page.locator("main").getByText(text, { exact: true }).first()).toBeVisible();
}
