import { describe, expect, it } from "vitest";
import { createSemaphore } from "@/lib/platform/semaphore";

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe("semaphore", () => {
  it("runs at most N jobs at once and the rest in arrival order", async () => {
    const slots = createSemaphore(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const jobs = Array.from({ length: 6 }, (_, i) =>
      slots.run(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        for (let t = 0; t < 3; t++) await tick();
        running -= 1;
        return i * 10;
      }),
    );
    expect(slots.running).toBe(2);
    expect(slots.waiting).toBe(4);
    expect(await Promise.all(jobs)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect([slots.running, slots.waiting]).toEqual([0, 0]);
  });

  it("frees the slot of a job that fails", async () => {
    const slots = createSemaphore(1);
    const failing = slots.run(async () => {
      throw new Error("坏图");
    });
    const next = slots.run(async () => "下一张");
    await expect(failing).rejects.toThrow("坏图");
    expect(await next).toBe("下一张");
    expect(slots.running).toBe(0);
  });

  it("refuses a limit that would let nothing run", () => {
    expect(() => createSemaphore(0)).toThrow();
  });
});
