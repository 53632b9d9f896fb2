import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { createStory } from "@/lib/desk/story-commands";
import { completeDraft, makeUser } from "../support/factories";

// The audit log's row triggers cannot see TRUNCATE, which touches no row: a statement trigger
// refuses it (migration audit_log_no_truncate). Each attempt runs in a transaction that is rolled
// back whatever happens, so a log left unguarded is emptied only inside it, never for other tests.

let eventIds: string[];
let authorId: string;

beforeAll(async () => {
  const author = await makeUser("CORRESPONDENT");
  authorId = author.id;
  await createStory(author, completeDraft());
  await createStory(author, completeDraft());
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query(`SELECT id::text FROM "AuditEvent" WHERE "actorId" = $1`, [authorId]);
  await client.end();
  eventIds = rows.map((r) => r.id);
});

/** Runs `sql` as its own step of a transaction; says how it was refused and what is left of the rows. */
async function attempt(sql: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SAVEPOINT attempt");
    let refusal = "";
    await client.query(sql).catch(async (e: Error) => {
      refusal = e.message;
      await client.query("ROLLBACK TO SAVEPOINT attempt");
    });
    const events = await client.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE id::text = ANY($1)`, [eventIds]);
    const author = await client.query(`SELECT count(*)::int AS n FROM "User" WHERE id = $1`, [authorId]);
    return { refusal, events: events.rows[0].n, author: author.rows[0].n };
  } finally {
    await client.query("ROLLBACK");
    await client.end();
  }
}

describe("the audit log refuses TRUNCATE", () => {
  it("has events to lose", () => {
    expect(eventIds).toHaveLength(2);
  });

  it.each([
    `TRUNCATE "AuditEvent"`,
    `TRUNCATE TABLE "AuditEvent" RESTART IDENTITY`,
    `TRUNCATE "AuditEvent" CASCADE`,
    // The log refers to "User": emptying the accounts with CASCADE would empty the log with them.
    `TRUNCATE "User" CASCADE`,
  ])("%s", async (sql) => {
    expect(await attempt(sql)).toEqual({ refusal: "AuditEvent rows cannot be changed or deleted", events: 2, author: 1 });
  });
});
