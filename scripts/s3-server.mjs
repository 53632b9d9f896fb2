// A real S3-protocol server (s3rver, from npm) for this machine: the cluster script's photo store
// and the tests'. Not for production: there, PHOTO_STORE=s3 points at AWS S3, Aliyun OSS, MinIO or Ceph.
//
//   S3_SERVER_ACCESS_KEY_ID=… S3_SERVER_SECRET_ACCESS_KEY=… \
//   node --openssl-legacy-provider scripts/s3-server.mjs <dir> <bucket> [port]
//       serves on the port given (or a free one) of 127.0.0.1 and prints {"port": N} once it listens;
// startS3Server() runs it in a process of its own, with credentials made for it (or given), and
// resolves once it listens. Every request must be signed with those credentials (Signature
// Version 4, checked in scripts/s3-signature.mjs): s3rver alone serves any object to anyone on the
// machine. The objects' folder is the owner's alone. The credentials travel in the environment,
// never on the command line, which anyone on the machine can read. The legacy OpenSSL provider is
// for s3rver's listing tokens, which it enciphers with DES (without it every listing longer than a
// page fails).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { chmodSync, mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { endWhenOrphaned, envForChild, stopChild } from "./lib.mjs";
import { signatureProblem } from "./s3-signature.mjs";

const self = fileURLToPath(import.meta.url);

/** Credentials for one server: random, so nobody else on the machine can know them. */
export function newS3Credentials() {
  return { accessKeyId: `NEWSROOM${randomBytes(6).toString("hex").toUpperCase()}`, secretAccessKey: randomBytes(30).toString("base64url") };
}

export async function startS3Server(directory, bucket, { credentials = newS3Credentials(), port = 0 } = {}) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`the object store's port must be a number from 1 to 65535, not ${port}`);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
  const child = spawn(process.execPath, ["--openssl-legacy-provider", self, directory, bucket, String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: envForChild({ ...process.env, S3_SERVER_ACCESS_KEY_ID: credentials.accessKeyId, S3_SERVER_SECRET_ACCESS_KEY: credentials.secretAccessKey }),
  });
  const exited = once(child, "exit");
  const [line] = await Promise.race([once(createInterface({ input: child.stdout }), "line"), exited.then(() => [null])]);
  if (!line) throw new Error(port ? `the object store did not start on port ${port} (taken?)` : "s3rver did not start");
  const listening = JSON.parse(line).port;
  return {
    endpoint: `http://127.0.0.1:${listening}`,
    bucket,
    ...credentials,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

/** Refuses, as S3 does, a request not signed with these credentials (a plain GET of an object included). */
function requireSignature(credentials) {
  return async function signedOnly(ctx, next) {
    const problem = signatureProblem({ method: ctx.method, url: ctx.req.url, headers: ctx.req.headers }, credentials);
    if (problem) {
      ctx.status = 403;
      ctx.type = "application/xml";
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${problem}</Code><Message>Signed requests only</Message></Error>`;
      return;
    }
    // Checked: s3rver, which knows only its own built-in account, takes it as anonymous.
    delete ctx.req.headers.authorization;
    await next();
  };
}

if (process.argv[1] === self) {
  const { default: S3rver } = await import("s3rver");
  const [directory, bucket, askedPort = "0"] = process.argv.slice(2);
  const credentials = { accessKeyId: process.env.S3_SERVER_ACCESS_KEY_ID, secretAccessKey: process.env.S3_SERVER_SECRET_ACCESS_KEY };
  if (!credentials.accessKeyId || !credentials.secretAccessKey) {
    console.error("s3-server: S3_SERVER_ACCESS_KEY_ID and S3_SERVER_SECRET_ACCESS_KEY are required");
    process.exit(2);
  }
  const server = new S3rver({ address: "127.0.0.1", port: Number(askedPort), directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  // Before every middleware of s3rver's own.
  server.middleware.unshift(requireSignature(credentials));
  const { port } = await server.run();
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  const stop = () => server.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  endWhenOrphaned(stop);
}
