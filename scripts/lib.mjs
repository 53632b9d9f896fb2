// Small helpers shared by the start and test scripts.
import { spawn } from "node:child_process";
import net from "node:net";

export function run(command, args, { env = process.env, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}\n${output}`)),
    );
  });
}

export function waitForPort(port, host = "127.0.0.1", timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, host);
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${host}:${port}`));
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

export const npx = (args, options) => run("npx", args, options);

/**
 * What `npm start` does about demo content and where it listens. The demo accounts share a
 * published password, so they are made only on the embedded database or when SEED_DEMO=1 asks.
 * It listens on this machine only unless HOST says otherwise: the demo is for this machine, and a
 * real installation is reached through a reverse proxy, the only source of a client address that
 * cannot be forged (sign-in throttling counts by it).
 */
export function startPlan(environment) {
  const embedded = !environment.DATABASE_URL;
  return {
    embedded,
    seedDemo: embedded || environment.SEED_DEMO === "1",
    host: environment.HOST || "127.0.0.1",
  };
}
