import "server-only";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { DomainError, forbidden } from "@/lib/core/errors";
import { parseParagraphs, type NameRun, type PhotoPlaceholder } from "@/lib/import/copy-parser";
import { readWordFile, type WordPicture } from "@/lib/import/word-file";
import { isAcceptedPhotoFormat } from "@/lib/photos/ingest";
import { discardUploadedPhotos, uploadPhoto, type UploadedPhoto } from "@/lib/photos/mutations";
import { photoTextLimits } from "@/lib/photos/fields";
import { composeByline } from "@/lib/contributors/byline";
import type { BodyBlock } from "@/lib/stories/body";
import { emptyBody, headOf, type HeadField, type StoryDraft } from "@/lib/stories/schema";

// 从 Word 文件导入 on 写新稿: the file's story as form fields for the correspondent to check. No story
// is saved here (the form's own save does that); the file's pictures go into the photo library,
// as the form's own photo upload would, so the body can name them.

/**
 * What the form takes over. The byline is the copy's own (its byline line, or its dateline's people),
 * empty when the file names no one: never the account that files it (withImportedDraft).
 */
export type ImportedDraft = Pick<StoryDraft, "kind" | HeadField | "body" | "contributors" | "bylineEdited">;

/** What was read, for the notice. */
export type WordImportReport = { filename: string; paragraphs: number; subheads: number; photos: number; skippedPictures: number; nameRuns: NameRun[] };

export type WordImport = { draft: ImportedDraft; read: WordImportReport };

export async function importWordFile(actor: SessionUser, file: { data: Buffer; filename: string }): Promise<WordImport> {
  if (!can(actor.role, "story:file")) throw forbidden("你的账号不能写稿，不能导入 Word 文件");
  const document = await readWordFile(file.data);
  const story = parseParagraphs(document.paragraphs);
  const stored: string[] = [];
  try {
    const body: BodyBlock[] = [];
    let skippedPictures = 0;
    for (const block of story.body) {
      if (block.type !== "photo") {
        body.push(block);
        continue;
      }
      const picture = block.picture === undefined ? undefined : document.pictures[block.picture];
      const photo = picture ? await libraryPhoto(actor, picture, block) : null;
      if (photo) {
        stored.push(photo.id);
        body.push({ type: "photo", photoId: photo.id, caption: block.caption, credit: block.credit, altText: photo.altText });
        continue;
      }
      if (picture) skippedPictures++;
      // A caption whose picture could not be taken, or one with no picture at all, stays as text.
      const text = [block.caption, block.credit ? `（${block.credit}）` : ""].join("");
      if (text) body.push({ type: "paragraph", text });
    }
    const draft: ImportedDraft = {
      kind: story.kind,
      ...headOf(story),
      body: body.length ? body : emptyBody(),
      contributors: story.contributors,
      bylineEdited: story.byline !== "" && composeByline(story.contributors) !== story.byline,
    };
    return {
      draft,
      read: {
        filename: file.filename,
        paragraphs: body.filter((b) => b.type === "paragraph").length,
        subheads: body.filter((b) => b.type === "subhead").length,
        photos: stored.length,
        skippedPictures,
        nameRuns: story.nameRuns,
      },
    };
  } catch (e) {
    // Nothing half-done: the photos this import stored go with it.
    await discardUploadedPhotos(actor, stored);
    throw e;
  }
}

/**
 * The picture as a library photo with its caption and credit; null for one the photo desk does not
 * take (EMF, WMF, GIF, damaged, too many pixels), which the notice counts. A busy server or photo
 * store is an error of the whole import.
 */
async function libraryPhoto(actor: SessionUser, picture: WordPicture, words: PhotoPlaceholder): Promise<UploadedPhoto | null> {
  if (!isAcceptedPhotoFormat(picture.data)) return null;
  try {
    return await uploadPhoto(actor, picture.data, {
      caption: words.caption,
      credit: words.credit,
      altText: Array.from(picture.altText).slice(0, photoTextLimits.altText).join(""),
    });
  } catch (e) {
    if (e instanceof DomainError && (e.code === "invalid" || e.code === "too_large")) return null;
    throw e;
  }
}
