import "server-only";
import type { Tx } from "@/lib/platform/db";
import { countCharacters, searchTextOf } from "@/lib/stories/body";
import { fieldErrorsOf, HEAD_SELECT, settleByline, storyDraft, type StoryDraft } from "@/lib/stories/schema";
import { invalid } from "@/lib/core/errors";
import type { ContributorRole } from "@/lib/contributors/byline";

// A story's content (fields, body, tags, photos): how it is read back and how it is written.

/** The columns that make up a story's content, as every reader of a full story selects them. */
export const storyContentSelect = {
  kind: true,
  ...HEAD_SELECT,
  bylineEdited: true,
  body: true,
  tags: { select: { name: true, kind: true }, orderBy: { name: "asc" } },
  contributors: {
    where: { fromPhotoCredit: false },
    orderBy: { position: "asc" },
    select: { role: true, contributor: { select: { id: true, name: true } } },
  },
} as const;

/** Everyone credited on a story, in byline order then photo credits, as readers see them (linked by slug). */
export const creditsSelect = {
  orderBy: { position: "asc" },
  select: { role: true, contributor: { select: { name: true, slug: true } } },
} as const;

/** The sizes of the photos a story uses, so pages reserve their space before the files arrive. */
export const photoSizesSelect = { select: { photo: { select: { id: true, width: true, height: true } } } } as const;

export type ReaderCredit = { name: string; slug: string; role: ContributorRole };

export function readerCredits(rows: { role: ContributorRole; contributor: { name: string; slug: string } }[]): ReaderCredit[] {
  return rows.map((r) => ({ name: r.contributor.name, slug: r.contributor.slug, role: r.role }));
}

export function photoSizesOf(rows: { photo: { id: string; width: number; height: number } }[]): Record<string, { width: number; height: number }> {
  return Object.fromEntries(rows.map(({ photo }) => [photo.id, { width: photo.width, height: photo.height }]));
}

/** Parses untrusted form input into a draft, or throws field errors in Chinese. */
export function parseDraft(input: unknown): StoryDraft {
  const parsed = storyDraft.safeParse(input);
  if (!parsed.success) throw invalid("稿件内容有误，请按提示修改", fieldErrorsOf(parsed.error));
  return settleByline(parsed.data);
}

/** The columns a draft sets on Story. */
export function storyColumns(draft: StoryDraft) {
  return {
    kind: draft.kind,
    kicker: draft.kicker,
    headline: draft.headline,
    subheadline: draft.subheadline,
    byline: draft.byline,
    bylineEdited: draft.bylineEdited,
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

type StoredContent = {
  contributors: { role: ContributorRole; contributor: { id: string; name: string } }[];
};

/** The draft a stored story holds (a row read with storyContentSelect). */
export function draftOfStored(row: StoredContent & Record<string, unknown>): StoryDraft {
  return parseDraft({ ...row, contributors: creditsOf(row) });
}

/** The byline list as the form edits it, from what storyContentSelect read. */
export function creditsOf(story: StoredContent): StoryDraft["contributors"] {
  return story.contributors.map((c) => ({ contributorId: c.contributor.id, name: c.contributor.name, role: c.role }));
}
