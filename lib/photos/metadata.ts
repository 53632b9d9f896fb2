import "server-only";
import exifr from "exifr";
import { printable } from "@/lib/validation/text";
import { photoTextLimits } from "@/lib/photos/fields";
import { asPhotoCredit } from "@/lib/contributors/photo-credit";

// What a camera and the photographer's software wrote into the file (EXIF, IPTC, XMP): read once
// at upload, since the public sizes are made without it. File values only fill what the uploader
// left empty (lib/photos/mutations.ts decides that).

export type FileMetadata = {
  takenAt: Date | null;
  camera: string;
  caption: string;
  credit: string;
  keywords: string[];
  place: string;
};

export const NO_METADATA: FileMetadata = { takenAt: null, camera: "", caption: "", credit: "", keywords: [], place: "" };

type Raw = Record<string, unknown>;

export async function readFileMetadata(data: Buffer): Promise<FileMetadata> {
  let raw: Raw | undefined;
  try {
    // Raw values: exifr would read EXIF times in the server's zone; we read them ourselves.
    raw = await exifr.parse(data, { tiff: true, exif: true, iptc: true, xmp: true, gps: false, ifd1: false, interop: false, icc: false, jfif: false, reviveValues: false, translateValues: false, mergeOutput: true });
  } catch {
    return NO_METADATA; // unreadable metadata is no reason to refuse the picture
  }
  if (!raw) return NO_METADATA;
  const place = [first(raw, "City", "city"), first(raw, "Sublocation", "Location")].filter(Boolean);
  return {
    takenAt: shootingTime(first(raw, "DateTimeOriginal", "CreateDate", "DateCreated"), first(raw, "OffsetTimeOriginal", "OffsetTime")),
    camera: cameraName(first(raw, "Make"), first(raw, "Model")),
    caption: clip(first(raw, "Caption", "ImageDescription", "description"), photoTextLimits.caption, true),
    credit: clip(asPhotoCredit(first(raw, "Byline", "Credit", "Artist", "creator")), photoTextLimits.credit),
    keywords: keywordList(raw.Keywords ?? raw.subject),
    place: clip([...new Set(place)].join(" "), photoTextLimits.place),
  };
}

/** The first of these fields that holds text, decoded. */
function first(raw: Raw, ...keys: string[]): string {
  for (const key of keys) {
    const text = textOf(raw[key]);
    if (text) return text;
  }
  return "";
}

function textOf(value: unknown): string {
  if (Array.isArray(value)) return textOf(value[0]);
  if (value && typeof value === "object" && "value" in value) return textOf((value as { value: unknown }).value); // XMP lang-alt
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return "";
  return decodeLegacy(value).replace(/\0+$/u, "").trim();
}

/**
 * exifr hands IPTC text over as Latin-1 bytes. Chinese captions are UTF-8 from current software
 * and GB18030 (GBK) from older Windows tools: whichever reads without error is taken.
 */
function decodeLegacy(s: string): string {
  if (!/^[\u0000-\u00ff]*$/u.test(s) || !/[\u0080-\u00ff]/u.test(s)) return s;
  const bytes = Buffer.from(s, "latin1");
  for (const encoding of ["utf-8", "gb18030"]) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // not this one
    }
  }
  return s;
}

const EXIF_TIME = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T]?(\d{2})?:?(\d{2})?:?(\d{2})?/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** A camera's wall-clock time with its zone if it recorded one; without, it is read as Beijing time. */
export function shootingTime(value: string, offset: string): Date | null {
  const m = EXIF_TIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = m;
  const zone = OFFSET.exec(offset.trim());
  const offsetMinutes = zone ? (zone[1] === "-" ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : 8 * 60;
  const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMinutes * 60_000;
  const year = Number(y);
  // Cameras with an unset clock write 0000:00:00 or 1970; neither is a shooting time.
  if (Number.isNaN(at) || year < 1990 || year > 2999 || Number(mo) < 1 || Number(mo) > 12) return null;
  return new Date(at);
}

/** "NIKON CORPORATION" + "NIKON Z 8" → "Nikon Z 8"; "Canon" + "Canon EOS R5" → "Canon EOS R5". */
export function cameraName(make: string, model: string): string {
  const brand = make.replace(/\b(corporation|corp\.?|co\.,?\s*ltd\.?|imaging|company|ltd\.?)\b/giu, "").replace(/\s+/gu, " ").trim();
  const tidyBrand = brand && brand === brand.toUpperCase() && /[A-Z]{3}/.test(brand) ? brand[0] + brand.slice(1).toLowerCase() : brand;
  const name = model.toLowerCase().startsWith(brand.toLowerCase()) && brand ? tidyBrand + model.slice(brand.length) : [tidyBrand, model].filter(Boolean).join(" ");
  return clip(name.replace(/\s+/gu, " "), 60);
}

function keywordList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const words = values.flatMap((v) => textOf(v).split(/[,，、;；\s]+/u)).map((w) => clip(w, photoTextLimits.keyword)).filter(Boolean);
  return [...new Set(words)].slice(0, photoTextLimits.keywords);
}

function clip(s: string, max: number, multiline = false): string {
  return Array.from(printable(s, multiline ? "\n" : " ").trim()).slice(0, max).join("").trim();
}
