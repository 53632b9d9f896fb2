import type { Page } from "@playwright/test";
import { expect, newUserPage, PASSWORD, test } from "./support";

// Every test signs in from this machine's address, so this one locks only an account it made
// itself and lifts the lock at the end; its five failures stay far below the address's limit.

async function tryPassword(page: Page, username: string, password: string) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
    page.getByRole("button", { name: "登录", exact: true }).click(),
  ]);
}

test("repeated wrong passwords lock an account until an administrator lifts the lock", async ({ browser }) => {
  const username = `suoding_${Date.now().toString(36)}`;
  const admin = await newUserPage(browser, "admin");
  await admin.goto("/desk/admin");
  await admin.getByLabel("用户名（登录用）").fill(username);
  await admin.getByLabel("姓名").fill("锁定测试");
  await admin.getByLabel("初始密码（至少 10 位）").fill(PASSWORD);
  await admin.getByRole("button", { name: "创建账号" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `已创建账号 ${username}` })).toBeVisible();

  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  const answer = page.locator("form").getByRole("alert");
  for (let i = 0; i < 5; i++) {
    await tryPassword(page, username, `wrong-password-${i}`);
    await expect(answer).toHaveText("用户名或密码不正确，或账号已停用");
  }
  // Locked now: even the right password is refused, with the time to come back.
  await tryPassword(page, username, PASSWORD);
  await expect(answer).toHaveText(/^登录尝试过多，请于 (\d+月\d+日 )?\d{2}:\d{2}（北京时间）后再试$/);
  await expect(page).toHaveURL(/\/login/);

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
