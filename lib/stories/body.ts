import { z } from "zod";
import { typedText } from "@/lib/validation/text";
import { RECORD_ID } from "@/lib/core/ids";

// A story body is a list of typed blocks, never HTML: React renders each block type itself.
export const PARAGRAPH_MAX = 5000;
export const BODY_MAX_BLOCKS = 200;

export const paragraphBlock = z.object({ type: z.literal("paragraph"), text: typedText({ max: PARAGRAPH_MAX, what: "段落", multiline: true }) });
export const subheadBlock = z.object({ type: z.literal("subhead"), text: typedText({ max: 60, what: "小标题" }) });
export const photoBlock = z.object({
  type: z.literal("photo"),
  photoId: z.string().regex(RECORD_ID, { message: "图片编号不正确" }),
  // The caption and credit as this story prints them; the photo desk's own copy is on Photo.
  caption: typedText({ max: 300, what: "图片说明", multiline: true }),
  credit: typedText({ max: 60, what: "摄影署名" }),
  altText: typedText({ max: 200, what: "替代文字" }),
});

export const bodyBlock = z.discriminatedUnion("type", [paragraphBlock, subheadBlock, photoBlock]);
export const storyBody = z.array(bodyBlock).max(BODY_MAX_BLOCKS, { message: `正文最多 ${BODY_MAX_BLOCKS} 段` });

export type BodyBlock = z.infer<typeof bodyBlock>;
export type PhotoBlock = z.infer<typeof photoBlock>;
export type StoryBody = z.infer<typeof storyBody>;

// Chinese copy is measured in characters (字数): every visible character of the body text,
// captions included, whitespace not.
export function countCharacters(body: readonly BodyBlock[]): number {
  let count = 0;
  for (const block of body) {
    const t = block.type === "photo" ? block.caption : block.text;
    count += visibleLength(t);
  }
  return count;
}

export function visibleLength(s: string): number {
  // Array.from counts code points, so a rare character outside the BMP counts once.
  return Array.from(s.replace(/\s+/gu, "")).length;
}

export function photoIdsOf(body: readonly BodyBlock[]): string[] {
  return [...new Set(body.flatMap((b) => (b.type === "photo" ? [b.photoId] : [])))];
}

/** The first paragraph's text, for lists, descriptions and photo news without a headline. */
export function leadText(body: readonly BodyBlock[], max = 120): string {
  const first = body.find((b) => b.type === "paragraph" && b.text) ?? body.find((b) => b.type === "photo" && b.caption);
  const t = first ? (first.type === "photo" ? first.caption : first.type === "paragraph" ? first.text : "") : "";
  const chars = Array.from(t);
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : t;
}

/** What reader search looks through: the headline group, the byline, and every text and photo credit of the body. */
export function searchTextOf(story: { kicker: string; headline: string; subheadline: string; byline: string; body: readonly BodyBlock[] }): string {
  const texts = story.body.flatMap((b) => (b.type === "photo" ? [b.caption, b.credit] : [b.text]));
  return [story.kicker, story.headline, story.subheadline, story.byline, ...texts].filter(Boolean).join("\n");
}

/** Reads a stored body; anything that no longer fits the schema is an error, not silently dropped. */
export function parseStoredBody(value: unknown): StoryBody {
  return storyBody.parse(value);
}
