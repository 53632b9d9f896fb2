import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { S3Settings } from "@/lib/platform/storage/s3";

export type TestS3Server = { settings: S3Settings; stop(): Promise<void> };

/**
 * A real S3-protocol server (s3rver) over HTTP on a free port, in a process of its own, its objects
 * in a temporary folder, with one empty bucket. s3rver checks access key ids but not V4 signatures.
 */
export async function startS3Server(bucket = "newsroom-photos"): Promise<TestS3Server> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "newsroom-s3rver-"));
  const child = spawn(process.execPath, ["--openssl-legacy-provider", path.join(import.meta.dirname, "s3rver-process.mjs"), directory, bucket], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = once(child, "exit");
  const [line] = (await Promise.race([once(createInterface({ input: child.stdout! }), "line"), exited.then(() => [null])])) as [string | null];
  if (!line) throw new Error("s3rver did not start");
  const { port } = JSON.parse(line) as { port: number };
  let stopped = false;
  return {
    settings: { endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", bucket, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true },
    async stop() {
      if (!stopped) {
        stopped = true;
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
