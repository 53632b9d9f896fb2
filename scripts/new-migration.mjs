// Writes the next migration from the difference between the newest migration's schema snapshot
// and prisma/schema.prisma, with no database (migrate dev cannot run on these machines).
// Usage: npm run db:migration -- <name>  (the adapter needs some reachable Postgres, even to diff)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, copyFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name_in_snake_case>");
  process.exit(2);
}
const dir = path.join("prisma", "migrations");
const previous = existsSync(dir)
  ? readdirSync(dir).filter((d) => /^\d{14}_/.test(d)).sort().at(-1)
  : undefined;
const from = previous
  ? ["--from-schema-datamodel", path.join(dir, previous, "schema.prisma")]
  : ["--from-empty"];
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", path.join("prisma", "schema.prisma"), "--script"],
  { encoding: "utf8", env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" } },
);
if (/This is an empty migration/.test(sql)) {
  console.error("schema.prisma has not changed since the last migration");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
mkdirSync(target, { recursive: true });
writeFileSync(path.join(target, "migration.sql"), sql);
copyFileSync(path.join("prisma", "schema.prisma"), path.join(target, "schema.prisma"));
if (!existsSync(path.join(dir, "migration_lock.toml"))) {
  writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
}
console.log(`wrote ${target}/migration.sql`);
