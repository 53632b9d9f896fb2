import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the scripts, without types
import { restartDelay, RESTART_FIRST_MS, RESTART_MOST_MS } from "@/scripts/lib.mjs";

// start:cluster starts a stopped instance again; one that keeps stopping (its database is gone)
// is started less and less often, never in a tight loop.

describe("the wait before an instance is started again", () => {
  it("doubles from a second to a minute while the instance keeps stopping at once", () => {
    const waits: number[] = [];
    let wait = 0;
    for (let i = 0; i < 9; i++) waits.push((wait = restartDelay(wait, 2_000)));
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60].map((s) => s * 1000));
  });

  it("is back to a second after a run long enough to count as working", () => {
    expect(restartDelay(RESTART_MOST_MS, RESTART_MOST_MS)).toBe(RESTART_FIRST_MS);
    expect(restartDelay(RESTART_MOST_MS, RESTART_MOST_MS - 1)).toBe(RESTART_MOST_MS);
  });
});
