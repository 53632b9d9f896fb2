import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { db } from "@/lib/platform/db";
import { authOptions } from "@/lib/auth/options";
import { deviceCookieAfterSignIn, withDeviceCookie } from "@/lib/auth/signin-device";
import { signInRefusalMessage, throttledUntil } from "@/lib/auth/signin-refusal";
import { liftSignInLock, listSignInLocks } from "@/lib/auth/throttle";
import { makeUser } from "../support/factories";

// Sign-in goes through the very authorize() next-auth calls, from a client address given in
// x-forwarded-for, and through the wrapper the sign-in route puts around it to hand out the device
// cookie. Every test uses its own accounts and addresses, so no test locks another's.
const PASSWORD = "correct horse battery";
const MINUTE = 60_000;

type Outcome = { outcome: "signed_in" } | { outcome: "refused" } | { outcome: "throttled"; until: Date; message: string };

/** A browser's cookie for the sign-in address: empty until a right password earns it one. */
type Browser = { cookie: string; setCookie?: string };
const newBrowser = (): Browser => ({ cookie: "" });

async function signIn(username: string, password: string, address: string, browser: Browser = newBrowser()): Promise<Outcome> {
  const provider = authOptions().providers[0] as CredentialsConfig;
  const headers = { "x-forwarded-for": address, ...(browser.cookie ? { cookie: browser.cookie } : {}) };
  try {
    const { result: user, setCookie } = await withDeviceCookie(() => provider.options.authorize({ username, password }, { headers }));
    if (setCookie) Object.assign(browser, { cookie: setCookie.split(";")[0], setCookie });
    return user ? { outcome: "signed_in" } : { outcome: "refused" };
  } catch (e) {
    const code = (e as Error).message;
    const until = throttledUntil(code);
    if (!until) throw e;
    return { outcome: "throttled", until, message: signInRefusalMessage(code) };
  }
}

async function failTimes(n: number, username: string, address: string, browser?: Browser): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < n; i++) outcomes.push(await signIn(username, "wrong password", address, browser));
  return outcomes;
}

/** A browser the account has signed in from before, as its owner's usual one. */
async function knownBrowser(username: string, address = freshAddress()): Promise<Browser> {
  const browser = newBrowser();
  expect(await signIn(username, PASSWORD, address, browser)).toEqual({ outcome: "signed_in" });
  return browser;
}

const freshAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const unknownUsername = () => `nobody_${randomUUID().slice(0, 8)}`;
/** What a refusal says to a browser the account does not know (the owner's own would still pass). */
const STRANGER_REFUSAL = /^登录尝试过多，请于 .+（北京时间）后再试。在您以前登录过的浏览器上不受此限；急需时请联系管理员解除锁定$/;

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

describe("the owner's own browser (device cookie)", () => {
  it("is never locked by a stranger's wrong passwords from many addresses, while the stranger is", async () => {
    const owner = await makeUser("CHIEF_EDITOR", "值班总编", PASSWORD);
    const usual = await knownBrowser(owner.username);
    // A guesser without the owner's browser, from a new address every time, as a botnet would.
    const guesses: Outcome[] = [];
    for (let i = 0; i < 30; i++) guesses.push(await signIn(owner.username, "wrong password", freshAddress()));
    expect(guesses.slice(0, 5)).toEqual(Array(5).fill({ outcome: "refused" }));
    expect(guesses.slice(5).every((g) => g.outcome === "throttled")).toBe(true);
    // Only five guesses reached the password check: the stranger is slowed whatever address it claims.
    expect(await auditRows("signin.fail", owner.username)).toHaveLength(5);
    expect(await signIn(owner.username, PASSWORD, freshAddress())).toMatchObject({ outcome: "throttled", message: expect.stringMatching(STRANGER_REFUSAL) });

    // The owner, in the usual browser, from any address, with the right password: signed in.
    expect(await signIn(owner.username, PASSWORD, freshAddress(), usual)).toEqual({ outcome: "signed_in" });
    expect(await signIn(owner.username, PASSWORD, freshAddress(), usual)).toEqual({ outcome: "signed_in" });
    // ...and the stranger's lock still holds for everyone else.
    expect((await signIn(owner.username, PASSWORD, freshAddress())).outcome).toBe("throttled");
  });

  it("is held to its own wrong passwords: five lock that browser alone, for its own lock's length", async () => {
    const owner = await makeUser("EDITOR", "编辑", PASSWORD);
    const [usual, other] = [await knownBrowser(owner.username), await knownBrowser(owner.username)];
    const address = freshAddress();
    expect(await failTimes(5, owner.username, address, usual)).toEqual(Array(5).fill({ outcome: "refused" }));
    const refusal = await signIn(owner.username, PASSWORD, address, usual);
    expectLockOf(refusal, 15);
    // Its own typing locked it: no hint that another of its browsers would pass.
    expect(refusal).toMatchObject({ message: expect.stringMatching(/^登录尝试过多，请于 .+（北京时间）后再试$/) });
    // Another browser of the owner, and a browser the account does not know, are not held to it.
    expect(await signIn(owner.username, PASSWORD, address, other)).toEqual({ outcome: "signed_in" });
    expect(await signIn(owner.username, PASSWORD, address)).toEqual({ outcome: "signed_in" });

    const lockouts = await auditRows("signin.lockout", owner.username);
    expect(lockouts).toEqual([expect.objectContaining({ scope: "device", username: owner.username, address, minutes: 15, device: expect.stringMatching(/^[\w-]{16}$/) })]);
    expect(await auditRows("signin.fail", owner.username)).toHaveLength(5);
    expect((await auditRows("signin.fail", owner.username)).every((r) => r.device === lockouts[0].device)).toBe(true);
  });

  it("starts its own count afresh after the right password", async () => {
    const owner = await makeUser("EDITOR", "编辑", PASSWORD);
    const usual = await knownBrowser(owner.username);
    const address = freshAddress();
    await failTimes(4, owner.username, address, usual);
    expect(await signIn(owner.username, PASSWORD, address, usual)).toEqual({ outcome: "signed_in" });
    await failTimes(4, owner.username, address, usual);
    expect(await signIn(owner.username, PASSWORD, address, usual)).toEqual({ outcome: "signed_in" });
  });

  it("passes an address a guesser has locked", async () => {
    const owner = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const usual = await knownBrowser(owner.username);
    const newsroomNat = freshAddress();
    for (let i = 0; i < 20; i++) await signIn(unknownUsername(), "jiping-2026", newsroomNat);
    expect(await signIn(owner.username, PASSWORD, newsroomNat)).toMatchObject({ outcome: "throttled", message: expect.stringMatching(STRANGER_REFUSAL) });
    expect(await signIn(owner.username, PASSWORD, newsroomNat, usual)).toEqual({ outcome: "signed_in" });
  });

  it("counts only for the account it names, and only as this installation signed it", async () => {
    const owner = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const colleague = await makeUser("CORRESPONDENT", "同事", PASSWORD);
    const colleaguesBrowser = await knownBrowser(colleague.username);
    // Five wrong passwords for the owner from the colleague's browser are a stranger's: they lock the owner's account.
    await failTimes(5, owner.username, freshAddress(), colleaguesBrowser);
    expect((await signIn(owner.username, PASSWORD, freshAddress())).outcome).toBe("throttled");
    expect((await signIn(owner.username, PASSWORD, freshAddress(), colleaguesBrowser)).outcome).toBe("throttled");

    // A cookie with the owner's name written in by hand, or one kept past its half year, is no better.
    const tampered: Browser = { cookie: colleaguesBrowser.cookie.replace(Buffer.from(colleague.username).toString("base64url"), Buffer.from(owner.username).toString("base64url")) };
    expect(tampered.cookie).not.toBe(colleaguesBrowser.cookie);
    expect((await signIn(owner.username, PASSWORD, freshAddress(), tampered)).outcome).toBe("throttled");
    const halfAYearAgo = new Date(Date.now() - 181 * 24 * 60 * MINUTE);
    const expired: Browser = { cookie: deviceCookieAfterSignIn(undefined, owner.username, halfAYearAgo).split(";")[0] };
    expect((await signIn(owner.username, PASSWORD, freshAddress(), expired)).outcome).toBe("throttled");
    // The same cookie made today is one the installation stands by.
    const fresh: Browser = { cookie: deviceCookieAfterSignIn(undefined, owner.username).split(";")[0] };
    expect(await signIn(owner.username, PASSWORD, freshAddress(), fresh)).toEqual({ outcome: "signed_in" });
  });

  it("is known to every account signed in from it, up to the newest eight, and only to the sign-in request", async () => {
    const people = await Promise.all(Array.from({ length: 9 }, (_, i) => makeUser("CORRESPONDENT", `同事${i}`, PASSWORD)));
    const deskComputer = newBrowser();
    for (const person of people) expect(await signIn(person.username, PASSWORD, freshAddress(), deskComputer)).toEqual({ outcome: "signed_in" });
    expect(deskComputer.setCookie).toMatch(/; Path=\/api\/auth\/callback\/credentials; Max-Age=15552000; HttpOnly; SameSite=Strict$/);

    for (const person of people) await failTimes(5, person.username, freshAddress());
    const answers = await Promise.all(people.map((p) => signIn(p.username, PASSWORD, freshAddress(), { ...deskComputer })));
    // The first to sign in there is the one the browser forgot.
    expect(answers.map((a) => a.outcome)).toEqual(["throttled", ...Array(8).fill("signed_in")]);
  });

  it("is listed for the administrator when locked, and lifted with an audit row", async () => {
    const admin = await makeUser("ADMIN", "管理员");
    const owner = await makeUser("CORRESPONDENT", "测试用户", PASSWORD);
    const usual = await knownBrowser(owner.username);
    await failTimes(5, owner.username, freshAddress(), usual);
    const locks = (await listSignInLocks(admin)).filter((l) => l.username === owner.username);
    expect(locks).toEqual([expect.objectContaining({ scope: "device", username: owner.username, subject: expect.stringMatching(new RegExp(`^${owner.username}:[\\w-]{16}$`)) })]);

    await liftSignInLock(admin, { scope: "device", subject: locks[0].subject });
    expect(await signIn(owner.username, PASSWORD, freshAddress(), usual)).toEqual({ outcome: "signed_in" });
    expect(await auditRows("signin.unlock", owner.username)).toEqual([
      expect.objectContaining({ actorId: admin.id, scope: "device", username: owner.username, device: locks[0].subject.split(":")[1] }),
    ]);
  });
});
