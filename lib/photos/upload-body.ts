import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { invalid, type DomainError } from "@/lib/core/errors";
import { photoTooLarge } from "@/lib/photos/ingest";

// Reads an upload form while it arrives: one photo in `file` and its short texts.
// Bytes are counted as they come; at the limit reading stops and what was read is dropped,
// so a request never holds more than one photo's limit, however much the sender sends.

/** Room in a body around the photo: boundaries, part headers and the short texts. */
export const ENVELOPE_BYTES = 64 * 1024;
// The photo's own words, and those a batch shares (credit, place, event, keywords).
const TEXT_FIELDS = ["caption", "credit", "altText", "place", "event", "keywords"] as const;
// The longest text kept is a 300-character caption; Chinese takes 3 bytes a character in UTF-8.
const TEXT_FIELD_BYTES = 4 * 1024;

export type UploadForm = { photo: Buffer } & Record<(typeof TEXT_FIELDS)[number], string>;

const notAForm = () => invalid("上传的内容不是表单，请在稿件编辑页上传图片");
const malformed = () => invalid("上传的内容不完整或格式有误，请重新上传");
const noPhoto = () => invalid("请选择要上传的图片");

export async function readUploadForm(request: Request, maxBytes: number): Promise<UploadForm> {
  const bodyLimit = maxBytes + ENVELOPE_BYTES;
  // A body that says it is too big is refused before a byte of it is read.
  if (Number(request.headers.get("content-length") ?? 0) > bodyLimit) throw photoTooLarge(maxBytes);
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw notAForm();
  if (!request.body) throw noPhoto();

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // One byte over the photo limit is what tells busboy's `limit` that the photo is too big.
      limits: { files: 1, fileSize: maxBytes + 1, fields: TEXT_FIELDS.length, fieldSize: TEXT_FIELD_BYTES, headerPairs: 10 },
    });
  } catch {
    throw malformed(); // no boundary, or one busboy cannot use
  }
  const source = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  return collect(source, parser, maxBytes, bodyLimit);
}

function collect(source: Readable, parser: busboy.Busboy, maxBytes: number, bodyLimit: number): Promise<UploadForm> {
  return new Promise((resolve, reject) => {
    const texts = Object.fromEntries(TEXT_FIELDS.map((n) => [n, ""])) as Record<(typeof TEXT_FIELDS)[number], string>;
    let chunks: Buffer[] = [];
    let photoBytes = 0;
    let sawPhoto = false;
    let received = 0;
    let settled = false;

    // Stop reading: no more bytes are pulled from the connection. The stream is not cancelled
    // here, since that closes the connection before the refusal is sent; the route closes it after.
    const stop = (error: DomainError) => {
      if (settled) return;
      settled = true;
      chunks = [];
      source.off("data", count);
      source.unpipe(parser);
      source.pause();
      reject(error);
    };
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > bodyLimit) stop(photoTooLarge(maxBytes));
    };

    parser.on("file", (name, file, info) => {
      if (name !== "file" || sawPhoto) return stop(malformed());
      sawPhoto = true;
      if (!info.filename) return stop(noPhoto());
      file.on("data", (chunk: Buffer) => {
        if (settled) return;
        chunks.push(chunk);
        photoBytes += chunk.length;
      });
      file.on("limit", () => stop(photoTooLarge(maxBytes)));
      file.on("error", () => stop(malformed()));
    });
    parser.on("field", (name, value, info) => {
      if (name === "file") return stop(noPhoto()); // text where the photo should be
      if (!(TEXT_FIELDS as readonly string[]).includes(name)) return stop(malformed());
      if (info.valueTruncated) return stop(invalid("图片说明、署名、关键词或替代文字太长"));
      texts[name as (typeof TEXT_FIELDS)[number]] = value.trim();
    });
    parser.on("filesLimit", () => stop(invalid("一次只能上传一张图片")));
    parser.on("fieldsLimit", () => stop(malformed()));
    parser.on("error", () => stop(malformed()));
    source.on("error", () => stop(invalid("上传中断了，请重新上传")));
    parser.on("close", () => {
      if (settled) return;
      if (!sawPhoto) return stop(noPhoto());
      settled = true;
      const photo = Buffer.concat(chunks, photoBytes);
      chunks = [];
      resolve({ photo, ...texts });
    });

    source.on("data", count);
    source.pipe(parser);
  });
}
