import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { invalid, type DomainError } from "@/lib/core/errors";

// Reads an upload form while it arrives: one file in `file` and a few short texts.
// Bytes are counted as they come; at the limit reading stops and what was read is dropped,
// so a request never holds more than one file's limit, however much the sender sends.

/** Room in a body around the file: boundaries, part headers and the short texts. */
export const ENVELOPE_BYTES = 64 * 1024;

/** What one kind of upload accepts, and how its refusals are worded for its users. */
export type FileFormSpec<F extends string> = {
  maxBytes: number;
  fields: readonly F[];
  fieldBytes: number;
  tooLarge: () => DomainError;
  notAForm: () => DomainError;
  noFile: () => DomainError;
  oneFileOnly: () => DomainError;
  fieldTooLong: () => DomainError;
};

export type FileForm<F extends string> = { file: Buffer; filename: string; fields: Record<F, string> };

const malformed = () => invalid("上传的内容不完整或格式有误，请重新上传");

export async function readFileForm<F extends string>(request: Request, spec: FileFormSpec<F>): Promise<FileForm<F>> {
  const bodyLimit = spec.maxBytes + ENVELOPE_BYTES;
  // A body that says it is too big is refused before a byte of it is read.
  if (Number(request.headers.get("content-length") ?? 0) > bodyLimit) throw spec.tooLarge();
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw spec.notAForm();
  if (!request.body) throw spec.noFile();

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send a file's name as UTF-8 (稿件.docx); busboy's default would read it as Latin-1.
      defParamCharset: "utf8",
      // One byte over the file limit is what tells busboy's `limit` that the file is too big.
      limits: { files: 1, fileSize: spec.maxBytes + 1, fields: spec.fields.length, fieldSize: spec.fieldBytes, headerPairs: 10 },
    });
  } catch {
    throw malformed(); // no boundary, or one busboy cannot use
  }
  const source = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  return collect(source, parser, spec, bodyLimit);
}

function collect<F extends string>(source: Readable, parser: busboy.Busboy, spec: FileFormSpec<F>, bodyLimit: number): Promise<FileForm<F>> {
  return new Promise((resolve, reject) => {
    const fields = Object.fromEntries(spec.fields.map((n) => [n, ""])) as Record<F, string>;
    let chunks: Buffer[] = [];
    let fileBytes = 0;
    let sawFile = false;
    let filename = "";
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
      if (received > bodyLimit) stop(spec.tooLarge());
    };

    parser.on("file", (name, file, info) => {
      if (name !== "file" || sawFile) return stop(malformed());
      sawFile = true;
      if (!info.filename) return stop(spec.noFile());
      filename = info.filename;
      file.on("data", (chunk: Buffer) => {
        if (settled) return;
        chunks.push(chunk);
        fileBytes += chunk.length;
      });
      file.on("limit", () => stop(spec.tooLarge()));
      file.on("error", () => stop(malformed()));
    });
    parser.on("field", (name, value, info) => {
      if (name === "file") return stop(spec.noFile()); // text where the file should be
      if (!(spec.fields as readonly string[]).includes(name)) return stop(malformed());
      if (info.valueTruncated) return stop(spec.fieldTooLong());
      fields[name as F] = value.trim();
    });
    parser.on("filesLimit", () => stop(spec.oneFileOnly()));
    parser.on("fieldsLimit", () => stop(malformed()));
    parser.on("error", () => stop(malformed()));
    source.on("error", () => stop(invalid("上传中断了，请重新上传")));
    parser.on("close", () => {
      if (settled) return;
      if (!sawFile) return stop(spec.noFile());
      settled = true;
      const file = Buffer.concat(chunks, fileBytes);
      chunks = [];
      resolve({ file, filename, fields });
    });

    source.on("data", count);
    source.pipe(parser);
  });
}
