import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { checkPixelCount, ingestPhoto, photoDecodes } from "@/lib/photos/ingest";
import { env } from "@/lib/platform/env";
import { refusal } from "../support/refusal";

describe("pixel limit", () => {
  it.each([
    ["Sony A7R V", 9504, 6336],
    ["Canon R5", 8192, 5464],
    ["Nikon Z8", 8256, 5504],
    ["a phone's 50 Mpx mode", 8160, 6120],
    ["exactly the limit", 8000, 8000],
  ])("accepts %s (%i×%i)", (_, w, h) => {
    expect(() => checkPixelCount(w, h)).not.toThrow();
  });

  it.each([
    ["Fujifilm GFX100 II", 11648, 8736, "这张图片有 10176 万像素（11648×8736）"],
    ["one column over", 8001, 8000, "这张图片有 6401 万像素（8001×8000）"],
  ])("refuses %s with what to do", async (_, w, h, start) => {
    const e = await refusal(() => checkPixelCount(w, h));
    expect(e.code).toBe("invalid");
    expect(e.message).toBe(`${start}，超过了 6400 万像素的上限。请导出一张较小的 JPEG（例如长边 6000 像素）再上传。`);
  });

  it("refuses a small file with too many pixels before decoding it, not as a damaged file", async () => {
    const huge = await sharp({ create: { width: 12000, height: 8000, channels: 3, background: "#fff" } }).png().toBuffer();
    expect(huge.length).toBeLessThan(1_000_000);
    const e = await refusal(ingestPhoto(huge, 15 * 1024 * 1024));
    expect(e.message).toMatch(/^这张图片有 9600 万像素（12000×8000），超过了 6400 万像素的上限/);
  });

  it("takes a 61 Mpx camera frame, turned by its EXIF orientation", async () => {
    const frame = await sharp({ create: { width: 9504, height: 6336, channels: 3, background: "#567" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const photo = await ingestPhoto(frame, 15 * 1024 * 1024);
    expect([photo.width, photo.height]).toEqual([6336, 9504]);
  }, 120_000);

  it("answers a file over the byte limit as too large (413), not as bad input", async () => {
    const png = await sharp({ create: { width: 200, height: 100, channels: 3, background: "#000" } }).png().toBuffer();
    const e = await refusal(ingestPhoto(Buffer.concat([png, Buffer.alloc(1024 * 1024)]), 1024 * 1024));
    expect(e.code).toBe("too_large");
    expect(e.message).toBe("图片不能超过 1 MB");
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
