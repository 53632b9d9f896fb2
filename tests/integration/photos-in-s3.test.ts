import { existsSync } from "node:fs";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { db } from "@/lib/platform/db";
import { photoStore } from "@/lib/platform/storage";
import { s3Client } from "@/lib/platform/storage/s3";
import { uploadPhoto } from "@/lib/photos/mutations";
import { createStory } from "@/lib/desk/story-commands";
import { GET, HEAD } from "@/app/api/photos/[id]/[file]/route";
import { completeDraft, makeUser, pngBytes } from "../support/factories";
import { refusal } from "../support/refusal";
import { startS3Server, type TestS3Server } from "../support/s3-server";

// The app with PHOTO_STORE=s3 against a real S3-protocol server over HTTP: uploads land in the
// bucket (not in PHOTO_DIR), are served from it, and the bucket and the Photo table never disagree
// in the one way that hurts: a row without its files.

let s3: TestS3Server;
const saved = { ...process.env };

beforeAll(async () => {
  s3 = await startS3Server();
  const { endpoint, bucket, accessKeyId, secretAccessKey } = s3.settings;
  // Before the app's first env(): this file's modules read these, and only these.
  Object.assign(process.env, { PHOTO_STORE: "s3", S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey });
});

afterAll(async () => {
  await s3?.stop().catch(() => {});
  process.env = saved;
});

async function objectKeys(): Promise<string[]> {
  const listed = await s3Client(s3.settings).send(new ListObjectsV2Command({ Bucket: s3.settings.bucket }));
  return (listed.Contents ?? []).map((o) => o.Key!);
}

async function published(photoId: string) {
  const author = await makeUser("EDITOR");
  const story = await createStory(author, completeDraft({ kind: "PHOTO_NEWS", body: [{ type: "photo", photoId, caption: "说明", credit: "本报记者 测试 摄", altText: "" }, { type: "paragraph", text: "田间一派丰收景象。" }] }));
  await db().story.update({ where: { id: story.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
}

const fileOf = (id: string, file: string, headers: HeadersInit = {}) =>
  [new Request(`http://localhost/api/photos/${id}/${file}`, { headers }), { params: Promise.resolve({ id, file }) }] as const;

describe("photos in an S3 bucket", () => {
  it("puts an upload's original and sizes in the bucket, and reads them back from it", async () => {
    const author = await makeUser("CORRESPONDENT");
    const uploaded = await uploadPhoto(author, await pngBytes(1200, 800), { caption: "秋收" });
    const row = await db().photo.findUniqueOrThrow({ where: { id: uploaded.id } });

    expect((await objectKeys()).filter((k) => k.startsWith(`${row.storageKey}/`)).sort()).toEqual(
      ["original.png", "w1600.webp", "w480.webp", "w960.webp"].map((n) => `${row.storageKey}/${n}`),
    );
    expect(existsSync(path.join(process.env.PHOTO_DIR!, row.storageKey))).toBe(false);
    const w960 = await photoStore().get(row.storageKey, "w960.webp");
    const meta = await sharp(await buffer(w960!.body)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 960, 640]);
  });

  it("streams a published photo from the bucket with its length, ETag and cache rules, and answers 304 and HEAD", async () => {
    const author = await makeUser("CORRESPONDENT");
    const uploaded = await uploadPhoto(author, await pngBytes(1200, 800));
    await published(uploaded.id);
    const row = await db().photo.findUniqueOrThrow({ where: { id: uploaded.id } });
    const stored = await buffer((await photoStore().get(row.storageKey, "w480.webp"))!.body);

    const answer = await GET(...fileOf(uploaded.id, "w480"));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("image/webp");
    expect(answer.headers.get("content-length")).toBe(String(stored.length));
    expect(answer.headers.get("cache-control")).toBe("public, max-age=86400, s-maxage=31536000");
    expect(Buffer.from(await answer.arrayBuffer()).equals(stored)).toBe(true);

    const etag = answer.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await GET(...fileOf(uploaded.id, "w480", { "If-None-Match": `W/"other", ${etag}` }));
    expect([again.status, again.body, again.headers.get("etag")]).toEqual([304, null, etag]);
    expect((await GET(...fileOf(uploaded.id, "w960", { "If-None-Match": etag }))).status).toBe(200);

    const head = await HEAD(...fileOf(uploaded.id, "w480"));
    expect([head.status, head.body, head.headers.get("content-length")]).toEqual([200, null, String(stored.length)]);
  });

  it("leaves no file in the bucket when the photo's row cannot be written", async () => {
    const ghost = { ...(await makeUser("CORRESPONDENT")), id: "no-such-user" };
    const before = await objectKeys();
    await expect(uploadPhoto(ghost, await pngBytes())).rejects.toThrow();
    expect(await objectKeys()).toEqual(before);
  });

  it("writes no row when the bucket cannot take the files, and says so", async () => {
    const author = await makeUser("CORRESPONDENT");
    const before = await db().photo.count();
    await s3.stop();
    const refused = await refusal(uploadPhoto(author, await pngBytes()));
    expect([refused.code, refused.message]).toEqual(["busy", "图片存储暂时不可用，图片没有保存，请稍后再上传"]);
    expect(await db().photo.count()).toBe(before);
  });
});
