import { createDeflate } from "node:zlib";

// PNGs of any shape and sample depth, their rows all zeros, written chunk by chunk: a 64,000,000 × 1
// strip or a 16-bit 8000 × 8000 square costs the test a few hundred kilobytes, as it costs an attacker.

export type PngColour = "grey" | "rgb" | "rgba";
const COLOUR_TYPE: Record<PngColour, number> = { grey: 0, rgb: 2, rgba: 6 };
const CHANNELS: Record<PngColour, number> = { grey: 1, rgb: 3, rgba: 4 };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

export async function zeroPng(width: number, height: number, colour: PngColour = "grey", bits: 8 | 16 = 8): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = bits;
  header[9] = COLOUR_TYPE[colour];
  // Each row is a filter byte and its samples; all of them zeros, fed to zlib a megabyte at a time.
  let left = height * (1 + (width * CHANNELS[colour] * bits) / 8);
  const deflate = createDeflate({ level: 9 });
  const compressed: Buffer[] = [];
  deflate.on("data", (d: Buffer) => compressed.push(d));
  const ended = new Promise((resolve, reject) => deflate.on("end", resolve).on("error", reject));
  const zeros = Buffer.alloc(1024 * 1024);
  while (left > 0) {
    const n = Math.min(left, zeros.length);
    left -= n;
    if (!deflate.write(zeros.subarray(0, n))) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await ended;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", Buffer.concat(compressed)), chunk("IEND", Buffer.alloc(0))]);
}
