"use client";

import { useDraggable, useDroppable } from "@dnd-kit/core";
import { CSS } from "@dnd-kit/utilities";
import { KIND_LABELS } from "@/lib/stories/schema";
import { useState } from "react";
import type { BoardCommand, BoardPage, PageAt, WaitingStory } from "@/components/desk/board/types";
import { pageLabel } from "@/lib/format";

type Place = { pages: BoardPage[]; send: (c: BoardCommand, done?: string) => Promise<boolean>; at: (pageId: string) => PageAt };

/** Approved copy not on a page yet: drag it onto a page. Dropping a page's item here takes it off. */
export function WaitingTray({ stories, dropId, readOnly, ...place }: { stories: WaitingStory[]; dropId: string; readOnly: boolean } & Place) {
  const { setNodeRef, isOver } = useDroppable({ id: dropId });
  return (
    <section aria-labelledby="waiting-title" className={`w-56 shrink-0 rounded border bg-stone-50 p-3 ${isOver ? "border-masthead ring-2 ring-masthead/30" : "border-stone-300"}`}>
      <h2 id="waiting-title" className="mb-2 font-bold">待上版稿件（{stories.length}）</h2>
      <ol ref={setNodeRef} aria-label="待上版稿件" className="min-h-16 space-y-2">
        {stories.map((story) => (
          <WaitingCard key={story.id} story={story} readOnly={readOnly} {...place} />
        ))}
        {stories.length === 0 && <li className="p-3 text-center text-xs text-stone-500">没有已通过、待上版的稿件</li>}
      </ol>
    </section>
  );
}

function WaitingCard({ story, readOnly, pages, send, at }: { story: WaitingStory; readOnly: boolean } & Place) {
  const [pageId, setPageId] = useState(pages[0]?.id ?? "");
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({ id: `story:${story.id}`, disabled: readOnly });
  const title = `《${story.headline || "图片新闻"}》`;
  return (
    <li
      ref={setNodeRef}
      // dnd-kit moves the card with a CSS transform while it is dragged.
      style={{ transform: CSS.Translate.toString(transform) }}
      className={`rounded border border-stone-300 bg-white p-2 text-sm shadow-sm ${isDragging ? "relative z-10 opacity-80" : ""}`}
      data-testid="waiting-story"
    >
      <div className="flex items-start gap-2">
        {!readOnly && (
          <button type="button" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={`拖动${title}`} className="cursor-grab rounded px-1 text-stone-500 hover:bg-stone-100">
            ⠿
          </button>
        )}
        <div className="min-w-0">
          <p className="font-medium break-words">{title}</p>
          <p className="text-xs text-stone-500">
            {KIND_LABELS[story.kind]} · {story.credited || "（无署名）"} · 提交：{story.authorName} · {story.charCount} 字{story.filedFor && ` · 约稿“${story.filedFor}”`}
          </p>
        </div>
      </div>
      {!readOnly && pages.length > 0 && (
        // Without dragging: pick the page, and the story goes to the end of it.
        <div className="mt-2 flex gap-1 text-xs">
          <select aria-label={`为“${story.headline}”选择版面`} className="min-w-0 flex-1 rounded border border-stone-300 px-1 py-0.5" value={pageId} onChange={(e) => setPageId(e.target.value)}>
            {pages.map((p) => (
              <option key={p.id} value={p.id}>{pageLabel(p.number)} {p.name}</option>
            ))}
          </select>
          <button
            type="button"
            className="rounded border border-stone-300 px-1.5 py-0.5 hover:border-masthead"
            aria-label={`上版：${story.headline || "图片新闻"}`}
            onClick={() => send({ do: "place", storyId: story.id, to: at(pageId), index: 999 }, "已上版")}
          >
            上版
          </button>
        </div>
      )}
    </li>
  );
}
