import os from "node:os";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import type { S3Settings } from "@/lib/platform/storage/s3";
// @ts-expect-error: a plain ES module of the scripts, without types
import { startS3Server as startS3rver } from "@/scripts/s3-server.mjs";

export type TestS3Server = { settings: S3Settings; directory: string; stop(): Promise<void> };

/**
 * A real S3-protocol server (s3rver, scripts/s3-server.mjs) over HTTP on a free port, in a process
 * of its own, its objects in a temporary folder, with one empty bucket and credentials of its own.
 */
export async function startS3Server(bucket = "newsroom-photos", port = 0): Promise<TestS3Server> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "newsroom-s3rver-"));
  const server = await startS3rver(directory, bucket, { port }).catch((e: Error) => {
    rmSync(directory, { recursive: true, force: true });
    throw e;
  });
  return {
    settings: { endpoint: server.endpoint, region: "us-east-1", bucket, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, forcePathStyle: true },
    directory,
    async stop() {
      await server.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
