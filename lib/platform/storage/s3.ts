import "server-only";
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from "@aws-sdk/client-s3";
import { assertSafe, type PhotoStore, type StoredKey } from "@/lib/platform/storage/photo-store";

// Photo files in an S3-compatible bucket, shared by every app instance. Objects are written without
// an ACL, so they stay as private as the bucket: readers get them through the app, which checks who
// may see what and streams them.

export type S3Settings = {
  /** Unset for AWS S3 itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
};

export function s3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // The SDK's newer default checksums (CRC32 headers, aws-chunked bodies) are refused by some
    // S3-compatible services; Content-MD5, which all of them check, is sent instead where it matters.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: {
      // A store that is down or stalls fails the request rather than holding it. No limit on the whole
      // request: a photo streamed to a slow reader takes as long as it takes, on its own connection.
      connectionTimeout: 5_000,
      socketTimeout: 30_000,
      httpAgent: { keepAlive: true, maxSockets: 256 },
      httpsAgent: { keepAlive: true, maxSockets: 256 },
    },
  });
}

const md5 = (data: Buffer | string) => createHash("md5").update(data).digest("base64");

/** A missing object (404: NoSuchKey from GET, NotFound from HEAD, which has no body to say more) is null. */
async function unlessMissing<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (e) {
    if (e instanceof Error && (e.name === "NoSuchKey" || e.name === "NotFound")) return null;
    throw e;
  }
}

export function s3PhotoStore(settings: S3Settings, { listPageSize = 1000 } = {}): PhotoStore {
  const client = s3Client(settings);
  const Bucket = settings.bucket;

  // One listing of the whole bucket, a thousand objects a request, rather than one request per
  // folder with Delimiter "/": objects come in key order, so a key's files arrive together.
  async function* keys(): AsyncGenerator<StoredKey> {
    let current: StoredKey | undefined;
    for await (const page of paginateListObjectsV2({ client, pageSize: listPageSize }, { Bucket })) {
      for (const object of page.Contents ?? []) {
        const slash = object.Key!.lastIndexOf("/");
        if (slash <= 0) continue;
        const key = object.Key!.slice(0, slash);
        const written = object.LastModified ?? new Date();
        if (current?.key === key) {
          if (written > current.lastWritten) current.lastWritten = written;
        } else {
          if (current) yield current;
          current = { key, lastWritten: written };
        }
      }
    }
    if (current) yield current;
  }

  return {
    async put(key, name, data) {
      assertSafe(key, name);
      // Content-MD5: the service refuses a body damaged on the way. One request: a reader never sees half a file.
      await client.send(new PutObjectCommand({ Bucket, Key: `${key}/${name}`, Body: data, ContentMD5: md5(data) }));
    },
    async get(key, name) {
      assertSafe(key, name);
      const object = await unlessMissing(client.send(new GetObjectCommand({ Bucket, Key: `${key}/${name}` })));
      // On Node the body is the HTTP response itself (an IncomingMessage): bytes flow as they arrive.
      return object ? { body: object.Body as Readable, size: object.ContentLength ?? 0 } : null;
    },
    async size(key, name) {
      assertSafe(key, name);
      const head = await unlessMissing(client.send(new HeadObjectCommand({ Bucket, Key: `${key}/${name}` })));
      return head ? (head.ContentLength ?? 0) : null;
    },
    async remove(key) {
      assertSafe(key);
      // The trailing slash keeps "2026/01/ab" from taking "2026/01/abc/..." along.
      for await (const page of paginateListObjectsV2({ client }, { Bucket, Prefix: `${key}/` })) {
        const objects = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
        if (objects.length === 0) continue;
        // MD5 rather than the SDK's default CRC32: MinIO, OSS and older Ceph refuse a batch delete without Content-MD5.
        const done = await client.send(new DeleteObjectsCommand({ Bucket, ChecksumAlgorithm: "MD5", Delete: { Objects: objects, Quiet: true } }));
        if (done.Errors?.length) throw new Error(`could not delete ${done.Errors.length} photo files under ${key}: ${done.Errors[0].Code} ${done.Errors[0].Message}`);
      }
    },
    keys,
  };
}
