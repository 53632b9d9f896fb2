import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

// schema.prisma must match the snapshot kept with the newest migration, or a migration is missing
// (write it with `npm run db:migration -- <name>`).
describe("migrations", () => {
  it("cover every change in schema.prisma", () => {
    const newest = readdirSync("prisma/migrations").filter((d) => /^\d{14}_/.test(d)).sort().at(-1);
    expect(newest).toBeDefined();
    const run = () =>
      execFileSync(
        "npx",
        ["prisma", "migrate", "diff", "--from-schema-datamodel", `prisma/migrations/${newest}/schema.prisma`, "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"],
        { env: process.env, stdio: "pipe", encoding: "utf8" },
      );
    expect(run).not.toThrow();
    // `migrate diff` alone takes about 18 s on a machine busy with other builds: a wide margin, not a speed check.
  }, 180_000);
});

type Pg = import("pg").Client;

/**
 * A database of its own, migrated up to (not including) the migration whose name ends in `suffix`:
 * the test writes older data into it, applies that migration with `migrate()`, and reads the result.
 */
async function beforeMigration(suffix: string, test: (client: Pg, migrate: () => Promise<unknown>) => Promise<void>): Promise<void> {
  const pg = (await import("pg")).default;
  const { readFileSync } = await import("node:fs");
  const server = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432";
  const name = `newsroom_migration_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const client = new pg.Client({ connectionString: `${server}/${name}` });
  try {
    await client.connect();
    const all = readdirSync("prisma/migrations").filter((d) => /^\d{14}_/.test(d)).sort();
    const at = all.findIndex((d) => d.endsWith(suffix));
    const apply = (d: string) => client.query(readFileSync(`prisma/migrations/${d}/migration.sql`, "utf8"));
    for (const d of all.slice(0, at)) await apply(d);
    await test(client, () => apply(all[at]));
  } finally {
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

// A database made before photos were shared and credits were people keeps every photo's use and
// gains search text for its bylines when the photo-library migration runs on it.
describe("the photo library migration on older data", () => {
  it("links each story to every photo its body uses and makes bylines searchable", async () => {
    await beforeMigration("_photo_library_contributors", async (client, migrate) => {
      await client.query(`INSERT INTO "User" (id, username, name, "passwordHash", role, "updatedAt") VALUES ('u1', 'lixue', '李雪', 'x', 'CORRESPONDENT', now())`);
      const body = (photo: string) => JSON.stringify([{ type: "paragraph", text: "正文" }, { type: "photo", photoId: photo, caption: "说明", credit: "易跃跃 摄", altText: "" }]);
      for (const s of ["s1", "s2"]) {
        await client.query(`INSERT INTO "Story" (id, kind, headline, byline, body, "authorId", "updatedAt") VALUES ($1, 'NEWS_BRIEF', '标题', '本报记者 李雪', $2, 'u1', now())`, [s, body("p1")]);
      }
      await client.query(`INSERT INTO "Photo" (id, "storageKey", "mimeType", width, height, bytes, caption, credit, "uploaderId", "storyId") VALUES ('p1', 'k1', 'image/png', 10, 10, 10, '晒粮', '易跃跃 摄', 'u1', 's1')`);
      await migrate();
      const links = await client.query(`SELECT "storyId" FROM "StoryPhoto" WHERE "photoId" = 'p1' ORDER BY "storyId"`);
      expect(links.rows.map((r) => r.storyId)).toEqual(["s1", "s2"]);
      const story = await client.query(`SELECT "searchText" FROM "Story" WHERE id = 's1'`);
      expect(story.rows[0].searchText).toBe("标题\n本报记者 李雪\n正文\n说明\n易跃跃 摄");
      const photo = await client.query(`SELECT "searchText" FROM "Photo" WHERE id = 'p1'`);
      expect(photo.rows[0].searchText).toBe("晒粮\n易跃跃 摄");
    });
  }, 60_000);
});

// Issues released before print records were kept get them from the migration: what each story on
// their pages is, its people and its photos, and a record for a correction and a withdrawal.
describe("the print-records migration on older data", () => {
  it("records every story of a released issue, and nothing of an issue still being made", async () => {
    await beforeMigration("_print_records", async (client, migrate) => {
      const sql = (text: string, values: unknown[] = []) => client.query(text, values);
      await sql(`INSERT INTO "User" (id, username, name, "passwordHash", role, "updatedAt") VALUES ('u1', 'lixue', '李雪', 'x', 'CORRESPONDENT', now())`);
      await sql(`INSERT INTO "Issue" (id, date, number, status, "publishedAt", "updatedAt") VALUES ('i1', '2024-03-05', 900, 'PUBLISHED', '2024-03-04T22:00:00Z', now()), ('i2', '2024-03-06', 901, 'PLANNING', NULL, now())`);
      await sql(`INSERT INTO "Page" (id, "issueId", number, name) VALUES ('g1', 'i1', 1, '要闻'), ('g3', 'i1', 3, '县区'), ('g9', 'i2', 1, '要闻')`);
      await sql(`INSERT INTO "Photo" (id, "storageKey", "mimeType", width, height, bytes, "uploaderId") VALUES ('p1', 'k1', 'image/png', 10, 10, 10, 'u1')`);
      const body = JSON.stringify([{ type: "paragraph", text: "正文" }, { type: "photo", photoId: "p1", caption: "晒粮", credit: "易跃跃 摄", altText: "" }]);
      for (const [id, status, headline] of [["s1", "PUBLISHED", "头条"], ["s2", "WITHDRAWN", "二条"], ["s3", "PLACED", "未见报"]]) {
        await sql(`INSERT INTO "Story" (id, kind, status, headline, byline, body, "charCount", "authorId", "updatedAt", "publishedAt") VALUES ($1, 'NEWS_BRIEF', $2, $3, '本报记者 李雪', $4, 321, 'u1', now(), now())`, [id, status, headline, body]);
      }
      await sql(`INSERT INTO "StoryPhoto" ("storyId", "photoId") VALUES ('s1', 'p1')`);
      await sql(`INSERT INTO "Placement" (id, "pageId", "storyId", position, "isLead", size, "continuesOnId") VALUES ('l0', 'g1', NULL, 0, false, 'SINGLE', NULL), ('l1', 'g1', 's1', 1, true, 'LEAD', 'g3'), ('l2', 'g1', 's2', 2, false, 'SINGLE', NULL), ('l3', 'g9', 's3', 0, true, 'LEAD', NULL)`);
      await sql(`INSERT INTO "Contributor" (id, name, slug) VALUES ('c1', '李雪', 'lixue'), ('c2', '易跃跃', 'p-1')`);
      await sql(`INSERT INTO "StoryContributor" (id, "storyId", "contributorId", role, position) VALUES ('sc1', 's1', 'c1', 'REPORTER', 0), ('sc2', 's1', 'c2', 'PHOTOGRAPHER', 1)`);
      await sql(`INSERT INTO "Correction" (id, "storyId", body) VALUES ('x1', 's1', '更正：数字有误。')`);

      await migrate();

      const records = await sql(`SELECT "storyId", event, "issueNumber", "pageNumber", position, "isLead", size, "continuedOnPage", headline, characters FROM "PrintRecord" ORDER BY "storyId", event`);
      expect(records.rows).toEqual([
        { storyId: "s1", event: "RELEASED", issueNumber: 900, pageNumber: 1, position: 0, isLead: true, size: "LEAD", continuedOnPage: 3, headline: "头条", characters: 321 },
        { storyId: "s1", event: "CORRECTED", issueNumber: 900, pageNumber: 1, position: 0, isLead: true, size: "LEAD", continuedOnPage: 3, headline: "头条", characters: 321 },
        { storyId: "s2", event: "RELEASED", issueNumber: 900, pageNumber: 1, position: 1, isLead: false, size: "SINGLE", continuedOnPage: null, headline: "二条", characters: 321 },
        { storyId: "s2", event: "WITHDRAWN", issueNumber: 900, pageNumber: 1, position: 1, isLead: false, size: "SINGLE", continuedOnPage: null, headline: "二条", characters: 321 },
      ]);
      const credits = await sql(`SELECT c.name, c.role FROM "PrintCredit" c JOIN "PrintRecord" r ON r.id = c."recordId" WHERE r."storyId" = 's1' AND r.event = 'RELEASED' ORDER BY c.position`);
      expect(credits.rows).toEqual([{ name: "李雪", role: "REPORTER" }, { name: "易跃跃", role: "PHOTOGRAPHER" }]);
      const photos = await sql(`SELECT p."photoId", p.caption, p.credit FROM "PrintPhoto" p JOIN "PrintRecord" r ON r.id = p."recordId" WHERE r.event = 'RELEASED' ORDER BY r."storyId"`);
      expect(photos.rows).toEqual([{ photoId: "p1", caption: "晒粮", credit: "易跃跃 摄" }, { photoId: "p1", caption: "晒粮", credit: "易跃跃 摄" }]);
      await expect(sql(`UPDATE "PrintRecord" SET headline = '改' WHERE "storyId" = 's1'`)).rejects.toThrow(/见报记录不能修改/);
    });
  }, 60_000);
});
