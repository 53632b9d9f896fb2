import "server-only";
import type { Tx } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { isEditorRole } from "@/lib/auth/roles";
import { countCharacters, photoIdsOf, searchTextOf } from "@/lib/stories/body";
import { fieldErrorsOf, storyDraft, type StoryDraft } from "@/lib/validation/story";
import { invalid } from "@/lib/core/errors";

// A story's content (fields, body, tags, photos): how it is read back and how it is written.

/** The columns that make up a story's content, as every reader of a full story selects them. */
export const storyContentSelect = {
  kind: true,
  kicker: true,
  headline: true,
  subheadline: true,
  byline: true,
  dateline: true,
  body: true,
  tags: { select: { name: true, kind: true }, orderBy: { name: "asc" } },
} as const;

/** Parses untrusted form input into a draft, or throws field errors in Chinese. */
export function parseDraft(input: unknown): StoryDraft {
  const parsed = storyDraft.safeParse(input);
  if (!parsed.success) throw invalid("稿件内容有误，请按提示修改", fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** The columns a draft sets on Story. */
export function storyColumns(draft: StoryDraft) {
  return {
    kind: draft.kind,
    kicker: draft.kicker,
    headline: draft.headline,
    subheadline: draft.subheadline,
    byline: draft.byline,
    dateline: draft.dateline,
    body: draft.body,
    charCount: countCharacters(draft.body),
    searchText: searchTextOf(draft),
  };
}

/** Finds or creates the named tags; an existing tag keeps the kind it was created with. */
export async function resolveTags(tx: Tx, tags: StoryDraft["tags"]): Promise<{ id: string }[]> {
  if (tags.length === 0) return [];
  await tx.tag.createMany({ data: tags.map((t) => ({ name: t.name, kind: t.kind })), skipDuplicates: true });
  const rows = await tx.tag.findMany({ where: { name: { in: tags.map((t) => t.name) } }, select: { id: true } });
  return rows.map((r) => ({ id: r.id }));
}

/**
 * Ties the photos a body uses to the story. A photo may be used by the person who uploaded it,
 * by the story it already belongs to, or by an editor working on the story; anything else is
 * refused so nobody can pull another correspondent's unpublished picture into their copy.
 */
export async function attachPhotos(tx: Tx, actor: SessionUser, storyId: string, draft: StoryDraft): Promise<void> {
  const ids = photoIdsOf(draft.body);
  if (ids.length === 0) return;
  const photos = await tx.photo.findMany({ where: { id: { in: ids } }, select: { id: true, uploaderId: true, storyId: true } });
  const usable = photos.filter(
    (p) => p.storyId === storyId || (p.storyId === null && (p.uploaderId === actor.id || isEditorRole(actor.role))),
  );
  if (usable.length !== ids.length) {
    throw invalid("正文中有图片不存在或不能使用，请重新上传", { body: ["有图片不存在或不能使用，请删除后重新上传"] });
  }
  await tx.photo.updateMany({ where: { id: { in: ids }, storyId: null }, data: { storyId } });
}
