import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { z } from "zod";
import { db, type Db, type Tx } from "@/lib/platform/db";
import { recordAudit } from "@/lib/core/audit";
import { forbidden, invalid } from "@/lib/core/errors";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/auth/roles";
import { throttledCode } from "@/lib/auth/signin-refusal";

// Sign-in throttling: how many wrong passwords an account and a client address may send, and how
// long they are locked out after. The counters live in Postgres (rate-limiter-flexible's Prisma
// store on our own client), so every app instance sees the same ones and a restart forgets none.

const MINUTE = 60;

export const SIGNIN_LIMITS = {
  /** Wrong passwords for one username in a window; the last of them locks the account. */
  account: { failures: 5, windowSeconds: 15 * MINUTE },
  // A newsroom signs in from behind one NAT address: a few dozen people make a handful of typos in
  // an hour, far below 20 in 15 minutes, while a spray of one password over many accounts stops at 20.
  address: { failures: 20, windowSeconds: 15 * MINUTE },
  /** The first lock; each earlier lock of the same account or address within a day doubles it. */
  firstLockSeconds: 15 * MINUTE,
  longestLockSeconds: 24 * 60 * MINUTE,
  lockHistorySeconds: 24 * 60 * MINUTE,
} as const;

export type LockScope = "account" | "address";
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
    // Only counted up (penalty), never consumed: how many locks a key had in its day.
    lockouts: new RateLimiterPrisma({ ...on, keyPrefix: "signin_lockouts", points: 1, duration: SIGNIN_LIMITS.lockHistorySeconds }),
    // A locked key hammered all day must not flood the audit log: one refusal a minute is written.
    refusalNotes: new RateLimiterPrisma({ ...on, keyPrefix: "signin_refusal_note", points: 1, duration: MINUTE }),
  };
}

let shared: ReturnType<typeof limitersOn> | undefined;
const limiters = () => (shared ??= limitersOn(db(), true));

/** A sign-in refused because its account or address is locked; the message is the form's code. */
export class SignInThrottled extends Error {
  constructor(readonly until: Date) {
    super(throttledCode(until));
    this.name = "SignInThrottled";
  }
}

/** An attempt admitted to the password check, with its place in each counter's window. */
export type SignInAttempt = { username: string; address: string; accountCount: number; addressCount: number };

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
 * refuses it while the username or the address is locked. `username` is already normalised, and an
 * unknown one is counted exactly like a real one, so the answer never tells whether it exists.
 */
export async function admitSignIn(username: string, address: string): Promise<SignInAttempt> {
  const { account, address: fromAddress } = limiters();
  const forAccount = await take(account, username);
  if (!forAccount.admitted) throw await refuse("account", { username, address }, forAccount);
  const forAddress = await take(fromAddress, address);
  if (!forAddress.admitted) {
    // Its password is not checked, so it is not held against the account.
    await account.reward(username);
    throw await refuse("address", { username, address }, forAddress);
  }
  return { username, address, accountCount: forAccount.count, addressCount: forAddress.count };
}

async function refuse(lockedBy: LockScope, who: { username: string; address: string }, counted: Counted) {
  await db().$transaction(async (tx) => {
    const noted = await take(limitersOn(tx).refusalNotes, `${lockedBy}:${lockedBy === "account" ? who.username : who.address}`);
    if (!noted.admitted) return;
    await recordAudit(tx, {
      actorId: null,
      action: "signin.throttled",
      targetType: "signin",
      targetId: who.username,
      summary: { ...who, lockedBy, until: counted.until.toISOString(), attemptsInWindow: counted.count },
    });
  });
  return new SignInThrottled(counted.until);
}

/** The right password: the account starts afresh and the address gets its attempt back. */
export async function signInSucceeded(attempt: SignInAttempt): Promise<void> {
  const { account, address } = limiters();
  await account.delete(attempt.username);
  await address.reward(attempt.address);
}

/** A refused password is audited; the attempt that fills a window locks its account or address. */
export async function signInFailed(attempt: SignInAttempt, reason: FailureReason): Promise<void> {
  const { username, address } = attempt;
  await db().$transaction(async (tx) => {
    await recordAudit(tx, { actorId: null, action: "signin.fail", targetType: "signin", targetId: username, summary: { username, address, reason } });
    if (attempt.accountCount >= SIGNIN_LIMITS.account.failures) await beginLock(tx, "account", username, attempt);
    if (attempt.addressCount >= SIGNIN_LIMITS.address.failures) await beginLock(tx, "address", address, attempt);
  });
}

// 15 min × 2^(earlier locks of this key in its day), at most a day; the lock and its audit row together.
async function beginLock(tx: Tx, scope: LockScope, subject: string, attempt: SignInAttempt) {
  const limiter = limitersOn(tx);
  const history = await limiter.lockouts.penalty(`${scope}:${subject}`);
  const seconds = Math.min(SIGNIN_LIMITS.firstLockSeconds * 2 ** (history.consumedPoints - 1), SIGNIN_LIMITS.longestLockSeconds);
  await limiter[scope].block(subject, seconds);
  await recordAudit(tx, {
    actorId: null,
    action: "signin.lockout",
    targetType: "signin",
    targetId: subject,
    summary: { scope, username: attempt.username, address: attempt.address, minutes: seconds / MINUTE, until: new Date(Date.now() + seconds * 1000).toISOString() },
  });
}

export type SignInLock = { scope: LockScope; subject: string; until: Date };

/** Accounts and addresses whose sign-ins are refused now, for the administrator; longest first. */
export async function listSignInLocks(actor: SessionUser): Promise<SignInLock[]> {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以查看登录锁定");
  const { account, address } = limiters();
  const rows = await db().rateLimit.findMany({
    where: {
      expire: { gt: new Date() },
      // Locked means the next attempt is refused: the window already holds more than its limit.
      OR: [account, address].map((l) => ({ key: { startsWith: l.getKey("") }, points: { gt: l.points } })),
    },
    orderBy: { expire: "desc" },
  });
  return rows.map((row) => {
    const scope: LockScope = row.key.startsWith(account.getKey("")) ? "account" : "address";
    return { scope, subject: (scope === "account" ? account : address).parseKey(row.key), until: row.expire! };
  });
}

const lockToLift = z.object({ scope: z.enum(["account", "address"]), subject: z.string().trim().min(1).max(100) });

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
    await recordAudit(tx, {
      actorId: actor.id,
      action: "signin.unlock",
      targetType: "signin",
      targetId: subject,
      summary: { scope, [scope === "account" ? "username" : "address"]: subject, until: new Date(Date.now() + lock.msBeforeNext).toISOString() },
    });
  });
}
