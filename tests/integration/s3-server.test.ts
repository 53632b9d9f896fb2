import { statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { s3Client } from "@/lib/platform/storage/s3";
import { startS3Server, type TestS3Server } from "../support/s3-server";
import { freePort } from "../support/http";

// The demo object store (scripts/s3-server.mjs) holds unpublished originals: only requests signed
// with its credentials get anything, as from S3 itself; a plain GET from anyone on the machine does not.

let s3: TestS3Server;
const key = "2026/12/00000000-0000-4000-8000-000000000000/original.jpg";
const bytes = Buffer.from("原图：只给签名的请求");

beforeAll(async () => {
  s3 = await startS3Server();
  await s3Client(s3.settings).send(new PutObjectCommand({ Bucket: s3.settings.bucket, Key: key, Body: bytes }));
});
afterAll(() => s3?.stop());

const objectUrl = () => `${s3.settings.endpoint}/${s3.settings.bucket}/${key}`;

describe("the demo S3 server", () => {
  it("serves an object to a request signed with its credentials", async () => {
    const got = await s3Client(s3.settings).send(new GetObjectCommand({ Bucket: s3.settings.bucket, Key: key }));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(bytes);
  });

  it("refuses a plain GET of an object, and a listing of the bucket", async () => {
    for (const url of [objectUrl(), `${s3.settings.endpoint}/${s3.settings.bucket}`]) {
      const answer = await fetch(url);
      expect(answer.status, url).toBe(403);
      expect(await answer.text()).not.toContain(bytes.toString());
    }
  });

  it("refuses a request signed with another secret, or another access key", async () => {
    for (const settings of [{ ...s3.settings, secretAccessKey: `${s3.settings.secretAccessKey}x` }, { ...s3.settings, accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }]) {
      const refused = await s3Client(settings).send(new GetObjectCommand({ Bucket: s3.settings.bucket, Key: key })).catch((e: Error & { $metadata?: { httpStatusCode?: number } }) => e);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(403);
    }
  });

  it("refuses an authorization header lifted onto another object", async () => {
    // The signature covers the address: the same header for another key is not valid.
    let sent = { path: "", query: {} as Record<string, string>, headers: {} as Record<string, string> };
    const client = s3Client(s3.settings);
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as typeof sent;
        sent = { path: request.path, query: { ...request.query }, headers: { ...request.headers } };
        return next(args);
      },
      { step: "finalizeRequest", priority: "low" },
    );
    await client.send(new GetObjectCommand({ Bucket: s3.settings.bucket, Key: key }));
    expect(sent.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    // fetch names the same host itself.
    const { host, ...headers } = sent.headers;
    expect(host).toBe(new URL(s3.settings.endpoint!).host);
    const address = (path: string) => `${s3.settings.endpoint}${path}?${new URLSearchParams(sent.query)}`;
    expect((await fetch(address(sent.path.replace("original.jpg", "w480.webp")), { headers })).status).toBe(403);
    // The same header on its own address still works: what refused it above was the address.
    expect((await fetch(address(sent.path), { headers })).status).toBe(200);
  });

  it("keeps its objects in a folder only its owner can open", () => {
    expect(statSync(s3.directory).mode & 0o777).toBe(0o700);
  });

  it("listens on the port it is given (start:cluster's OBJECT_STORE_PORT), and says so when it cannot", async () => {
    const port = await freePort(6250, 6299);
    const fixed = await startS3Server("newsroom-photos", port);
    try {
      expect(fixed.settings.endpoint).toBe(`http://127.0.0.1:${port}`);
      await expect(startS3Server("newsroom-photos", port)).rejects.toThrow(`the object store did not start on port ${port}`);
    } finally {
      await fixed.stop();
    }
  });
});
