import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditActionLabel, auditTargetLabel } from "@/lib/audit/labels";

// The audit log shows words, never the code's names: every action and object kind the code records
// (as written in lib/ and app/) has its Chinese name.
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "generated" ? [] : sources(file);
    return /\.(ts|tsx)$/u.test(name) ? [readFileSync(file, "utf8")] : [];
  });
}
const code = [...sources("lib"), ...sources("app")].join("\n");
const written = (pattern: RegExp) => [...new Set([...code.matchAll(pattern)].map((m) => m[1]))];

describe("audit log labels", () => {
  it("name every recorded action in Chinese", () => {
    const actions = written(/\baction: "([a-z_]+\.[a-z_]+)"/gu);
    expect(actions.length).toBeGreaterThan(20);
    for (const action of actions) expect(auditActionLabel(action), action).toMatch(/\p{Script=Han}/u);
  });

  it("name every kind of object in Chinese", () => {
    const kinds = written(/\btargetType: "([a-z_-]+)"/gu);
    expect(kinds).toContain("story");
    for (const kind of kinds) expect(auditTargetLabel(kind), kind).not.toBe("其他");
  });
});
