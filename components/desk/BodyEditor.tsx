"use client";

import { useRef, useState } from "react";
import type { BodyBlock } from "@/lib/stories/body";
import { photoUrl } from "@/lib/format";

// Edits a body as typed blocks: paragraphs, subheads (小标题) and photos with caption and credit.
export function BodyEditor({
  blocks,
  onChange,
  defaultCredit,
}: {
  blocks: BodyBlock[];
  onChange: (blocks: BodyBlock[]) => void;
  defaultCredit: string;
}) {
  const [uploadError, setUploadError] = useState("");
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const replace = (i: number, block: BodyBlock) => onChange(blocks.map((b, j) => (j === i ? block : b)));
  const remove = (i: number) => onChange(blocks.filter((_, j) => j !== i));
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= blocks.length) return;
    const next = [...blocks];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };

  // Copy pasted from a word processor arrives as lines: each line becomes its own paragraph.
  function pasteIntoParagraph(i: number, e: React.ClipboardEvent<HTMLTextAreaElement>) {
    const text = e.clipboardData.getData("text/plain");
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const current = blocks[i];
    if (lines.length < 2 || current.type !== "paragraph" || current.text.trim() !== "") return;
    e.preventDefault();
    const pasted: BodyBlock[] = lines.map((l) => ({ type: "paragraph", text: l }));
    onChange([...blocks.slice(0, i), ...pasted, ...blocks.slice(i + 1)]);
  }

  async function upload(file: File) {
    setUploadError("");
    setUploading(true);
    try {
      const form = new FormData();
      form.append("file", file);
      const response = await fetch("/api/photos", { method: "POST", body: form });
      const answer = (await response.json().catch(() => ({}))) as { id?: string; error?: string };
      if (!response.ok || !answer.id) {
        // A proxy in front may refuse a big body itself, without our JSON message.
        const fallback = response.status === 413 ? "图片太大，服务器拒绝接收，请换一张较小的图片" : "上传失败，请重试";
        setUploadError(answer.error ?? fallback);
        return;
      }
      onChange([...blocks, { type: "photo", photoId: answer.id, caption: "", credit: defaultCredit, altText: "" }]);
    } catch {
      setUploadError("网络中断，图片没有上传，请重试");
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  }

  return (
    <div className="space-y-3">
      <ol className="space-y-3">
        {blocks.map((block, i) => (
          <li key={i} className="rounded border border-stone-200 bg-white p-3" data-block-type={block.type}>
            <div className="mb-2 flex items-center justify-between text-xs text-stone-500">
              <span>{block.type === "paragraph" ? `段落 ${i + 1}` : block.type === "subhead" ? "小标题" : "图片"}</span>
              <span className="flex gap-1">
                <button type="button" className="btn btn-sm" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`上移第 ${i + 1} 块`}>上移</button>
                <button type="button" className="btn btn-sm" onClick={() => move(i, 1)} disabled={i === blocks.length - 1} aria-label={`下移第 ${i + 1} 块`}>下移</button>
                <button type="button" className="btn btn-sm" onClick={() => remove(i)} aria-label={`删除第 ${i + 1} 块`}>删除</button>
              </span>
            </div>
            {block.type === "paragraph" && (
              <textarea
                className="input min-h-28 leading-relaxed [field-sizing:content]"
                value={block.text}
                aria-label={`正文第 ${i + 1} 段`}
                onChange={(e) => replace(i, { ...block, text: e.target.value })}
                onPaste={(e) => pasteIntoParagraph(i, e)}
              />
            )}
            {block.type === "subhead" && (
              <input
                className="input font-bold"
                value={block.text}
                aria-label="小标题"
                onChange={(e) => replace(i, { ...block, text: e.target.value })}
              />
            )}
            {block.type === "photo" && (
              <div className="grid gap-3 md:grid-cols-[200px_1fr]">
                <img src={photoUrl(block.photoId, "w480")} alt={block.altText || "已上传的图片"} className="w-full rounded bg-stone-100" />
                <div className="space-y-2">
                  <label className="block">
                    <span className="label">图片说明</span>
                    <textarea className="input min-h-16" value={block.caption} onChange={(e) => replace(i, { ...block, caption: e.target.value })} />
                  </label>
                  <label className="block">
                    <span className="label">摄影署名</span>
                    <input className="input" value={block.credit} onChange={(e) => replace(i, { ...block, credit: e.target.value })} />
                  </label>
                  <label className="block">
                    <span className="label">替代文字（供视障读者）</span>
                    <input className="input" value={block.altText} onChange={(e) => replace(i, { ...block, altText: e.target.value })} />
                  </label>
                </div>
              </div>
            )}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn" onClick={() => onChange([...blocks, { type: "paragraph", text: "" }])}>
          添加段落
        </button>
        <button type="button" className="btn" onClick={() => onChange([...blocks, { type: "subhead", text: "" }])}>
          添加小标题
        </button>
        <label className="btn cursor-pointer">
          {uploading ? "正在上传…" : "添加图片"}
          <input
            ref={fileInput}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            className="sr-only"
            aria-label="上传图片"
            disabled={uploading}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
        </label>
      </div>
      <p role="alert" className="text-sm text-red-700">{uploadError}</p>
    </div>
  );
}
