import { nameChecks } from "@/lib/import/page-import";
import { HEAD_FIELD_NAMES, HEAD_FIELDS } from "@/lib/stories/schema";
import type { WordImport } from "@/lib/import/word-import";

// What the 从 Word 文件导入 notice says was read: the fields found, then the counts, then what was left out.
export function wordImportNotice({ draft, read }: WordImport): string {
  // The head's fields the file gave, by their names (the headline as 标题, as a writer calls it).
  const fields = HEAD_FIELD_NAMES.filter((f) => draft[f]).map((f) => (f === "headline" ? "标题" : HEAD_FIELDS[f].label));
  const counts = [
    `${read.paragraphs} 段正文`,
    read.subheads > 0 && `${read.subheads} 个小标题`,
    read.photos > 0 && `${read.photos} 张图片`,
  ].filter(Boolean);
  const skipped =
    read.skippedPictures > 0
      ? `另有 ${read.skippedPictures} 张图片的格式无法使用（如 EMF、WMF、GIF 或已损坏），没有导入，它的说明留在正文里：请另存为 JPEG 或 PNG 后用“插入图片”上传。`
      : "";
  // The byline is asked for rather than taken from the account that files the copy.
  const noByline = draft.byline ? "" : "文件里没有读出署名，请填写作者。";
  const checks = nameChecks({ dateline: draft.dateline, nameRuns: read.nameRuns }).map((c) => `${c}。`).join("");
  return `已从《${read.filename}》读入：${[...fields, ...counts].join("、")}。${skipped}${noByline}${checks}请核对后保存。`;
}
