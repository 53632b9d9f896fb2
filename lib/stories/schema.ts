import { z } from "zod";
import type { StoryKind as StoredStoryKind, TagKind as StoredTagKind } from "@/lib/generated/prisma/enums";
import type { ListsEvery } from "@/lib/core/stored-enums";
import { countCharacters, storyBody, type StoryBody } from "@/lib/stories/body";
import type { FieldErrors } from "@/lib/core/errors";
import { typedText } from "@/lib/validation/text";
import { CONTRIBUTOR_ROLES, composeByline, parseByline } from "@/lib/contributors/byline";
import { RECORD_ID } from "@/lib/core/ids";

export const STORY_KINDS = ["NEWS_BRIEF", "FEATURE", "PHOTO_NEWS", "PHOTO_STORY", "COMMENTARY"] as const satisfies readonly StoredStoryKind[];
export type StoryKind = (typeof STORY_KINDS)[number];
true satisfies ListsEvery<StoredStoryKind, StoryKind>;
export const KIND_LABELS: Record<StoryKind, string> = {
  NEWS_BRIEF: "消息",
  FEATURE: "通讯/特写",
  PHOTO_NEWS: "图片新闻",
  PHOTO_STORY: "组图",
  COMMENTARY: "评论",
};

export const TAG_KINDS = ["PLACE", "TOPIC"] as const satisfies readonly StoredTagKind[];
export type TagKind = (typeof TAG_KINDS)[number];
true satisfies ListsEvery<StoredTagKind, TagKind>;
export const TAG_KIND_LABELS: Record<TagKind, string> = { PLACE: "地点", TOPIC: "话题" };

export const tagInput = z.object({
  name: typedText({ max: 20, what: "标签", min: 1, minMessage: "标签不能为空" }).pipe(
    z.string().regex(/^[^\s,，;；#/?%\\]+$/u, { message: "标签不能包含空格、分隔符号或斜杠" }),
  ),
  kind: z.enum(TAG_KINDS, { message: "标签类型应为地点或话题" }),
});
export type TagInput = z.infer<typeof tagInput>;

/** How long a headline (主题) may be; the copy parser reads head lines up to it too. */
export const HEADLINE_MAX = 80;

/**
 * The story's head, the lines above its body, in the order the paper prints them: each one's name
 * in the newsroom, its limit, and how the form asks for it. The draft's rules, the form's fields,
 * the history's comparison and the import's notices are read from here.
 */
export const HEAD_FIELDS = {
  kicker: { label: "引题", max: 60, form: { label: "引题", placeholder: "标题上方的一行，可不填" } },
  headline: { label: "主题", max: HEADLINE_MAX, form: { label: "主题（标题）", placeholder: "" } },
  subheadline: { label: "副题", max: 120, form: { label: "副题", placeholder: "——副题以破折号开头，可不填" } },
  byline: { label: "署名", max: 80, form: null },
  dateline: { label: "电头", max: 60, form: { label: "电头", placeholder: "本报讯（通讯员 张晗），消息稿填写，印在首段开头" } },
} as const;
export type HeadField = keyof typeof HEAD_FIELDS;
export const HEAD_FIELD_NAMES = Object.keys(HEAD_FIELDS) as HeadField[];
/** A story's head lines, as any view of a story carries them. */
export type StoryHead = Record<HeadField, string>;

/** The head lines of anything carrying them (a row, a draft), and nothing else. */
export function headOf(story: StoryHead): StoryHead {
  return Object.fromEntries(HEAD_FIELD_NAMES.map((f) => [f, story[f]])) as StoryHead;
}

/** The head's columns, for a Prisma select that reads a whole story. */
export const HEAD_SELECT = Object.fromEntries(HEAD_FIELD_NAMES.map((f) => [f, true])) as { [F in HeadField]: true };

/** A head with nothing written in it: a new story's, or one a viewer may not read. */
export function emptyHead(): Record<HeadField, string> {
  return Object.fromEntries(HEAD_FIELD_NAMES.map((f) => [f, ""])) as Record<HeadField, string>;
}

const line = (field: HeadField) => typedText({ max: HEAD_FIELDS[field].max, what: HEAD_FIELDS[field].label });

/** One person in a story's byline list: a contributor already known (contributorId) or a name to find or add. */
export const creditInput = z.object({
  contributorId: z.string().regex(RECORD_ID, { message: "署名人员编号不正确" }).nullish(),
  name: typedText({ max: 20, what: "署名姓名", min: 1, minMessage: "署名姓名不能为空" }),
  role: z.enum(CONTRIBUTOR_ROLES, { message: "请选择署名身份" }),
});
export type CreditInput = z.infer<typeof creditInput>;

// What a draft save accepts: any unfinished state, but every field within its limits.
export const storyDraft = z.object({
  kind: z.enum(STORY_KINDS, { message: "请选择稿件体裁" }),
  kicker: line("kicker"),
  headline: line("headline"),
  subheadline: line("subheadline"),
  byline: line("byline"),
  // The byline as a list of people; the printed line above is made from it unless bylineEdited.
  contributors: z.array(creditInput).max(12, { message: "署名最多 12 人" }).default([]),
  bylineEdited: z.boolean().default(false),
  dateline: line("dateline"),
  body: storyBody,
  tags: z.array(tagInput).max(10, { message: "最多 10 个标签" }),
});
export type StoryDraft = z.infer<typeof storyDraft>;

/** The fields the story form edits: the draft's own, in its order. */
const CONTENT_FIELDS = Object.keys(storyDraft.shape) as (keyof StoryDraft)[];

/** Exactly a story's editable content, in a fixed order, so two copies compare as JSON. */
export function contentOf(story: StoryDraft): StoryDraft {
  return Object.fromEntries(CONTENT_FIELDS.map((f) => [f, story[f]])) as StoryDraft;
}

/**
 * One rule for the byline: the printed line is composed from the list unless the desk wrote it by
 * hand; a draft that brings only a line (an older client, an import) gets its list read from it.
 */
export function settleByline(draft: StoryDraft): StoryDraft {
  if (draft.contributors.length === 0 && draft.byline) {
    const contributors = parseByline(draft.byline);
    return { ...draft, contributors, bylineEdited: composeByline(contributors) !== draft.byline };
  }
  if (draft.bylineEdited || draft.contributors.length === 0) return draft;
  return { ...draft, byline: composeByline(draft.contributors) };
}

export const STORY_MAX_CHARACTERS = 30000;

// What submission additionally requires: a story an editor can work with. `picturesLater`: copy
// brought in as text (lib/import), whose pictures the desk attaches afterwards.
export function completenessErrors(story: StoryDraft, { picturesLater = false } = {}): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const hasText = story.body.some((b) => b.type === "paragraph" && b.text.length > 0);
  const photos = story.body.filter((b) => b.type === "photo");

  if (story.kind !== "PHOTO_NEWS" && !story.headline) add("headline", "请填写主题（标题）");
  const uncredited = photos.flatMap((p, i) => (p.credit.trim() ? [] : [i + 1]));
  // A 组图 is credited photo by photo: with every photo credited it needs no byline of its own.
  const creditedByPhotos = story.kind === "PHOTO_STORY" && photos.length > 0 && uncredited.length === 0;
  if (!story.byline && !creditedByPhotos) {
    add("byline", story.kind === "PHOTO_STORY" ? "组图的每张图片都有摄影署名时可不填署名；请给每张图片填上摄影署名，或在这里填写署名" : "请填写署名，例如“本报通讯员 张晗”");
  }
  if (story.kind === "PHOTO_NEWS") {
    if (photos.length === 0 && !picturesLater) add("body", "图片新闻至少需要一张图片");
  } else if (story.kind === "PHOTO_STORY") {
    if (photos.length < 2 && !picturesLater) add("body", "组图至少需要两张图片");
    if (!hasText) add("body", "组图需要一段导语");
  } else if (!hasText) {
    add("body", "正文不能为空");
  }
  if (photos.some((p) => !p.caption)) add("body", "每张图片都需要图片说明");
  if (uncredited.length) add("body", `第 ${uncredited.join("、")} 张图片没有摄影署名：请在图片下填写拍摄者，例如“李文涛 摄”`);
  if (countCharacters(story.body) > STORY_MAX_CHARACTERS) add("body", `正文不能超过 ${STORY_MAX_CHARACTERS} 字`);
  if (errors.body) errors.body = [...new Set(errors.body)];
  return errors;
}

/** zod issues as per-field messages, keyed by the top-level field ("body" for any block). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    const list = (errors[field] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return errors;
}

export function emptyBody(): StoryBody {
  return [{ type: "paragraph", text: "" }];
}
