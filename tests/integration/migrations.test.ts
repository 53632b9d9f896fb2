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

// A database made before photos were shared and credits were people keeps every photo's use and
// gains search text for its bylines when the photo-library migration runs on it.
describe("the photo library migration on older data", () => {
  it("links each story to every photo its body uses and makes bylines searchable", async () => {
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
      const at = all.findIndex((d) => d.endsWith("_photo_library_contributors"));
      for (const d of all.slice(0, at)) await client.query(readFileSync(`prisma/migrations/${d}/migration.sql`, "utf8"));
      await client.query(`INSERT INTO "User" (id, username, name, "passwordHash", role, "updatedAt") VALUES ('u1', 'lixue', '李雪', 'x', 'CORRESPONDENT', now())`);
      const body = (photo: string) => JSON.stringify([{ type: "paragraph", text: "正文" }, { type: "photo", photoId: photo, caption: "说明", credit: "易跃跃 摄", altText: "" }]);
      for (const s of ["s1", "s2"]) {
        await client.query(`INSERT INTO "Story" (id, kind, headline, byline, body, "authorId", "updatedAt") VALUES ($1, 'NEWS_BRIEF', '标题', '本报记者 李雪', $2, 'u1', now())`, [s, body("p1")]);
      }
      await client.query(`INSERT INTO "Photo" (id, "storageKey", "mimeType", width, height, bytes, caption, credit, "uploaderId", "storyId") VALUES ('p1', 'k1', 'image/png', 10, 10, 10, '晒粮', '易跃跃 摄', 'u1', 's1')`);
      await client.query(readFileSync(`prisma/migrations/${all[at]}/migration.sql`, "utf8"));
      const links = await client.query(`SELECT "storyId" FROM "StoryPhoto" WHERE "photoId" = 'p1' ORDER BY "storyId"`);
      expect(links.rows.map((r) => r.storyId)).toEqual(["s1", "s2"]);
      const story = await client.query(`SELECT "searchText" FROM "Story" WHERE id = 's1'`);
      expect(story.rows[0].searchText).toBe("标题\n本报记者 李雪\n正文\n说明\n易跃跃 摄");
      const photo = await client.query(`SELECT "searchText" FROM "Photo" WHERE id = 'p1'`);
      expect(photo.rows[0].searchText).toBe("晒粮\n易跃跃 摄");
    } finally {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);
});
