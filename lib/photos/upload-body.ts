import "server-only";
import { invalid } from "@/lib/core/errors";
import { photoTooLarge } from "@/lib/photos/ingest";
import { readFileForm } from "@/lib/core/file-form";

// The photo upload form: one photo in `file` and its short texts, read as it arrives
// (lib/core/file-form.ts) and refused the moment it passes the photo limit.

export { ENVELOPE_BYTES } from "@/lib/core/file-form";
// The photo's own words, and those a batch shares (credit, place, event, keywords).
const TEXT_FIELDS = ["caption", "credit", "altText", "place", "event", "keywords"] as const;
// The longest text kept is a 300-character caption; Chinese takes 3 bytes a character in UTF-8.
const TEXT_FIELD_BYTES = 4 * 1024;

export type UploadForm = { photo: Buffer } & Record<(typeof TEXT_FIELDS)[number], string>;

export async function readUploadForm(request: Request, maxBytes: number): Promise<UploadForm> {
  const { file, fields } = await readFileForm(request, {
    maxBytes,
    fields: TEXT_FIELDS,
    fieldBytes: TEXT_FIELD_BYTES,
    tooLarge: () => photoTooLarge(maxBytes),
    notAForm: () => invalid("上传的内容不是表单，请在稿件编辑页上传图片"),
    noFile: () => invalid("请选择要上传的图片"),
    oneFileOnly: () => invalid("一次只能上传一张图片"),
    fieldTooLong: () => invalid("图片说明、署名、关键词或替代文字太长"),
  });
  return { photo: file, ...fields };
}
