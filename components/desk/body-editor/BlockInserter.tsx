"use client";

import { useId, useState, type ReactNode } from "react";

/** A photo as an uploader or the photo library hands it over. */
export type PickedPhoto = { id: string; width: number; height: number; caption: string; credit: string; altText: string };

/**
 * Another way to bring photos into the body (a batch upload, the photo library). `render` gets
 * `insert`, which puts the photos where the user chose, and `close`, which folds the chooser away.
 */
export type PhotoSource = {
  label: string;
  render: (insert: (photos: PickedPhoto[]) => void, close: () => void) => ReactNode;
};

/**
 * Where new blocks go in: a small "＋" between blocks that opens 段落 / 小标题 / 图片, and after the
 * last block the same choices always shown.
 */
export function BlockInserter({
  at,
  last,
  open,
  onToggle,
  onInsert,
  uploading,
  busy,
  onFile,
  photoSources,
  onPicked,
}: {
  at: number;
  last: boolean;
  open: boolean;
  onToggle: () => void;
  onInsert: (type: "paragraph" | "subhead") => void;
  uploading: boolean;
  busy: boolean;
  onFile: (file: File) => void;
  photoSources: PhotoSource[];
  onPicked: (photos: PickedPhoto[]) => void;
}) {
  const [source, setSource] = useState<PhotoSource | null>(null);
  const menuId = useId();
  const where = last ? "" : `在第 ${at + 1} 块前`;
  const choices = (
    <div id={menuId} className="flex flex-wrap gap-2" role="group" aria-label={last ? "在末尾添加" : `${where}插入`}>
      <button type="button" className={last ? "btn" : "btn btn-sm"} onClick={() => onInsert("paragraph")}>
        {last ? "添加段落" : "段落"}
      </button>
      <button type="button" className={last ? "btn" : "btn btn-sm"} onClick={() => onInsert("subhead")}>
        {last ? "添加小标题" : "小标题"}
      </button>
      <label className={`${last ? "btn" : "btn btn-sm"} cursor-pointer focus-within:outline-2 focus-within:outline-masthead`}>
        {uploading ? "正在上传…" : last ? "添加图片" : "图片"}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          className="sr-only"
          aria-label={last ? "上传图片" : `${where}上传图片`}
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) onFile(file);
          }}
        />
      </label>
      {photoSources.map((s) => (
        <button key={s.label} type="button" className={last ? "btn" : "btn btn-sm"} aria-expanded={source === s} onClick={() => setSource(source === s ? null : s)}>
          {s.label}
        </button>
      ))}
    </div>
  );
  return (
    <div className={last ? "space-y-2" : "group flex min-h-6 flex-wrap items-center gap-2 py-0.5"}>
      {!last && (
        <button
          type="button"
          className={`flex h-6 w-6 items-center justify-center rounded-full border text-sm leading-none focus-visible:outline-2 focus-visible:outline-masthead ${open ? "border-masthead bg-masthead text-white" : "border-stone-300 bg-white text-stone-500 opacity-60 hover:opacity-100 group-hover:opacity-100 focus:opacity-100"}`}
          aria-label={`${where}插入`}
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          onClick={onToggle}
        >
          ＋
        </button>
      )}
      {open && choices}
      {open && source && source.render(onPicked, () => setSource(null))}
    </div>
  );
}
