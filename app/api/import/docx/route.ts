import { streamedUpload } from "@/lib/core/upload-route";
import { can } from "@/lib/core/roles";
import { forbidden, invalid } from "@/lib/core/errors";
import { readFileForm } from "@/lib/core/file-form";
import { WORD_FILE_MAX_BYTES, wordFileTooLarge } from "@/lib/import/word-file";
import { importWordFile } from "@/lib/import/word-import";
import { decodeQueueFull, serverBusyWithPhotos } from "@/lib/photos/ingest";

// 从 Word 文件导入: multipart form with `file` (a .docx), read as it arrives and refused (413) the
// moment it passes the limit. Answers the story's fields for the form; saves no story.
export async function POST(request: Request) {
  return streamedUpload(request, async (user, bodyRead) => {
    if (!can(user.role, "story:file")) throw forbidden("你的账号不能写稿，不能导入 Word 文件");
    // Its pictures wait for the photo decodes: with the queue full, say so before reading the body.
    if (decodeQueueFull()) throw serverBusyWithPhotos();
    const { file, filename } = await readFileForm(request, {
      maxBytes: WORD_FILE_MAX_BYTES,
      fields: [],
      fieldBytes: 0,
      tooLarge: wordFileTooLarge,
      notAForm: () => invalid("上传的内容不是表单，请在写新稿页面导入 Word 文件"),
      noFile: () => invalid("请选择要导入的 Word 文件（.docx）"),
      oneFileOnly: () => invalid("一次只能导入一个 Word 文件"),
      fieldTooLong: () => invalid("上传的内容格式有误，请重新导入"),
    });
    bodyRead();
    return Response.json(await importWordFile(user, { data: file, filename }), { headers: { "Cache-Control": "no-store" } });
  });
}
