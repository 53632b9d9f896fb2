import { describe, expect, it } from "vitest";
import { ENVELOPE_BYTES, readUploadForm } from "@/lib/photos/upload-body";
import { refusal } from "../support/refusal";

// Real Requests with streamed bodies, as the route receives them; the body counts what is pulled from it.
const LIMIT = 1024 * 1024;
const BOUNDARY = "----jiping-test-boundary";
type Part = { name: string; filename?: string; data: Buffer | string };

function multipart(parts: Part[], { close = true } = {}): Buffer {
  const pieces = parts.flatMap((p) => [
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename === undefined ? "" : `; filename="${p.filename}"`}\r\n` +
        (p.filename === undefined ? "" : `Content-Type: ${p.filename ? "image/jpeg" : "application/octet-stream"}\r\n`) +
        "\r\n",
    ),
    Buffer.from(p.data),
    Buffer.from("\r\n"),
  ]);
  return Buffer.concat([...pieces, Buffer.from(close ? `--${BOUNDARY}--\r\n` : "")]);
}

/** A request whose body is `head` followed by `fill` bytes and then `tail`, handed out 64 KB at a time. */
function streamedRequest(head: Buffer, opts: { fill?: number; tail?: Buffer; headers?: Record<string, string> } = {}) {
  const tail = opts.tail ?? Buffer.alloc(0);
  const total = head.length + (opts.fill ?? 0) + tail.length;
  const stats = { pulled: 0 };
  const filler = Buffer.alloc(64 * 1024, 0x5a);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= total) return controller.close();
      let chunk: Buffer;
      if (stats.pulled < head.length) chunk = head.subarray(stats.pulled, stats.pulled + filler.length);
      else if (stats.pulled < head.length + (opts.fill ?? 0)) chunk = filler.subarray(0, Math.min(filler.length, head.length + (opts.fill ?? 0) - stats.pulled));
      else chunk = tail.subarray(stats.pulled - head.length - (opts.fill ?? 0));
      stats.pulled += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
  }, { highWaterMark: 0 }); // pulled only when the reader asks
  const request = new Request("http://localhost/api/photos", {
    method: "POST",
    body,
    duplex: "half",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...opts.headers },
  } as RequestInit);
  return { request, stats };
}

describe("reading the upload form", () => {
  it("gives the photo and its short texts", async () => {
    const photo = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
    const { request } = streamedRequest(
      multipart([
        { name: "caption", data: "  秋收时节，梨树县的田野里一片繁忙。 " },
        { name: "credit", data: "本报记者 赵晨 摄" },
        { name: "keywords", data: "秋收、玉米" },
        { name: "place", data: "梨树县" },
        { name: "file", filename: "秋收.jpg", data: photo },
      ]),
    );
    expect(await readUploadForm(request, LIMIT)).toEqual({
      photo,
      caption: "秋收时节，梨树县的田野里一片繁忙。",
      credit: "本报记者 赵晨 摄",
      altText: "",
      keywords: "秋收、玉米",
      place: "梨树县",
      event: "",
    });
  });

  it("takes a photo of exactly the limit", async () => {
    const { request } = streamedRequest(multipart([{ name: "file", filename: "a.jpg", data: Buffer.alloc(LIMIT, 7) }]));
    expect((await readUploadForm(request, LIMIT)).photo.length).toBe(LIMIT);
  });

  it("refuses one byte more as too large", async () => {
    const { request } = streamedRequest(multipart([{ name: "file", filename: "a.jpg", data: Buffer.alloc(LIMIT + 1, 7) }]));
    const e = await refusal(readUploadForm(request, LIMIT));
    expect([e.code, e.message]).toEqual(["too_large", "图片不能超过 1 MB"]);
  });

  it("stops reading a body ten times the limit soon after the limit", async () => {
    const head = multipart([{ name: "file", filename: "a.jpg", data: "" }]).subarray(0, -`\r\n--${BOUNDARY}--\r\n`.length);
    const { request, stats } = streamedRequest(head, { fill: 10 * LIMIT, tail: Buffer.from(`\r\n--${BOUNDARY}--\r\n`) });
    const e = await refusal(readUploadForm(request, LIMIT));
    expect(e.code).toBe("too_large");
    // A few 64 KB chunks may be in flight when reading stops; nowhere near the ten megabytes sent.
    expect(stats.pulled).toBeLessThan(LIMIT + ENVELOPE_BYTES + 4 * 64 * 1024);
  });

  it("stops reading a body that is mostly not the photo (many parts, padding) at the body limit", async () => {
    const head = Buffer.from(`--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\n`);
    const { request, stats } = streamedRequest(head, { fill: 10 * LIMIT });
    const e = await refusal(readUploadForm(request, LIMIT));
    expect(e.code).toBe("too_large");
    expect(stats.pulled).toBeLessThan(LIMIT + ENVELOPE_BYTES + 4 * 64 * 1024);
  });

  it("refuses a body that declares too many bytes without reading any", async () => {
    const { request, stats } = streamedRequest(Buffer.alloc(0), { fill: 1, headers: { "content-length": String(LIMIT + ENVELOPE_BYTES + 1) } });
    const e = await refusal(readUploadForm(request, LIMIT));
    expect([e.code, e.message]).toEqual(["too_large", "图片不能超过 1 MB"]);
    expect(stats.pulled).toBe(0);
  });

  it.each([
    ["not multipart", { "content-type": "application/json" }, "上传的内容不是表单，请在稿件编辑页上传图片"],
    ["multipart without a boundary", { "content-type": "multipart/form-data; charset=utf-8" }, "上传的内容不完整或格式有误，请重新上传"],
  ])("refuses a body that is %s", async (_, headers, message) => {
    const { request } = streamedRequest(Buffer.from('{"file":"x"}'), { headers });
    const e = await refusal(readUploadForm(request, LIMIT));
    expect([e.code, e.message]).toEqual(["invalid", message]);
  });

  it.each([
    ["no photo", [{ name: "caption", data: "只有说明" }], "请选择要上传的图片"],
    ["text in place of the photo", [{ name: "file", data: "照片.jpg" }], "请选择要上传的图片"],
    ["an empty file input", [{ name: "file", filename: "", data: "" }], "请选择要上传的图片"],
    ["two photos", [{ name: "file", filename: "a.jpg", data: "a" }, { name: "file", filename: "b.jpg", data: "b" }], "一次只能上传一张图片"],
    ["a photo under another name", [{ name: "picture", filename: "a.jpg", data: "a" }], "上传的内容不完整或格式有误，请重新上传"],
    ["a field nobody asked for", [{ name: "storyId", data: "x" }, { name: "file", filename: "a.jpg", data: "a" }], "上传的内容不完整或格式有误，请重新上传"],
    ["a caption of 5,000 characters", [{ name: "caption", data: "长".repeat(5000) }, { name: "file", filename: "a.jpg", data: "a" }], "图片说明、署名、关键词或替代文字太长"],
  ] as [string, Part[], string][])("refuses a form with %s", async (_, parts, message) => {
    const { request } = streamedRequest(multipart(parts));
    const e = await refusal(readUploadForm(request, LIMIT));
    expect([e.code, e.message]).toEqual(["invalid", message]);
  });

  it("refuses a form cut off in the middle", async () => {
    const whole = multipart([{ name: "file", filename: "a.jpg", data: Buffer.alloc(1000, 1) }]);
    const { request } = streamedRequest(whole.subarray(0, 500));
    const e = await refusal(readUploadForm(request, LIMIT));
    expect([e.code, e.message]).toEqual(["invalid", "上传的内容不完整或格式有误，请重新上传"]);
  });
});
