import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { invalid } from "@/lib/core/errors";

// A save or a note whose answer was lost (the instance that applied it died before answering, or
// the answer was cut on its way) is sent again by the browser, or by the front cache, with the key
// of its first attempt. The key is claimed in the same transaction as the change, so it exists
// exactly when the change does, in Postgres, where every instance finds it.

/** What a browser makes for each request: random, URL-safe, long enough never to repeat. */
const REQUEST_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** A retry comes seconds or minutes after its first attempt; a key older than this is forgotten. */
const KEPT = "1 day";

export type KeyedRequest = {
  /** The browser's key for this request; without one the request is simply applied. */
  key: string | undefined;
  /** Everything the request asked for: the same key sent with anything else is refused. */
  asked: unknown;
};

/**
 * Applies a request once per user and key, inside the caller's transaction: the first attempt
 * runs `apply` and its answer is kept with the key; the same request again gets that answer and
 * changes nothing. A concurrent attempt with the same key waits for the first to commit (or to
 * roll back, and then it applies itself). A refused attempt keeps no key: its retry is judged anew.
 */
export async function applyOnce<T extends object>(tx: Tx, actor: SessionUser, request: KeyedRequest, apply: () => Promise<T>): Promise<T> {
  if (request.key === undefined) return apply();
  if (!REQUEST_KEY.test(request.key)) throw invalid("请求格式不正确，请刷新页面后再试");
  const fingerprint = createHash("sha256").update(JSON.stringify(request.asked) ?? "").digest("hex");
  await tx.$executeRaw`DELETE FROM "IdempotencyKey" WHERE "userId" = ${actor.id} AND "createdAt" < now() - ${KEPT}::interval`;
  const claimed = await tx.$queryRaw<unknown[]>`
    INSERT INTO "IdempotencyKey" ("userId", "key", "fingerprint") VALUES (${actor.id}, ${request.key}, ${fingerprint})
    ON CONFLICT DO NOTHING RETURNING 1`;
  if (claimed.length === 0) return firstAnswer<T>(tx, actor, request.key, fingerprint);
  const answer = await apply();
  await tx.$executeRaw`UPDATE "IdempotencyKey" SET "answer" = ${JSON.stringify(answer)}::jsonb WHERE "userId" = ${actor.id} AND "key" = ${request.key}`;
  return answer;
}

async function firstAnswer<T>(tx: Tx, actor: SessionUser, key: string, fingerprint: string): Promise<T> {
  const [first] = await tx.$queryRaw<{ fingerprint: string; answer: T | null }[]>`
    SELECT "fingerprint", "answer" FROM "IdempotencyKey" WHERE "userId" = ${actor.id} AND "key" = ${key}`;
  // Forgotten (a day old) between the claim and this read: rare enough to ask for one more try.
  if (!first) throw invalid("请求已过期，没有保存任何改动：请再试一次");
  if (first.fingerprint !== fingerprint) throw invalid("这个请求的编号已用于另一份内容，没有保存任何改动：请再试一次");
  // Written in the same transaction as the claim: a committed key always has its answer.
  if (first.answer === null) throw new Error(`request key ${key} has no answer`);
  return first.answer;
}
