import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { z } from "zod";
import { db, type Db, type Tx } from "@/lib/platform/db";
import { recordAudit } from "@/lib/core/audit";
import { forbidden, invalid } from "@/lib/core/errors";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { throttledCode } from "@/lib/auth/signin-refusal";

// Sign-in throttling: how many wrong passwords may be sent, and how long the sender is locked out
// after. A browser the account signed in from before (lib/auth/signin-device.ts) is counted on its
// own; every other attempt on the account's and its address's counters, so a stranger's guesses
// lock strangers, never the owner's own browser. The counters live in Postgres (rate-limiter-flexible's
// Prisma store on our own client), so every app instance sees the same ones and a restart forgets none.

const MINUTE = 60;

export const SIGNIN_LIMITS = {
  /** Wrong passwords for one username from browsers it does not know; the last locks them all out of it. */
  account: { failures: 5, windowSeconds: 15 * MINUTE },
  /** Wrong passwords from one browser the account knows; the last locks that browser alone. */
  device: { failures: 5, windowSeconds: 15 * MINUTE },
  // A newsroom signs in from behind one NAT address: a few dozen people make a handful of typos in
  // an hour, far below 20 in 15 minutes, while a spray of one password over many accounts stops at 20.
  address: { failures: 20, windowSeconds: 15 * MINUTE },
  /** The first lock; each earlier lock of the same account or address within a day doubles it. */
  firstLockSeconds: 15 * MINUTE,
  longestLockSeconds: 24 * 60 * MINUTE,
  lockHistorySeconds: 24 * 60 * MINUTE,
} as const;

/** account and address: browsers the account does not know; device: one browser it does. */
export const LOCK_SCOPES = ["account", "address", "device"] as const;
export type LockScope = (typeof LOCK_SCOPES)[number];
export type FailureReason = "unknown_user" | "wrong_password" | "disabled";

const TABLE = "rateLimit" satisfies keyof Db;

// The limiters over one store: the shared client, or a transaction when a change must be atomic.
function limitersOn(store: Db | Tx, sweepExpired = false) {
  const on = { storeClient: store, tableName: TABLE, clearExpiredByTimeout: false };
  return {
    account: new RateLimiterPrisma({
      ...on,
      keyPrefix: "signin_account",
      points: SIGNIN_LIMITS.account.failures,
      duration: SIGNIN_LIMITS.account.windowSeconds,
      // The library's sweep clears expired rows of the whole table: one limiter running it is enough.
      clearExpiredByTimeout: sweepExpired,
    }),
    address: new RateLimiterPrisma({
      ...on,
      keyPrefix: "signin_address",
      points: SIGNIN_LIMITS.address.failures,
      duration: SIGNIN_LIMITS.address.windowSeconds,
    }),
    device: new RateLimiterPrisma({
      ...on,
      keyPrefix: "signin_device",
      points: SIGNIN_LIMITS.device.failures,
      duration: SIGNIN_LIMITS.device.windowSeconds,
    }),
    // Only counted up (penalty), never consumed: how many locks a key had in its day.
    lockouts: new RateLimiterPrisma({ ...on, keyPrefix: "signin_lockouts", points: 1, duration: SIGNIN_LIMITS.lockHistorySeconds }),
    // A locked key hammered all day must not flood the audit log: one refusal a minute is written.
    refusalNotes: new RateLimiterPrisma({ ...on, keyPrefix: "signin_refusal_note", points: 1, duration: MINUTE }),
  };
}

let shared: ReturnType<typeof limitersOn> | undefined;
const limiters = () => (shared ??= limitersOn(db(), true));

/** A sign-in refused because what it is counted on is locked; the message is the form's code. */
export class SignInThrottled extends Error {
  constructor(
    readonly until: Date,
    readonly lockedBy: LockScope,
  ) {
    super(throttledCode(until, { knownBrowserPasses: lockedBy !== "device" }));
    this.name = "SignInThrottled";
  }
}

/** Where a sign-in comes from: its address, and its device id when the account knows the browser. */
export type SignInClient = { address: string; device: string | null };

/** An attempt admitted to the password check, with its place in each counter's window it counts on. */
export type SignInAttempt = SignInClient & { username: string; counts: Partial<Record<LockScope, number>> };

/** What a lock of `scope` holds for this attempt: a username, an address, or one account's device (never another's). */
function subjectOf(scope: LockScope, attempt: { username: string } & SignInClient): string {
  return scope === "account" ? attempt.username : scope === "address" ? attempt.address : `${attempt.username}:${attempt.device}`;
}

/** The counters an attempt is held to: its own when the account knows the browser, else account and address. */
const scopesFor = (client: SignInClient): LockScope[] => (client.device ? ["device"] : ["account", "address"]);

type Counted = { admitted: boolean; count: number; until: Date };

async function take(limiter: RateLimiterPrisma, key: string): Promise<Counted> {
  const counted = (res: RateLimiterRes, admitted: boolean) => ({ admitted, count: res.consumedPoints, until: new Date(Date.now() + res.msBeforeNext) });
  try {
    return counted(await limiter.consume(key), true);
  } catch (e) {
    if (e instanceof RateLimiterRes) return counted(e, false);
    throw e;
  }
}

/**
 * Counts a sign-in before its password is checked, so parallel guesses cannot all reach the check;
 * refuses it while what it counts on is locked. `username` is already normalised, and an unknown
 * one is counted exactly like a real one, so the answer never tells whether it exists.
 */
export async function admitSignIn(username: string, client: SignInClient): Promise<SignInAttempt> {
  const all = limiters();
  const attempt: SignInAttempt = { username, ...client, counts: {} };
  const taken: LockScope[] = [];
  for (const scope of scopesFor(client)) {
    const counted = await take(all[scope], subjectOf(scope, attempt));
    if (!counted.admitted) {
      // Its password is not checked, so it is not held against the counters it already took.
      for (const earlier of taken) await all[earlier].reward(subjectOf(earlier, attempt));
      throw await refuse(scope, attempt, counted);
    }
    taken.push(scope);
    attempt.counts[scope] = counted.count;
  }
  return attempt;
}

async function refuse(lockedBy: LockScope, attempt: SignInAttempt, counted: Counted) {
  await db().$transaction(async (tx) => {
    const noted = await take(limitersOn(tx).refusalNotes, `${lockedBy}:${subjectOf(lockedBy, attempt)}`);
    if (!noted.admitted) return;
    await recordAudit(tx, {
      actorId: null,
      action: "signin.throttled",
      targetType: "signin",
      targetId: attempt.username,
      summary: { ...described(attempt), lockedBy, until: counted.until.toISOString(), attemptsInWindow: counted.count },
    });
  });
  return new SignInThrottled(counted.until, lockedBy);
}

/** Who tried, for the audit log: the device id only when the browser was a known one. */
function described({ username, address, device }: SignInAttempt) {
  return { username, address, ...(device ? { device } : {}) };
}

/** The right password: the counters it was held to start afresh; the address gets its attempt back. */
export async function signInSucceeded(attempt: SignInAttempt): Promise<void> {
  const all = limiters();
  if (attempt.device) await all.device.delete(subjectOf("device", attempt));
  else {
    await all.account.delete(attempt.username);
    await all.address.reward(attempt.address);
  }
}

/** A refused password is audited; the attempt that fills a window locks what that window counts. */
export async function signInFailed(attempt: SignInAttempt, reason: FailureReason): Promise<void> {
  await db().$transaction(async (tx) => {
    await recordAudit(tx, { actorId: null, action: "signin.fail", targetType: "signin", targetId: attempt.username, summary: { ...described(attempt), reason } });
    for (const scope of scopesFor(attempt)) {
      if ((attempt.counts[scope] ?? 0) >= SIGNIN_LIMITS[scope].failures) await beginLock(tx, scope, attempt);
    }
  });
}

// 15 min × 2^(earlier locks of this key in its day), at most a day; the lock and its audit row together.
async function beginLock(tx: Tx, scope: LockScope, attempt: SignInAttempt) {
  const limiter = limitersOn(tx);
  const subject = subjectOf(scope, attempt);
  const history = await limiter.lockouts.penalty(`${scope}:${subject}`);
  const seconds = Math.min(SIGNIN_LIMITS.firstLockSeconds * 2 ** (history.consumedPoints - 1), SIGNIN_LIMITS.longestLockSeconds);
  await limiter[scope].block(subject, seconds);
  await recordAudit(tx, {
    actorId: null,
    action: "signin.lockout",
    targetType: "signin",
    // An address's lock is found by its address; an account's and a device's by the username.
    targetId: scope === "address" ? attempt.address : attempt.username,
    summary: { scope, ...described(attempt), minutes: seconds / MINUTE, until: new Date(Date.now() + seconds * 1000).toISOString() },
  });
}

/** A lock in force. `username` names the account of an account's or a device's lock. */
export type SignInLock = { scope: LockScope; subject: string; username: string | null; until: Date };

/** What a lock's subject names, for the administrator and the audit log. */
function lockedSubject(scope: LockScope, subject: string): { username?: string; address?: string; device?: string } {
  if (scope === "address") return { address: subject };
  if (scope === "account") return { username: subject };
  const [username, device] = subject.split(":");
  return { username, device };
}

/** How the administrator reads a lock: the account or address, or whose browser it is. */
export function lockLabel({ scope, subject }: { scope: LockScope; subject: string }): string {
  const { username, device } = lockedSubject(scope, subject);
  return scope === "device" ? `${username} 的常用浏览器（${device?.slice(0, 6)}）` : subject;
}

/** Accounts, addresses and known browsers whose sign-ins are refused now, for the administrator; longest first. */
export async function listSignInLocks(actor: SessionUser): Promise<SignInLock[]> {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以查看登录锁定");
  const all = limiters();
  const rows = await db().rateLimit.findMany({
    where: {
      expire: { gt: new Date() },
      // Locked means the next attempt is refused: the window already holds more than its limit.
      OR: LOCK_SCOPES.map((scope) => ({ key: { startsWith: all[scope].getKey("") }, points: { gt: all[scope].points } })),
    },
    orderBy: { expire: "desc" },
  });
  return rows.map((row) => {
    const scope = LOCK_SCOPES.find((s) => row.key.startsWith(all[s].getKey("")))!;
    const subject = all[scope].parseKey(row.key);
    return { scope, subject, username: lockedSubject(scope, subject).username ?? null, until: row.expire! };
  });
}

const lockToLift = z.object({ scope: z.enum(LOCK_SCOPES), subject: z.string().trim().min(1).max(100) });

/** An administrator lifts a lock: its counters and its history of locks are forgotten, and that is audited. */
export async function liftSignInLock(actor: SessionUser, input: unknown): Promise<void> {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以解除登录锁定");
  const parsed = lockToLift.safeParse(input);
  if (!parsed.success) throw invalid("请选择要解除的登录锁定");
  const { scope, subject } = parsed.data;
  await db().$transaction(async (tx) => {
    const limiter = limitersOn(tx);
    const lock = await limiter[scope].get(subject);
    // The delete's own answer settles a race between two administrators lifting the same lock.
    if (!lock || lock.consumedPoints <= limiter[scope].points || !(await limiter[scope].delete(subject))) {
      throw invalid("这个登录锁定已经解除或已过期");
    }
    await limiter.lockouts.delete(`${scope}:${subject}`);
    const named = lockedSubject(scope, subject);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "signin.unlock",
      targetType: "signin",
      targetId: named.username ?? subject,
      summary: { scope, ...named, until: new Date(Date.now() + lock.msBeforeNext).toISOString() },
    });
  });
}
