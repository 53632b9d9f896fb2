// A real S3-protocol server (s3rver, from npm) for this machine: the cluster script's photo store
// and the tests'. Not for production: there, PHOTO_STORE=s3 points at AWS S3, Aliyun OSS, MinIO or Ceph.
//
//   node --openssl-legacy-provider scripts/s3-server.mjs <dir> <bucket>
//       serves on a free port of 127.0.0.1 and prints {"port": N} once it listens;
// startS3Server() runs it in a process of its own and resolves once it listens. s3rver checks
// access key ids but not signatures; the legacy OpenSSL provider is for its listing tokens, which
// it enciphers with DES (without it every listing longer than a page fails).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);

export async function startS3Server(directory, bucket) {
  mkdirSync(directory, { recursive: true });
  const child = spawn(process.execPath, ["--openssl-legacy-provider", self, directory, bucket], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = once(child, "exit");
  const [line] = await Promise.race([once(createInterface({ input: child.stdout }), "line"), exited.then(() => [null])]);
  if (!line) throw new Error("s3rver did not start");
  const { port } = JSON.parse(line);
  let stopped = false;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    async stop() {
      if (stopped) return;
      stopped = true;
      child.kill("SIGTERM");
      await exited;
    },
  };
}

if (process.argv[1] === self) {
  const { default: S3rver } = await import("s3rver");
  const [directory, bucket] = process.argv.slice(2);
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.on("SIGTERM", () => server.close().then(() => process.exit(0)));
}
