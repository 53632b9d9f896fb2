// What a file's size and first bytes say about it as a Word file. Pure, so the browser says it before the
// file is sent (and before asking to replace typed text), and the server says it again in the same words.

export const NOT_WORD_FILE = "这不是 Word 文件（.docx），请在 Word/WPS 中另存为 .docx 后再导入";
export const ENCRYPTED_OR_OLD_DOC = "文件已加密或是旧版 .doc 格式，请在 Word/WPS 中另存为不加密的 .docx 后再导入";

/** The size limit as the author reads it, in whole MB. */
export const wordFileMegabytes = (maxBytes: number) => Math.floor(maxBytes / 1024 / 1024);
export const wordFileTooLargeMessage = (maxBytes: number) => `Word 文件不能超过 ${wordFileMegabytes(maxBytes)} MB，请把图片另行上传或压缩后再导入`;

const OLE_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_HEADER = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (head: Uint8Array, magic: readonly number[]) => head.length >= magic.length && magic.every((b, i) => head[i] === b);

/** Why a file with these first bytes (at least 8) cannot be a .docx; null when it begins as one (a zip). */
export function headerRefusal(head: Uint8Array): string | null {
  // An OLE compound file is an old .doc, or a .docx Word has encrypted with a password.
  if (startsWith(head, OLE_HEADER)) return ENCRYPTED_OR_OLD_DOC;
  return startsWith(head, ZIP_HEADER) ? null : NOT_WORD_FILE;
}
