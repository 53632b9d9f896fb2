import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // lib/ marks server modules with `server-only`; tests run them directly on the server.
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    // Integration tests share one fresh database; files run one after another to keep it simple.
    fileParallelism: false,
    // Wide margins, not speed checks: a test must pass on a machine busy with two other builds.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
