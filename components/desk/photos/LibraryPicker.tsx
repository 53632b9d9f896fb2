"use client";

import { useEffect, useRef, useState } from "react";
import type { PhotoChoice } from "@/lib/photos/fields";

// Picks photos already in the library (for the story form): a modal dialog with a search box and
// thumbnails; the chosen photos go to onPick in the order they were chosen.
export function LibraryPicker({
  onPick,
  multiple = true,
  buttonLabel = "从图片库选择",
  autoOpen = false,
  onClose,
}: {
  onPick: (photos: PhotoChoice[]) => void;
  multiple?: boolean;
  buttonLabel?: string;
  /** Opens at once (the story form shows it when its 图片库 choice is taken). */
  autoOpen?: boolean;
  /** Called whenever the dialog closes, picked or not. */
  onClose?: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState("");
  const [items, setItems] = useState<PhotoChoice[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [chosen, setChosen] = useState<PhotoChoice[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState("");

  async function load(after?: string) {
    setLoading(true);
    setError("");
    try {
      const params = new URLSearchParams({ ...(q.trim() ? { q: q.trim() } : {}), ...(after ? { after } : {}) });
      const response = await fetch(`/api/photos/library?${params}`, { headers: { accept: "application/json" } });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(body.error ?? "图片库暂时打不开，请稍后再试");
      setItems((old) => (after ? [...old, ...body.items] : body.items));
      setNext(body.nextCursor);
    } catch (e) {
      setError(e instanceof TypeError ? "网络中断，请稍后再试" : (e as Error).message);
    } finally {
      setLoading(false);
    }
  }

  function open() {
    setChosen([]);
    dialog.current?.showModal();
    void load();
  }

  useEffect(() => {
    if (autoOpen) open();
    // Once, when shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function toggle(photo: PhotoChoice) {
    setChosen((old) => (old.some((p) => p.id === photo.id) ? old.filter((p) => p.id !== photo.id) : multiple ? [...old, photo] : [photo]));
  }

  return (
    <>
      <button type="button" className="btn" onClick={open}>
        {buttonLabel}
      </button>
      <dialog ref={dialog} onClose={onClose} aria-labelledby="library-picker-title" className="w-[min(56rem,95vw)] rounded border border-stone-300 p-0 backdrop:bg-black/40">
        <div className="flex items-center justify-between border-b border-stone-200 px-4 py-3">
          <h2 id="library-picker-title" className="text-lg font-bold">
            从图片库选择
          </h2>
          <button type="button" className="btn" onClick={() => dialog.current?.close()}>
            关闭
          </button>
        </div>
        {/* Not a <form>: the picker opens inside the story form, and forms do not nest. */}
        <div className="flex gap-2 px-4 pt-3">
          <label className="flex-1">
            <span className="sr-only">搜索图片说明、署名或关键词</span>
            <input
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== "Enter") return;
                e.preventDefault();
                void load();
              }}
              className="input"
              placeholder="搜索图片说明、署名或关键词"
            />
          </label>
          <button type="button" className="btn-primary" onClick={() => void load()}>
            搜索
          </button>
        </div>
        <div className="max-h-[60vh] overflow-y-auto px-4 py-3">
          {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
          {!loading && !error && items.length === 0 && <p className="text-sm text-stone-600">没有找到图片。</p>}
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {items.map((p) => {
              const picked = chosen.some((c) => c.id === p.id);
              return (
                <li key={p.id}>
                  <button
                    type="button"
                    aria-pressed={picked}
                    onClick={() => toggle(p)}
                    className={`block w-full rounded border-2 text-left ${picked ? "border-masthead" : "border-transparent"}`}
                  >
                    <span className="block aspect-[4/3] overflow-hidden bg-stone-100">
                      <img src={`/api/photos/${p.id}/w480`} alt={p.altText || p.caption || "图片"} className="h-full w-full object-cover" loading="lazy" />
                    </span>
                    <span className="line-clamp-2 block p-1 text-xs">{p.caption || "（无说明）"}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          {next && (
            <button type="button" className="btn mt-3" disabled={loading} onClick={() => void load(next)}>
              加载更多
            </button>
          )}
          {loading && <p className="mt-2 text-sm text-stone-600" aria-live="polite">正在加载…</p>}
        </div>
        <div className="flex justify-end gap-2 border-t border-stone-200 px-4 py-3">
          <button type="button" className="btn" onClick={() => dialog.current?.close()}>
            取消
          </button>
          <button
            type="button"
            className="btn-primary"
            disabled={chosen.length === 0}
            onClick={() => {
              onPick(chosen);
              dialog.current?.close();
            }}
          >
            选用{chosen.length > 0 ? `（${chosen.length} 张）` : ""}
          </button>
        </div>
      </dialog>
    </>
  );
}
