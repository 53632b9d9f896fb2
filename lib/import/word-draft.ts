// The 写新稿 form after a Word file is read into it. Pure, so the form runs it and the tests table it.
import type { ImportedDraft } from "@/lib/import/word-import";
import type { StoryDraft } from "@/lib/stories/schema";

type Credits = Pick<StoryDraft, "byline" | "contributors" | "bylineEdited">;

/**
 * The form with the file's fields. Its credits are the copy's people; when the file names no one the
 * byline is left empty for the author to fill (submission asks for it), for the account's own default
 * (the filer) is not the author of copy it files. Credits the author typed before the import stay.
 */
export function withImportedDraft<T extends Credits>(form: T, draft: ImportedDraft, startedWith: Pick<Credits, "byline">): T {
  const typedOwn = form.byline !== startedWith.byline;
  if (draft.contributors.length === 0 && !draft.byline && typedOwn) return { ...form, ...draft, byline: form.byline, contributors: form.contributors, bylineEdited: form.bylineEdited };
  return { ...form, ...draft };
}
