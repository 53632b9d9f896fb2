import "server-only";
import sharp from "sharp";
import { invalid, tooLarge, busy } from "@/lib/core/errors";
import { env } from "@/lib/platform/env";
import { createSemaphore, type Semaphore } from "@/lib/platform/semaphore";
import { readFileMetadata, type FileMetadata } from "@/lib/photos/metadata";
import { checkPhotoShape, MAX_PIXELS, readPhotoHeader, type PhotoHeader } from "@/lib/photos/limits";

// Turns uploaded bytes into a checked original plus the sizes pages use.
// The file's content decides what it is; its name and the browser's claimed type do not.
export const ACCEPTED_FORMATS = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" } as const;
export const DERIVATIVE_WIDTHS = [480, 960, 1600] as const;
export type DerivativeName = `w${(typeof DERIVATIVE_WIDTHS)[number]}`;

// Uploads are decoded once each: libvips' cache would only keep finished images in memory,
// and one libvips thread per job keeps a job's buffers small and the two cores for pages.
sharp.cache(false);
sharp.concurrency(1);

let decodes: Semaphore | undefined;
/** The queue of photo decodes: at most PHOTO_DECODE_CONCURRENCY at once (each up to ~300 MB at the limits, lib/photos/limits.ts). */
export function photoDecodes(): Semaphore {
  decodes ??= createSemaphore(env().PHOTO_DECODE_CONCURRENCY);
  return decodes;
}

/**
 * How many uploads may wait for a decode, each holding its photo in memory (up to the byte limit):
 * beyond that the next is told to try again at once rather than queued, so a burst of uploads
 * cannot take the server's memory. Four per decode slot is about a minute of waiting.
 */
export function decodeQueueFull(): boolean {
  return photoDecodes().waiting >= 4 * env().PHOTO_DECODE_CONCURRENCY;
}
export const serverBusyWithPhotos = () => busy("服务器正在处理其他图片，请稍后几秒再上传");

export const photoTooLarge = (maxBytes: number) => tooLarge(`图片不能超过 ${Math.floor(maxBytes / 1024 / 1024)} MB`);
const damaged = () => invalid("图片文件已损坏或无法读取");

export type IngestedPhoto = {
  mimeType: string;
  extension: string;
  width: number;
  height: number;
  original: Buffer;
  derivatives: { name: DerivativeName; data: Buffer }[];
  /** What the file said about itself; the derivatives no longer carry it. */
  metadata: FileMetadata;
};

function sniff(data: Buffer): keyof typeof ACCEPTED_FORMATS | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "jpeg";
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (data.length >= 12 && data.toString("ascii", 0, 4) === "RIFF" && data.toString("ascii", 8, 12) === "WEBP") return "webp";
  return null;
}

/** Whether the bytes are a picture format the photo desk takes (JPEG, PNG, WebP), by their content. */
export const isAcceptedPhotoFormat = (data: Buffer) => sniff(data) !== null;

export async function ingestPhoto(data: Buffer, maxBytes: number): Promise<IngestedPhoto> {
  if (data.length === 0) throw invalid("文件是空的，请重新选择图片");
  if (data.length > maxBytes) throw photoTooLarge(maxBytes);
  const format = sniff(data);
  if (!format) throw invalid("只能上传 JPEG、PNG 或 WebP 格式的图片");
  // The header alone is read, outside the decode queue: a picture too large is refused before any
  // pixel of it is decoded, and without waiting its turn.
  const header = await readPhotoHeader(data);
  if (!header || header.format !== format) throw damaged();
  checkPhotoShape(header);
  if (decodeQueueFull()) throw serverBusyWithPhotos();
  return photoDecodes().run(() => decode(data, format, header));
}

async function decode(data: Buffer, format: keyof typeof ACCEPTED_FORMATS, meta: PhotoHeader): Promise<IngestedPhoto> {
  const metadata = await readFileMetadata(data);

  // Derivatives are upright (EXIF orientation applied), stripped of metadata, and never upscaled;
  // made one after another, so a job decodes one image at a time.
  const upright = sharp(data, { limitInputPixels: MAX_PIXELS }).rotate();
  const derivatives: IngestedPhoto["derivatives"] = [];
  try {
    for (const w of DERIVATIVE_WIDTHS) {
      const resized = await upright.clone().resize({ width: w, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
      derivatives.push({ name: `w${w}`, data: resized });
    }
  } catch {
    throw damaged();
  }
  const turned = meta.orientation !== undefined && meta.orientation >= 5;
  return {
    mimeType: ACCEPTED_FORMATS[format],
    extension: format === "jpeg" ? "jpg" : format,
    width: turned ? meta.height : meta.width,
    height: turned ? meta.width : meta.height,
    original: data,
    derivatives,
    metadata,
  };
}
