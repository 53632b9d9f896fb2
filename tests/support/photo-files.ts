import sharp from "sharp";

// Real camera-like JPEGs for the metadata tests: EXIF written by sharp (libexif), and the IPTC
// record photographers' software writes (Photoshop's APP13 segment), built here byte by byte
// since sharp writes no IPTC.

export type IptcFields = { caption?: string; byline?: string; credit?: string; keywords?: string[]; city?: string; sublocation?: string };

const DATASETS: [keyof IptcFields, number][] = [["byline", 80], ["city", 90], ["sublocation", 92], ["credit", 110], ["caption", 120]];

function dataset(record: number, number: number, value: Buffer): Buffer {
  const head = Buffer.from([0x1c, record, number, 0, 0]);
  head.writeUInt16BE(value.length, 3);
  return Buffer.concat([head, value]);
}

/** An APP13 segment holding an IPTC record in UTF-8 (or GB18030 when `encoding` says so). */
export function iptcSegment(fields: IptcFields, encoding: "utf8" | "gb18030" = "utf8"): Buffer {
  const encode = (s: string) => (encoding === "utf8" ? Buffer.from(s, "utf8") : Buffer.from(new Uint8Array(gb18030Bytes(s))));
  const parts: Buffer[] = [];
  // 1:90 coded character set: ESC % G says UTF-8.
  if (encoding === "utf8") parts.push(dataset(1, 90, Buffer.from([0x1b, 0x25, 0x47])));
  parts.push(dataset(2, 0, Buffer.from([0, 4])));
  for (const [key, number] of DATASETS) {
    const value = fields[key];
    if (typeof value === "string") parts.push(dataset(2, number, encode(value)));
  }
  for (const k of fields.keywords ?? []) parts.push(dataset(2, 25, encode(k)));
  let iptc = Buffer.concat(parts);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iptc.length);
  if (iptc.length % 2) iptc = Buffer.concat([iptc, Buffer.from([0])]);
  const resource = Buffer.concat([Buffer.from("8BIM", "ascii"), Buffer.from([0x04, 0x04, 0, 0]), size, iptc]);
  const body = Buffer.concat([Buffer.from("Photoshop 3.0\0", "ascii"), resource]);
  const marker = Buffer.from([0xff, 0xed, 0, 0]);
  marker.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([marker, body]);
}

// Node has a GB18030 decoder but no encoder: the few characters the tests use, by table.
const GB: Record<string, number[]> = { 秋: [0xc7, 0xef], 收: [0xca, 0xd5], 现: [0xcf, 0xd6], 场: [0xb3, 0xa1] };
function gb18030Bytes(s: string): number[] {
  return Array.from(s).flatMap((c) => GB[c] ?? [...Buffer.from(c, "ascii")]);
}

export type ExifFields = { make?: string; model?: string; takenAt?: string; offset?: string; description?: string; artist?: string };

/** A JPEG as a camera and a captioning tool leave it: EXIF from sharp, then the IPTC segment after SOI. */
export async function cameraJpeg(exif: ExifFields, iptc?: IptcFields, { width = 800, height = 600, encoding = "utf8" as "utf8" | "gb18030" } = {}): Promise<Buffer> {
  const ifd0: Record<string, string> = {};
  if (exif.make) ifd0.Make = exif.make;
  if (exif.model) ifd0.Model = exif.model;
  if (exif.description) ifd0.ImageDescription = exif.description;
  if (exif.artist) ifd0.Artist = exif.artist;
  const ifd2: Record<string, string> = {};
  if (exif.takenAt) ifd2.DateTimeOriginal = exif.takenAt;
  if (exif.offset) ifd2.OffsetTimeOriginal = exif.offset;
  const jpeg = await sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 60 } } })
    .jpeg()
    .withExif({ IFD0: ifd0, IFD2: ifd2 })
    .toBuffer();
  if (!iptc) return jpeg;
  return Buffer.concat([jpeg.subarray(0, 2), iptcSegment(iptc, encoding), jpeg.subarray(2)]);
}
