import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/platform/env";

// One Prisma client per process; development reloads reuse it through globalThis.
const globalForDb = globalThis as unknown as { newsroomDb?: Db };

function createClient() {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE }),
    // A password hash never leaves lib/auth: it is omitted unless a query asks for it.
    omit: { user: { passwordHash: true } },
    // Prisma gives a transaction 2 s to get a connection and 5 s in all. A save that waits behind
    // another's row lock on a busy machine (two saves of one story at once) ran past that and both
    // failed; the version check, not a clock, is what refuses the second.
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
  });
}

export function db(): Db {
  globalForDb.newsroomDb ??= createClient();
  return globalForDb.newsroomDb;
}

export type Db = ReturnType<typeof createClient>;

/** A write refused by a unique constraint (a date, number or name already taken). */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}
/** An update or delete whose condition matched no row (a version moved on, a row gone). */
export function isRecordMissing(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2025";
}
/** The client handed to an interactive transaction's callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
