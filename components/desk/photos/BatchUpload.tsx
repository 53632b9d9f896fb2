"use client";

import { useEffect, useRef, useState } from "react";
import type { FormAction } from "@/lib/actions/form-state";
import type { PhotoChoice } from "@/lib/photos/fields";
import { ActionForm } from "@/components/desk/ActionForm";
import { MISSING_CREDIT } from "@/lib/contributors/photo-credit";

// Many photos at once: each file its own row with a progress bar, its own error and a retry; two
// uploads at a time, since the server decodes two and answers 503 when too many wait. Used by the
// photo library and, later, by the story form (shared fields hidden, onUploaded takes each photo).

const AT_ONCE = 2;
const BUSY_RETRY_MS = 3000;
const SHARED = [
  { name: "credit", label: "署名", placeholder: "同一人拍的才填；留空则用每张图片自带的署名" },
  { name: "place", label: "地点", placeholder: "例：梨树县郭家店镇" },
  { name: "event", label: "事件", placeholder: "例：秋收" },
  { name: "keywords", label: "关键词", placeholder: "用逗号、顿号或空格分开，最多 10 个" },
] as const;
type SharedName = (typeof SHARED)[number]["name"];

type Row = {
  key: string;
  order: number;
  file: File;
  state: "waiting" | "uploading" | "done" | "failed";
  progress: number;
  note?: string;
  error?: string;
  retryable?: boolean;
  busyRetried?: boolean;
  photo?: PhotoChoice;
};

const megabytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

export function BatchUpload({
  maxBytes,
  captionAction,
  onUploaded,
  showSharedFields = true,
  photoPagePrefix,
  uploadUrl = "/api/photos",
}: {
  maxBytes: number;
  /** Saves a photo's caption (fields photoId, caption); without it rows have no caption box. */
  captionAction?: FormAction;
  /** Each photo as it arrives, with its place among the files chosen (uploads finish in any order). */
  onUploaded?: (photo: PhotoChoice, order: number) => void;
  showSharedFields?: boolean;
  /** Where each uploaded photo's own page is (its id is appended), e.g. "/desk/photos/". */
  photoPagePrefix?: string;
  uploadUrl?: string;
}) {
  const [rows, setRows] = useState<Row[]>([]);
  const [dragging, setDragging] = useState(false);
  const shared = useRef<Record<SharedName, string>>({ credit: "", place: "", event: "", keywords: "" });
  const started = useRef(new Set<string>());
  const counter = useRef(0);
  const onUploadedRef = useRef(onUploaded);
  onUploadedRef.current = onUploaded;

  const update = (key: string, change: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));

  function add(files: FileList | File[]) {
    const added: Row[] = Array.from(files).map((file) => {
      counter.current += 1;
      const key = `${counter.current}-${file.name}`;
      if (file.size > maxBytes) {
        return { key, order: counter.current, file, state: "failed", progress: 0, error: `这张图片有 ${megabytes(file.size)}，超过了 ${Math.floor(maxBytes / 1024 / 1024)} MB 的上限，请缩小后再传` };
      }
      if (file.type && !/^image\/(jpeg|png|webp)$/.test(file.type)) {
        return { key, order: counter.current, file, state: "failed", progress: 0, error: "不是图片：只能上传 JPEG、PNG 或 WebP 格式" };
      }
      return { key, order: counter.current, file, state: "waiting", progress: 0 };
    });
    setRows((all) => [...all, ...added]);
  }

  function send(row: Row) {
    const form = new FormData();
    form.append("file", row.file);
    if (showSharedFields) for (const [name, value] of Object.entries(shared.current)) if (value.trim()) form.append(name, value.trim());
    const xhr = new XMLHttpRequest();
    xhr.open("POST", uploadUrl);
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) update(row.key, { progress: e.loaded / e.total });
    };
    xhr.onload = () => {
      started.current.delete(row.key);
      let body: { error?: string } & Partial<PhotoChoice> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // an answer that is not ours (a proxy's error page)
      }
      if (xhr.status === 201 && body.id) {
        const photo = body as PhotoChoice;
        update(row.key, { state: "done", progress: 1, photo, note: undefined });
        onUploadedRef.current?.(photo, row.order);
      } else if (xhr.status === 503 && !row.busyRetried) {
        // The server's decode queue is full: wait a moment and try once more by ourselves.
        update(row.key, { state: "failed", note: "服务器正忙，稍后自动重试…", busyRetried: true, progress: 0 });
        setTimeout(() => update(row.key, { state: "waiting", error: undefined }), BUSY_RETRY_MS);
      } else {
        update(row.key, {
          state: "failed",
          note: undefined,
          error: body.error ?? (xhr.status >= 500 ? "服务器出错了，请稍后重试" : `上传被拒绝（${xhr.status}）`),
          retryable: xhr.status !== 413,
        });
      }
    };
    xhr.onerror = () => {
      started.current.delete(row.key);
      update(row.key, { state: "failed", note: undefined, error: "网络中断，图片没有传到服务器", retryable: true });
    };
    xhr.send(form);
  }

  // Start waiting files while fewer than two are on their way.
  useEffect(() => {
    const running = rows.filter((r) => r.state === "uploading").length;
    const next = rows.filter((r) => r.state === "waiting" && !started.current.has(r.key)).slice(0, Math.max(0, AT_ONCE - running));
    if (next.length === 0) return;
    for (const r of next) started.current.add(r.key);
    setRows((all) => all.map((r) => (next.some((n) => n.key === r.key) ? { ...r, state: "uploading", progress: 0 } : r)));
    for (const r of next) send(r);
  }, [rows]);

  const done = rows.filter((r) => r.state === "done").length;
  const failed = rows.filter((r) => r.state === "failed" && !r.note).length;

  return (
    <section aria-label="批量上传图片" className="rounded border border-stone-300 bg-white p-4">
      {showSharedFields && (
        <fieldset className="mb-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <legend className="mb-1 text-sm text-stone-600">这一批共用的信息（每张都会带上，单张的说明上传后再填）</legend>
          {SHARED.map((f) => (
            <label key={f.name} className="block">
              <span className="label">{f.label}</span>
              <input
                name={f.name}
                className="input"
                placeholder={f.placeholder}
                onChange={(e) => {
                  shared.current[f.name] = e.target.value;
                }}
              />
            </label>
          ))}
        </fieldset>
      )}
      <label
        className={`flex cursor-pointer flex-col items-center justify-center rounded border-2 border-dashed p-6 text-center ${dragging ? "border-masthead bg-red-50" : "border-stone-300"}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          add(e.dataTransfer.files);
        }}
      >
        <span className="font-medium">选择图片或拖到这里</span>
        <span className="text-sm text-stone-500">可一次选多张；JPEG、PNG 或 WebP，每张不超过 {Math.floor(maxBytes / 1024 / 1024)} MB</span>
        <input
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp"
          className="sr-only"
          aria-label="选择要上传的图片"
          onChange={(e) => {
            if (e.target.files) add(e.target.files);
            e.target.value = "";
          }}
        />
      </label>
      {rows.length > 0 && (
        <>
          <p className="mt-3 text-sm text-stone-700" aria-live="polite">
            共 {rows.length} 张，已上传 {done} 张{failed > 0 && `，${failed} 张未能上传`}
          </p>
          <ul className="mt-2 divide-y divide-stone-200">
            {rows.map((row) => (
              <UploadRow
                key={row.key}
                row={row}
                captionAction={captionAction}
                photoPagePrefix={photoPagePrefix}
                onRetry={() => update(row.key, { state: "waiting", error: undefined, retryable: false, busyRetried: false, progress: 0 })}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function UploadRow({ row, captionAction, photoPagePrefix, onRetry }: { row: Row; captionAction?: FormAction; photoPagePrefix?: string; onRetry: () => void }) {
  const label = row.state === "done" ? "已上传" : row.state === "uploading" ? "上传中" : row.state === "waiting" ? "等待上传" : row.note ? "稍候" : "未能上传";
  return (
    <li className="flex flex-wrap items-start gap-3 py-3" aria-label={row.file.name}>
      <div className="aspect-[4/3] w-24 shrink-0 overflow-hidden rounded bg-stone-100">
        {row.photo && <img src={`/api/photos/${row.photo.id}/w480`} alt={row.photo.altText || row.photo.caption || row.file.name} className="h-full w-full object-cover" />}
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-2">
          <span className="truncate font-medium">{row.file.name}</span>
          <span className="text-sm text-stone-500">{megabytes(row.file.size)}</span>
          <span className={`text-sm ${row.state === "failed" && !row.note ? "text-red-700" : "text-stone-700"}`}>{label}</span>
          {row.photo && photoPagePrefix && (
            <a href={`${photoPagePrefix}${row.photo.id}`} className="text-sm text-masthead underline">
              打开
            </a>
          )}
        </div>
        {(row.state === "uploading" || row.state === "waiting") && (
          <progress className="mt-1 h-2 w-full" max={1} value={row.progress} aria-label={`${row.file.name} 上传进度`} />
        )}
        {row.note && <p className="mt-1 text-sm text-stone-600">{row.note}</p>}
        {row.error && (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {row.error}
            {row.retryable && (
              <button type="button" className="btn ml-2" onClick={onRetry}>
                重试
              </button>
            )}
          </p>
        )}
        {row.photo && (
          <p className={`mt-1 text-sm ${row.photo.credit ? "text-stone-700" : "text-amber-800"}`} data-testid="upload-credit">
            {row.photo.credit ? `署名：${row.photo.credit}` : captionAction ? `${MISSING_CREDIT}（写在说明末尾也可以）` : MISSING_CREDIT}
          </p>
        )}
        {row.photo && captionAction && (
          <ActionForm action={captionAction} hidden={{ photoId: row.photo.id }} className="mt-2 flex flex-wrap items-end gap-2">
            <label className="block min-w-0 flex-1">
              <span className="label">图片说明</span>
              <textarea name="caption" rows={2} defaultValue={row.photo.caption} className="input" aria-label={`${row.file.name} 的图片说明`} />
            </label>
            <button type="submit" className="btn">
              保存说明
            </button>
          </ActionForm>
        )}
      </div>
    </li>
  );
}
