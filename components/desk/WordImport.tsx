"use client";
import { useState } from "react";
import type { WordImport as WordImportAnswer, ImportedDraft } from "@/lib/import/word-import";
import { wordImportNotice } from "@/lib/import/word-notice";
import { headerRefusal, wordFileMegabytes, wordFileTooLargeMessage } from "@/lib/import/word-file-header";

type Answer = { ok: true; message: string } | { ok: false; message: string } | null;

/**
 * 从 Word 文件导入 on 写新稿: the chosen .docx goes to the server, which answers the story's fields;
 * they fill the form for the author to check (the form's own save keeps them). Text already typed
 * is replaced only after the author says yes.
 */
export function WordImport({ maxBytes, formHasText, onImported }: { maxBytes: number; formHasText: boolean; onImported: (draft: ImportedDraft) => void }) {
  const [reading, setReading] = useState(false);
  const [answer, setAnswer] = useState<Answer>(null);

  async function importFile(file: File) {
    if (!/\.docx$/iu.test(file.name)) return setAnswer({ ok: false, message: "只能导入 .docx 格式的 Word 文件；旧版 .doc 请在 Word/WPS 中另存为 .docx 后再导入" });
    if (file.size > maxBytes) return setAnswer({ ok: false, message: wordFileTooLargeMessage(maxBytes) });
    // What the first bytes already say is said before asking about the typed text, and before sending.
    const refusal = headerRefusal(new Uint8Array(await file.slice(0, 8).arrayBuffer()));
    if (refusal) return setAnswer({ ok: false, message: refusal });
    if (formHasText && !window.confirm("表单里已经有内容。导入会用 Word 文件里的标题、署名和正文替换它们，继续吗？")) return;
    setReading(true);
    setAnswer(null);
    try {
      const form = new FormData();
      form.set("file", file);
      const response = await fetch("/api/import/docx", { method: "POST", body: form });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(body.error ?? "导入没有成功，请稍后再试");
      const imported = body as WordImportAnswer;
      onImported(imported.draft);
      setAnswer({ ok: true, message: wordImportNotice(imported) });
    } catch (e) {
      setAnswer({ ok: false, message: e instanceof TypeError ? "网络中断，文件没有读入，请稍后再试" : (e as Error).message });
    } finally {
      setReading(false);
    }
  }

  return (
    <div className="rounded border border-stone-300 bg-stone-50 p-3 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <label className={`btn ${reading ? "pointer-events-none opacity-60" : "cursor-pointer"}`}>
          从 Word 文件导入
          <input
            type="file"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            className="sr-only"
            disabled={reading}
            onChange={(e) => {
              const file = e.target.files?.[0];
              // Cleared, so choosing the same file again (after fixing it) is a new choice.
              e.target.value = "";
              if (file) void importFile(file);
            }}
          />
        </label>
        <span className="text-stone-600">读入 .docx 里的标题、署名、正文、小标题和图片，不超过 {wordFileMegabytes(maxBytes)} MB</span>
        {reading && (
          <span role="status" aria-live="polite">
            正在读取…
          </span>
        )}
      </div>
      {answer && (
        <p role={answer.ok ? "status" : "alert"} data-testid="word-import-answer" className={`mt-2 rounded border p-2 ${answer.ok ? "border-green-600 bg-green-50 text-green-900" : "border-red-600 bg-red-50 text-red-900"}`}>
          {answer.message}
        </p>
      )}
    </div>
  );
}
