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
