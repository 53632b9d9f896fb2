import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// The layers of lib/ (README, "How the code is laid out"): platform and core import no domain, the
// folders import each other without a circle, and no two files import each other.
// scripts/import-layers.mjs walks the imports; here it runs on the project, and on a small tree
// holding each fault, so a checker that stopped seeing them would fail too.

function check(root?: string) {
  const run = spawnSync(process.execPath, ["scripts/import-layers.mjs", ...(root ? [root] : [])], { encoding: "utf8" });
  return { code: run.status, out: run.stdout + run.stderr };
}

describe("the layers of lib/", () => {
  it("the project's imports run down the layers: no circle, nothing upward, no pair of files importing each other", () => {
    const { code, out } = check();
    expect(out).toContain("folder cycles: 0");
    expect(out).toContain("platform/core -> domain imports: 0");
    expect(out).toContain("files importing each other: 0");
    expect(code).toBe(0);
  });

  it("sees each fault in a tree made to hold them", () => {
    const root = mkdtempSync(path.join(tmpdir(), "layers-"));
    try {
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      };
      write("lib/platform/db.ts", 'import { x } from "@/lib/stories/schema";\nexport const db = x;\n');
      write("lib/stories/schema.ts", 'import { page } from "@/lib/issues/layout";\nexport const x = page;\n');
      write("lib/issues/layout.ts", 'import type { x } from "@/lib/stories/schema";\nexport const page = 1 as unknown as typeof x;\n');
      write("components/desk/StoryEditor.tsx", "export const editor = 1;\n");
      const { code, out } = check(root);
      expect(code).toBe(1);
      expect(out).toContain("cycle: lib/issues, lib/stories");
      expect(out).toContain("lib/platform/db.ts -> lib/stories/schema.ts");
      expect(out).toContain("lib/issues/layout.ts <-> lib/stories/schema.ts");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
