import { z } from "zod";
import { readPaperDay } from "@/lib/core/dates";

// What a text field can hold. Everything we store is printed into HTML, JSON and XML feeds, and
// Postgres refuses NUL, so the rules live here once:
// - refused: NUL, unpaired surrogates and the noncharacters U+FFFE/U+FFFF. Nobody types them;
//   they come from a broken client or a forged request, and the user is told;
// - dropped: every other control character XML 1.0 cannot carry (Word pastes vertical tabs and
//   form feeds as line breaks, so those become a newline, or a space on a one-line field).
//   Tabs and newlines stay.
const REFUSED = /\u0000|[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REFUSED_ALL = new RegExp(REFUSED.source, "g");
const LINE_BREAKS = /[\u000B\u000C]/g;
const DROPPED = /[\u0001-\u0008\u000E-\u001F\u007F]/g;

export const REFUSED_CHARACTER_MESSAGE = "含有无法保存的字符（空字符或残缺的表情符号），请删除后再保存";

export function hasRefusedCharacters(s: string): boolean {
  return REFUSED.test(s);
}

/** Drops what cannot be stored or printed; for text read from the outside (queries, feeds). */
export function printable(s: string, lineBreak = "\n"): string {
  return s.replace(REFUSED_ALL, "").replace(LINE_BREAKS, lineBreak).replace(DROPPED, "");
}

type TextRule = { max: number; what: string; min?: number; minMessage?: string; multiline?: boolean };

/** A text field people type into: checked, cleaned, trimmed and measured, with Chinese messages. */
export function typedText({ max, what, min = 0, minMessage, multiline = false }: TextRule) {
  let measured = z.string().trim().max(max, { message: `${what}不能超过 ${max} 个字` });
  if (min > 0) measured = measured.min(min, { message: minMessage ?? `请填写${what}` });
  return z
    .string({ message: `${what}格式不正确` })
    .refine((s) => !hasRefusedCharacters(s), { message: `${what}${REFUSED_CHARACTER_MESSAGE}` })
    .transform((s) => printable(s, multiline ? "\n" : " "))
    .pipe(measured);
}

/** A filter or search word from a URL: cleaned and cut to length, never an error (bad values are ignored). */
export function filterText(max: number) {
  return z
    .string()
    .transform((s) => printable(s, " ").replace(/\s+/g, " ").trim().slice(0, max))
    .optional()
    .catch(undefined);
}

/** A day filter from a URL, as a date field sends it ("2026年12月8日", "2026-12-08", …) → "2026-12-08"; anything else is ignored. */
export const dayFilter = z.string().transform((s) => readPaperDay(s)).optional().catch(undefined);

/** A name taken from a URL segment (a tag, a username): decoded once, or null if it cannot name anything. */
export function segmentText(raw: string, max = 64): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null; // "%E0%A4" and the like: not text at all
  }
  if (decoded.length === 0 || decoded.length > max || hasRefusedCharacters(decoded) || printable(decoded) !== decoded) return null;
  return decoded;
}
