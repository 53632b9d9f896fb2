import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { db } from "@/lib/platform/db";
import { authOptions } from "@/lib/auth/options";
import { throttledUntil } from "@/lib/auth/signin-refusal";
import { liftSignInLock, listSignInLocks } from "@/lib/auth/throttle";
import { makeUser } from "../support/factories";

// Sign-in goes through the very authorize() next-auth calls, from a client address given in
// x-forwarded-for. Every test uses its own accounts and addresses, so no test locks another's.
const PASSWORD = "correct horse battery";
const MINUTE = 60_000;

type Outcome = { outcome: "signed_in" } | { outcome: "refused" } | { outcome: "throttled"; until: Date };

async function signIn(username: string, password: string, address: string): Promise<Outcome> {
  const provider = authOptions().providers[0] as CredentialsConfig;
  try {
    const user = await provider.options.authorize({ username, password }, { headers: { "x-forwarded-for": address } });
    return user ? { outcome: "signed_in" } : { outcome: "refused" };
  } catch (e) {
    const until = throttledUntil((e as Error).message);
    if (!until) throw e;
    return { outcome: "throttled", until };
  }
}

async function failTimes(n: number, username: string, address: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < n; i++) outcomes.push(await signIn(username, "wrong password", address));
  return outcomes;
}

const freshAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const unknownUsername = () => `nobody_${randomUUID().slice(0, 8)}`;

/** How long from now a throttled refusal lasts, in minutes. */
function lockMinutes(outcome: Outcome): number {
  if (outcome.outcome !== "throttled") throw new Error(`expected a throttled refusal, got ${outcome.outcome}`);
  return (outcome.until.getTime() - Date.now()) / MINUTE;
}

/** A lock of `minutes` that began during this test (the refusal names its end to the second, rounded up). */
function expectLockOf(outcome: Outcome, minutes: number) {
  expect(lockMinutes(outcome)).toBeGreaterThan(minutes - 1);
  expect(lockMinutes(outcome)).toBeLessThanOrEqual(minutes + 1 / 60);
}

async function auditRows(action: string, targetId: string) {
  const rows = await db().auditEvent.findMany({ where: { action, targetId }, orderBy: { id: "asc" } });
  return rows.map((r): Record<string, unknown> => ({ actorId: r.actorId, ...(r.summary as Record<string, unknown>) }));
}

describe("sign-in throttling", () => {
  it("locks an account after five wrong passwords, and then refuses the right one", async () => {
    const user = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const address = freshAddress();
    expect(await failTimes(5, user.username, address)).toEqual(Array(5).fill({ outcome: "refused" }));
    expectLockOf(await signIn(user.username, PASSWORD, address), 15);
    // From another address too: the lock is on the account, whatever address an attacker claims.
    expect((await signIn(user.username, PASSWORD, freshAddress())).outcome).toBe("throttled");
  });

  it("counts a username however it is typed", async () => {
    const user = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const address = freshAddress();
    await failTimes(3, user.username.toUpperCase(), address);
    await failTimes(2, ` ${user.username} `, address);
    expect((await signIn(user.username, PASSWORD, address)).outcome).toBe("throttled");
  });

  it("locks an account twice as long the second time in a day", async () => {
    const user = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const address = freshAddress();
    await failTimes(5, user.username, address);
    expectLockOf(await signIn(user.username, PASSWORD, address), 15);

    // The first lock runs out (its row is made to expire rather than waiting a quarter of an hour).
    await db().rateLimit.update({ where: { key: `signin_account:${user.username}` }, data: { expire: new Date(Date.now() - 1000) } });
    expect(await failTimes(5, user.username, address)).toEqual(Array(5).fill({ outcome: "refused" }));
    expectLockOf(await signIn(user.username, PASSWORD, address), 30);
    expect((await auditRows("signin.lockout", user.username)).map((r) => r.minutes)).toEqual([15, 30]);
  });

  it("locks unknown usernames exactly like real ones, with the same refusal", async () => {
    const real = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const unknown = unknownUsername();
    const [realAnswers, unknownAnswers] = await Promise.all([
      failTimes(5, real.username, freshAddress()),
      failTimes(5, unknown, freshAddress()),
    ]);
    expect(unknownAnswers).toEqual(realAnswers);
    expectLockOf(await signIn(real.username, PASSWORD, freshAddress()), 15);
    expectLockOf(await signIn(unknown, PASSWORD, freshAddress()), 15);
  });

  it("lets at most five of twenty simultaneous guesses reach the password check", async () => {
    const user = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const address = freshAddress();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => signIn(user.username, "wrong password", address)));
    const checked = outcomes.filter((o) => o.outcome === "refused").length;
    // Exactly the window's five: every attempt is counted before its password is checked.
    expect(checked).toBe(5);
    expect(outcomes.filter((o) => o.outcome === "throttled")).toHaveLength(20 - checked);
    // Each checked password leaves one failure in the audit log: no more were verified.
    expect(await auditRows("signin.fail", user.username)).toHaveLength(checked);
    expect((await signIn(user.username, PASSWORD, address)).outcome).toBe("throttled");
  });

  it("locks an address that tries many usernames, but not the accounts themselves", async () => {
    const user = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const address = freshAddress();
    for (let i = 0; i < 20; i++) expect((await signIn(unknownUsername(), "jiping-2026", address)).outcome).toBe("refused");
    expectLockOf(await signIn(user.username, PASSWORD, address), 15);
    expect((await signIn(user.username, PASSWORD, freshAddress())).outcome).toBe("signed_in");
    expect((await auditRows("signin.lockout", address)).map((r) => r.scope)).toEqual(["address"]);
  });

  it("starts an account's count afresh after the right password", async () => {
    const user = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const address = freshAddress();
    await failTimes(4, user.username, address);
    expect((await signIn(user.username, PASSWORD, address)).outcome).toBe("signed_in");
    await failTimes(4, user.username, address);
    expect((await signIn(user.username, PASSWORD, address)).outcome).toBe("signed_in");
    // The count did start again: five more failures, not one, lock the account.
    await failTimes(5, user.username, address);
    expect((await signIn(user.username, PASSWORD, address)).outcome).toBe("throttled");
  });

  it("does not hold a successful sign-in against its address", async () => {
    const user = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const address = freshAddress();
    for (let i = 0; i < 19; i++) await signIn(unknownUsername(), "wrong password", address);
    expect((await signIn(user.username, PASSWORD, address)).outcome).toBe("signed_in");
    expect((await signIn(user.username, PASSWORD, address)).outcome).toBe("signed_in");
    // Failures alone fill the address's window: the twentieth locks it.
    expect((await signIn(unknownUsername(), "wrong password", address)).outcome).toBe("refused");
    expectLockOf(await signIn(user.username, PASSWORD, address), 15);
  });

  it("lets an administrator lift a lock, and audits it", async () => {
    const admin = await makeUser("ADMIN", "管理员");
    const user = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const address = freshAddress();
    await failTimes(5, user.username, address);
    expect(await listSignInLocks(admin)).toContainEqual(expect.objectContaining({ scope: "account", subject: user.username }));

    await liftSignInLock(admin, { scope: "account", subject: user.username });
    expect(await listSignInLocks(admin)).not.toContainEqual(expect.objectContaining({ subject: user.username }));
    expect((await signIn(user.username, PASSWORD, address)).outcome).toBe("signed_in");
    expect(await auditRows("signin.unlock", user.username)).toEqual([expect.objectContaining({ actorId: admin.id, scope: "account", username: user.username })]);
    // A lock already lifted cannot be lifted again, and nothing more is written.
    await expect(liftSignInLock(admin, { scope: "account", subject: user.username })).rejects.toThrow("这个登录锁定已经解除或已过期");
    expect(await auditRows("signin.unlock", user.username)).toHaveLength(1);
  });

  it("refuses to let anyone but an administrator see or lift a lock", async () => {
    const editor = await makeUser("EDITOR", "编辑");
    const user = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    await failTimes(5, user.username, freshAddress());
    await expect(liftSignInLock(editor, { scope: "account", subject: user.username })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listSignInLocks(editor)).rejects.toMatchObject({ code: "forbidden" });
    expect((await signIn(user.username, PASSWORD, freshAddress())).outcome).toBe("throttled");
    expect(await auditRows("signin.unlock", user.username)).toHaveLength(0);
  });

  it("refuses a malformed lift with a message and changes nothing", async () => {
    const admin = await makeUser("ADMIN", "管理员");
    await expect(liftSignInLock(admin, { scope: "everything", subject: "" })).rejects.toThrow("请选择要解除的登录锁定");
  });

  it("audits failed and refused sign-ins with the username tried, the address and the reason", async () => {
    const user = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const disabled = await makeUser("CORRESPONDENT", "停用的人", PASSWORD);
    await db().user.update({ where: { id: disabled.id }, data: { active: false } });
    const unknown = unknownUsername();
    const address = freshAddress();

    await signIn(unknown, PASSWORD, address);
    await signIn(disabled.username, PASSWORD, address);
    await failTimes(5, user.username, address);
    await signIn(user.username, PASSWORD, address);

    expect(await auditRows("signin.fail", unknown)).toEqual([{ actorId: null, username: unknown, address, reason: "unknown_user" }]);
    expect(await auditRows("signin.fail", disabled.username)).toEqual([{ actorId: null, username: disabled.username, address, reason: "disabled" }]);
    const failures = await auditRows("signin.fail", user.username);
    expect(failures).toHaveLength(5);
    expect(failures.every((r) => r.reason === "wrong_password" && r.address === address)).toBe(true);
    expect(await auditRows("signin.lockout", user.username)).toEqual([
      expect.objectContaining({ scope: "account", username: user.username, address, minutes: 15 }),
    ]);
    expect(await auditRows("signin.throttled", user.username)).toEqual([
      expect.objectContaining({ username: user.username, address, lockedBy: "account" }),
    ]);
  });
});
