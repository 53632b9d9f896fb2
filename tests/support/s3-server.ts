import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { S3Settings } from "@/lib/platform/storage/s3";

export type TestS3Server = { settings: S3Settings; stop(): Promise<void> };

/**
 * A real S3-protocol server (s3rver) over HTTP on a free port, its objects in a temporary folder,
 * with one empty bucket. s3rver checks access key ids but not V4 signatures.
 */
export async function startS3Server(bucket = "newsroom-photos"): Promise<TestS3Server> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "newsroom-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  return {
    settings: { endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", bucket, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true },
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
