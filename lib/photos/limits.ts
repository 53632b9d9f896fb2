import "server-only";
import sharp from "sharp";
import { invalid } from "@/lib/core/errors";

// What a photo may be, judged from its header before a pixel is decoded. libvips keeps whole rows
// while it decodes and shrinks, so a decode's memory grows with the longest side and the bytes of
// each pixel, not only with the pixel count: a 64,000,000 × 1 PNG of zeros (61 KB) held the pixel
// limit and took 600 MB to resize, a 16-bit RGBA one (500 KB) 8 GB and two minutes. So each side,
// the pixels and the decoded bytes are bounded.

/**
 * The longest side. No camera or scanner photo comes near it (Phase One's 150 Mpx back is 14,204 px
 * wide, a Sony A7R V 9,504; an A4 page scanned at 1200 dpi is 14,031 high), and it is the most
 * WebP can hold, so every derivative we make of a photo can be written.
 */
export const MAX_SIDE = 16_383;
// The sharpest cameras our photographers use give 61 Mpx (Sony A7R IV/V, 9504×6336); Canon R5,
// Nikon Z8/Z9 and phones' 50 Mpx modes stay under 50. 100 Mpx medium format is asked for a smaller export.
export const MAX_PIXELS = 64_000_000;
/**
 * The decoded image: a camera's 8-bit RGB frame at the pixel limit. A 16-bit or transparent PNG of
 * as many pixels holds up to 2.7 times that (and took 12 s instead of 1 to resize), so it may have
 * fewer pixels; a photographer exports JPEG, 8 bits, three channels.
 */
export const MAX_DECODED_BYTES = 3 * MAX_PIXELS;

/** What a picture's size is made of. */
export type PhotoShape = { width: number; height: number; channels: number; bitsPerSample: number; hasAlpha: boolean; cmyk: boolean };
/** What a picture's header says: its format and EXIF orientation besides its shape. */
export type PhotoHeader = PhotoShape & { format: string; orientation?: number };

const BITS: Record<string, number> = { uchar: 8, char: 8, ushort: 16, short: 16, uint: 32, int: 32, float: 32, double: 64 };

/** The picture's header alone (no pixel is decoded); null when none can be read. */
export async function readPhotoHeader(data: Buffer): Promise<PhotoHeader | null> {
  try {
    const meta = await sharp(data, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) return null;
    return {
      format: meta.format,
      orientation: meta.orientation,
      width: meta.width,
      height: meta.height,
      channels: meta.channels ?? 4,
      bitsPerSample: BITS[meta.depth ?? ""] ?? 32,
      hasAlpha: meta.hasAlpha ?? false,
      cmyk: meta.space === "cmyk",
    };
  } catch {
    return null;
  }
}

export const decodedBytes = (s: PhotoShape) => s.width * s.height * s.channels * (s.bitsPerSample / 8);

const wan = (n: number) => Math.round(n / 10_000); // cameras are sold in 万像素
const mb = (n: number) => Math.round(n / 1024 / 1024);
const SMALLER_JPEG = "请导出一张较小的 JPEG（例如长边 6000 像素）再上传。";

/** Why a picture is larger than any photo we need, saying what to do about it; null when it is not. */
export function shapeRefusal(shape: PhotoShape): string | null {
  const { width, height } = shape;
  const size = `${width}×${height}`;
  if (Math.max(width, height) > MAX_SIDE) {
    return `这张图片的长边有 ${Math.max(width, height)} 像素（${size}），超过了 ${MAX_SIDE} 像素的上限。${SMALLER_JPEG}`;
  }
  if (width * height > MAX_PIXELS) {
    return `这张图片有 ${wan(width * height)} 万像素（${size}），超过了 ${wan(MAX_PIXELS)} 万像素的上限。${SMALLER_JPEG}`;
  }
  if (decodedBytes(shape) > MAX_DECODED_BYTES) {
    const kind = [shape.bitsPerSample > 8 ? `${shape.bitsPerSample} 位色深` : "", shape.hasAlpha ? "带透明通道" : "", shape.cmyk ? "CMYK 色彩" : ""].filter(Boolean).join("、");
    return `这张图片（${size}${kind ? `，${kind}` : ""}）读取时要占用 ${mb(decodedBytes(shape))} MB 内存，超过了 ${mb(MAX_DECODED_BYTES)} MB 的上限。请导出一张 8 位 RGB 的 JPEG 再上传。`;
  }
  return null;
}

export function checkPhotoShape(shape: PhotoShape): void {
  const refusal = shapeRefusal(shape);
  if (refusal) throw invalid(refusal);
}
