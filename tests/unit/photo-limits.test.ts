import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { ingestPhoto, photoDecodes } from "@/lib/photos/ingest";
import { checkPhotoShape, decodedBytes, type PhotoShape } from "@/lib/photos/limits";
import { env } from "@/lib/platform/env";
import { refusal } from "../support/refusal";
import { zeroPng } from "../support/png-shapes";
import { withEveryDecodeSlotHeld } from "../support/decode-slots";

const camera = (width: number, height: number): PhotoShape => ({ width, height, channels: 3, bitsPerSample: 8, hasAlpha: false, cmyk: false });
const MAX_BYTES = 15 * 1024 * 1024;

describe("size limits, judged from the header", () => {
  it.each([
    ["Sony A7R V", 9504, 6336],
    ["Canon R5", 8192, 5464],
    ["Nikon Z8", 8256, 5504],
    ["a phone's 50 Mpx mode", 8160, 6120],
    ["exactly the pixel limit", 8000, 8000],
    ["a panorama at the longest side and the pixel limit", 16383, 3906],
    ["a one-pixel strip at the longest side", 16383, 1],
  ])("accepts %s (%i×%i)", (_, w, h) => {
    expect(() => checkPhotoShape(camera(w, h))).not.toThrow();
  });

  it.each([
    ["Fujifilm GFX100 II", 11648, 8736, "这张图片有 10176 万像素（11648×8736），超过了 6400 万像素的上限。"],
    ["one column over", 8001, 8000, "这张图片有 6401 万像素（8001×8000），超过了 6400 万像素的上限。"],
    ["a strip as long as the pixel limit", 64_000_000, 1, "这张图片的长边有 64000000 像素（64000000×1），超过了 16383 像素的上限。"],
    ["a column one pixel over the longest side", 1, 16384, "这张图片的长边有 16384 像素（1×16384），超过了 16383 像素的上限。"],
  ])("refuses %s with what to do", async (_, w, h, start) => {
    const e = await refusal(() => checkPhotoShape(camera(w, h)));
    expect(e.code).toBe("invalid");
    expect(e.message).toBe(`${start}请导出一张较小的 JPEG（例如长边 6000 像素）再上传。`);
  });

  it("counts the bytes each pixel takes: 16 bits and transparency hold fewer pixels", async () => {
    const deep = { ...camera(8000, 8000), channels: 4, bitsPerSample: 16, hasAlpha: true };
    expect((await refusal(() => checkPhotoShape(deep))).message).toBe(
      "这张图片（8000×8000，16 位色深、带透明通道）读取时要占用 488 MB 内存，超过了 183 MB 的上限。请导出一张 8 位 RGB 的 JPEG 再上传。",
    );
    expect(decodedBytes(deep)).toBe(8 * 64_000_000);
    expect(() => checkPhotoShape({ ...deep, width: 4000, height: 4000 })).not.toThrow();
    const cmyk = { ...camera(9504, 6336), channels: 4, cmyk: true };
    expect((await refusal(() => checkPhotoShape(cmyk))).message).toMatch(/^这张图片（9504×6336，CMYK 色彩）读取时要占用 230 MB 内存/);
    expect(() => checkPhotoShape({ ...cmyk, width: 8000, height: 6000 })).not.toThrow();
  });
});

describe("pictures refused before any pixel is decoded", () => {
  it.each<[string, () => Promise<Buffer>, RegExp]>([
    ["a 64,000,000 × 1 grey PNG (61 KB)", () => zeroPng(64_000_000, 1), /^这张图片的长边有 64000000 像素（64000000×1）/],
    ["a 1 × 64,000,000 grey PNG", () => zeroPng(1, 64_000_000), /^这张图片的长边有 64000000 像素（1×64000000）/],
    ["a 64,000,000 × 1 16-bit RGBA PNG (half a megabyte)", () => zeroPng(64_000_000, 1, "rgba", 16), /^这张图片的长边有 64000000 像素/],
    ["an 8000 × 8000 16-bit RGBA PNG", () => zeroPng(8000, 8000, "rgba", 16), /^这张图片（8000×8000，16 位色深、带透明通道）读取时要占用 488 MB 内存/],
    ["a 12000 × 8000 PNG of under a megabyte", () => zeroPng(12000, 8000, "rgb"), /^这张图片有 9600 万像素（12000×8000），超过了 6400 万像素的上限/],
  ])("%s", async (_, make, message) => {
    const picture = await make();
    expect(picture.length).toBeLessThan(MAX_BYTES);
    const e = await withEveryDecodeSlotHeld(() => refusal(ingestPhoto(picture, MAX_BYTES)));
    expect(e.code).toBe("invalid");
    expect(e.message).toMatch(message);
    expect([photoDecodes().running, photoDecodes().waiting]).toEqual([0, 0]);
  });

  it("takes the thinnest and the longest pictures the limits allow, and makes every size of them", async () => {
    const strip = await ingestPhoto(await zeroPng(16383, 1, "rgb"), MAX_BYTES);
    expect([strip.width, strip.height]).toEqual([16383, 1]);
    expect((await Promise.all(strip.derivatives.map((d) => sharp(d.data).metadata()))).map((m) => m.width)).toEqual([480, 960, 1600]);
    // Narrower than a derivative and as tall as WebP allows: kept at its own size, still writable.
    const column = await ingestPhoto(await zeroPng(200, 16383, "rgb"), MAX_BYTES);
    expect((await sharp(column.derivatives[2].data).metadata()).height).toBe(16383);
  }, 120_000);

  it("takes a 61 Mpx camera frame, turned by its EXIF orientation", async () => {
    const frame = await sharp({ create: { width: 9504, height: 6336, channels: 3, background: "#567" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const photo = await ingestPhoto(frame, MAX_BYTES);
    expect([photo.width, photo.height]).toEqual([6336, 9504]);
  }, 120_000);

  it("answers a file over the byte limit as too large (413), not as bad input", async () => {
    const png = await sharp({ create: { width: 200, height: 100, channels: 3, background: "#000" } }).png().toBuffer();
    const e = await refusal(ingestPhoto(Buffer.concat([png, Buffer.alloc(1024 * 1024)]), 1024 * 1024));
    expect(e.code).toBe("too_large");
    expect(e.message).toBe("图片不能超过 1 MB");
  });

  it("answers a picture whose header cannot be read as damaged", async () => {
    const png = await zeroPng(100, 100);
    const e = await refusal(ingestPhoto(png.subarray(0, 20), MAX_BYTES));
    expect(e.message).toBe("图片文件已损坏或无法读取");
  });
});

describe("photo decodes", () => {
  it("run at most PHOTO_DECODE_CONCURRENCY (2 unless set) at once; the others wait", async () => {
    const limit = env().PHOTO_DECODE_CONCURRENCY;
    const png = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: "#a63" } }).png().toBuffer();
    const queue = photoDecodes();
    let mostRunning = 0;
    let mostWaiting = 0;
    const watch = setInterval(() => {
      mostRunning = Math.max(mostRunning, queue.running);
      mostWaiting = Math.max(mostWaiting, queue.waiting);
    }, 1);
    const uploads = Array.from({ length: 6 }, () => ingestPhoto(png, 15 * 1024 * 1024));
    mostRunning = Math.max(mostRunning, queue.running);
    mostWaiting = Math.max(mostWaiting, queue.waiting);
    const photos = await Promise.all(uploads).finally(() => clearInterval(watch));
    expect(photos.every((p) => p.derivatives.length === 3)).toBe(true);
    expect(mostRunning).toBe(Math.min(limit, 6));
    expect(mostWaiting).toBe(Math.max(6 - limit, 0));
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
  }, 120_000);
});

describe("the decode queue", () => {
  it("turns an upload away with 'busy' instead of queueing it when enough are already waiting", async () => {
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#c90" } }).png().toBuffer();
    const slots = env().PHOTO_DECODE_CONCURRENCY;
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    // Every decode slot busy and the line full (four waiting per slot).
    const holders = Array.from({ length: slots * 5 }, () => photoDecodes().run(() => gate));
    await new Promise((r) => setTimeout(r, 10));
    const e = await refusal(ingestPhoto(png, 15 * 1024 * 1024));
    expect(e.code).toBe("busy");
    expect(e.message).toContain("请稍后");
    open();
    await Promise.all(holders);
    await expect(ingestPhoto(png, 15 * 1024 * 1024)).resolves.toMatchObject({ width: 32 });
  });
});
