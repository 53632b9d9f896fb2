import { z } from "zod";
import { typedText } from "@/lib/validation/text";

// The photo desk's own words about a photo, under the same text rule as stories: the one place
// that says how long each may be and how keywords are written.
export const photoTextLimits = { caption: 300, credit: 60, altText: 200, place: 40, event: 60, keyword: 20, keywords: 10 } as const;

/** Keywords as people type them: separated by commas, 顿号 or spaces; at most 10, each at most 20 characters. */
export const keywordsText = typedText({ max: 400, what: "关键词" }).transform((s, ctx) => {
  const words = [...new Set(s.split(/[,，、;；\s]+/u).filter(Boolean))];
  if (words.length > photoTextLimits.keywords) {
    ctx.addIssue({ code: "custom", message: `关键词最多 ${photoTextLimits.keywords} 个` });
    return z.NEVER;
  }
  const long = words.find((w) => Array.from(w).length > photoTextLimits.keyword);
  if (long) {
    ctx.addIssue({ code: "custom", message: `关键词“${long.slice(0, 8)}…”太长，每个不能超过 ${photoTextLimits.keyword} 个字` });
    return z.NEVER;
  }
  return words;
});

export const photoFields = z.object({
  caption: typedText({ max: photoTextLimits.caption, what: "图片说明", multiline: true }),
  credit: typedText({ max: photoTextLimits.credit, what: "摄影署名" }),
  altText: typedText({ max: photoTextLimits.altText, what: "替代文字" }),
  place: typedText({ max: photoTextLimits.place, what: "地点" }),
  event: typedText({ max: photoTextLimits.event, what: "事件" }),
  keywords: keywordsText,
});
export type PhotoFields = z.output<typeof photoFields>;
export type PhotoFieldName = keyof PhotoFields;
export const PHOTO_FIELD_NAMES = Object.keys(photoFields.shape) as PhotoFieldName[];

/** What the library's trigram search looks through, kept current on every write. */
export function photoSearchText(p: Pick<PhotoFields, "caption" | "credit" | "keywords" | "place" | "event">): string {
  return [p.caption, p.credit, p.keywords.join(" "), p.place, p.event].filter(Boolean).join("\n");
}

/** A photo as the forms that upload or pick it need it (the story form's photo block takes these). */
export type PhotoChoice = { id: string; width: number; height: number; caption: string; credit: string; altText: string };
