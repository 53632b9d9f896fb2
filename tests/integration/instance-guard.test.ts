import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

// An app instance ends when what it runs for is gone (scripts/instance-guard.mjs, loaded into the
// Next server by scripts/start.mjs). Without it, an instance whose output was closed spun on its
// own failed writes: Next logs each uncaught 'error' event of a closed stderr to that same stderr.
// These run a server made the same way (Next's handler, a log line now and then) with the guard.

const guard = pathToFileURL(path.resolve("scripts/instance-guard.mjs")).href;
const LIKE_NEXT = `
  process.on("uncaughtException", (e) => console.error("uncaughtException: ", e));
  setInterval(() => console.error("[jobs] database \\"gone\\" does not exist"), 50);
  console.log("ready");
`;

/** Waits for the event: the process is gone (no deadline of its own: the test's timeout is the bound). */
async function gone(pid: number) {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Whatever a test's outcome, no server it started is left running.
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // ended, as it should have
    }
  }
});

describe("an app instance", () => {
  it("ends when its output is closed, instead of writing to it again and again", async () => {
    const server = spawn(process.execPath, ["--import", guard, "-e", LIKE_NEXT], { stdio: ["ignore", "pipe", "pipe"] });
    started.push(server.pid!);
    await once(server.stdout!, "data");
    server.stdout!.destroy();
    server.stderr!.destroy();
    const [code] = await once(server, "exit");
    expect(code).toBe(1);
  });

  // A parent that starts the server, says its id and dies without stopping it: at once, or once
  // the server has said it is ready.
  const orphaning = (waitForReady: boolean) => `
    import { spawn } from "node:child_process";
    const { envForChild } = await import(${JSON.stringify(pathToFileURL(path.resolve("scripts/lib.mjs")).href)});
    const server = spawn(process.execPath, ["--import", ${JSON.stringify(guard)}, "-e", ${JSON.stringify(LIKE_NEXT)}], { stdio: ["ignore", "pipe", "ignore"], env: envForChild() });
    console.log(server.pid);
    if (${waitForReady}) server.stdout.once("data", () => process.exit(0));
    else process.exit(0);
  `;

  for (const waitForReady of [true, false]) {
    it(`ends when the process that started it is gone (${waitForReady ? "after" : "before"} it was ready)`, async () => {
      const parent = spawn(process.execPath, ["--input-type=module", "-e", orphaning(waitForReady)], { stdio: ["ignore", "pipe", "inherit"] });
      const [line] = (await once(parent.stdout!, "data")) as [Buffer];
      const pid = Number(line.toString().trim());
      expect(pid).toBeGreaterThan(0);
      started.push(pid);
      await once(parent, "exit");
      await gone(pid);
    });
  }
});
