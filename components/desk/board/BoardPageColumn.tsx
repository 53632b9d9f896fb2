"use client";

import Link from "next/link";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { PAGE_FLAGS } from "@/lib/issues/layout";
import { PAGE_STATUS_LABELS, SIZE_LABELS } from "@/lib/issues/labels";
import { PageDeadlineChips } from "@/components/desk/board/PageDeadlineChips";
import type { PageDeadlines } from "@/lib/issues/deadlines";
import { SIZE_CLASSES, type SizeClass } from "@/lib/issues/page-plan";
import { formatMoment } from "@/lib/core/dates";
import type { BoardItem } from "@/components/desk/board/items";
import type { BoardCommand, BoardPage, IssueBoard, PageAt } from "@/components/desk/board/types";
import { PagePlanForm } from "@/components/desk/board/PagePlanForm";
import { SlotForm } from "@/components/desk/board/SlotForm";
import { PrintedPage } from "@/components/page/PrintedPage";
import { pageLabel } from "@/lib/format";

type Send = (command: BoardCommand, done?: string) => Promise<boolean>;

const STATUS_STYLE = { COMPOSING: "bg-stone-200 text-stone-800", AWAITING: "bg-amber-100 text-amber-900", SIGNED: "bg-green-100 text-green-900" } as const;

/** One page on the board: its state, how full it is, and its items in order. */
export function BoardPageColumn({
  page,
  pages,
  items,
  dropId,
  itemId,
  reporters,
  formats,
  issueId,
  readOnly,
  send,
  at,
  deadlines,
}: {
  page: BoardPage;
  pages: BoardPage[];
  items: BoardItem[];
  dropId: string;
  itemId: (placementId: string) => string;
  reporters: IssueBoard["reporters"];
  formats: IssueBoard["formats"];
  issueId: string;
  readOnly: boolean;
  send: Send;
  at: (pageId: string) => PageAt;
  /** The issue's 截稿 and 签版 moments, while it is not out. */
  deadlines: PageDeadlines | null;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: dropId });
  const { layout } = page.view;
  const over = layout.fill.used > layout.fill.capacity;
  const continuations = layout.blocks.filter((b) => b.type === "story" && b.continuedFrom);
  return (
    <section
      aria-labelledby={`page-${page.id}`}
      data-testid={`board-page-${page.number}`}
      className={`min-w-0 rounded border bg-white p-3 ${isOver ? "border-masthead ring-2 ring-masthead/30" : "border-stone-300"}`}
    >
      <header className="mb-2">
        <div className="flex items-baseline justify-between gap-2">
          <h2 id={`page-${page.id}`} className="font-bold">
            {pageLabel(page.number)} · {page.name}
          </h2>
          <span className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[page.status]}`} data-testid="page-status">
            {PAGE_STATUS_LABELS[page.status]}
          </span>
        </div>
        <p className="text-xs text-stone-600">
          {layout.page.format.name} {layout.page.format.columns} 栏 ·{" "}
          <Link href={`/desk/issues/${issueId}/pages/${page.number}`} className="text-masthead underline">
            看大样
          </Link>
        </p>
        {deadlines && (
          <PageDeadlineChips
            deadlines={deadlines}
            copyIn={layout.blocks.some((b) => b.type === "story") && !layout.blocks.some((b) => b.type === "slot" && !b.filed)}
            signed={page.status === "SIGNED"}
          />
        )}
        <label className="mt-2 block text-xs text-stone-700">
          已排 <span data-testid="fill">{layout.fill.used.toLocaleString("zh-CN")}</span> / {layout.fill.capacity.toLocaleString("zh-CN")} 字
          <meter className="block w-full" min={0} max={layout.fill.capacity} high={layout.fill.capacity * 0.95} optimum={layout.fill.capacity * 0.85} value={layout.fill.used} />
        </label>
        {layout.flags.length > 0 && (
          <ul aria-label="版面提示" className="mt-1 flex flex-wrap gap-1 text-xs">
            {layout.flags.map((flag) => (
              <li key={flag} className={`rounded px-1.5 py-0.5 ${flag === "OVER" || flag === "EMPTY" ? "bg-red-100 text-red-800" : "bg-stone-100 text-stone-700"}`}>
                {PAGE_FLAGS[flag]}
              </li>
            ))}
          </ul>
        )}
        {over && <p className="mt-1 text-xs text-red-700">超出 {(layout.fill.used - layout.fill.capacity).toLocaleString("zh-CN")} 字</p>}
      </header>

      {/* The page as it will print, drawn by the same component as the proof and the reader's page. */}
      <div className="mb-2 overflow-hidden rounded border border-stone-200 bg-white" aria-hidden="true" data-testid="miniature">
        <PrintedPage view={page.view} mode="miniature" />
      </div>

      <SortableContext id={dropId} items={items.map((i) => itemId(i.placementId))} strategy={verticalListSortingStrategy}>
        <ol ref={setNodeRef} aria-label={`${pageLabel(page.number)}的稿件`} className="min-h-16 space-y-2 rounded border border-dashed border-stone-300 p-1">
          {items.map((item) => (
            <BoardItemCard key={item.placementId} id={itemId(item.placementId)} item={item} page={page} pages={pages} readOnly={readOnly} send={send} at={at} />
          ))}
          {items.length === 0 && <li className="p-3 text-center text-xs text-stone-500">把稿件拖到这里</li>}
        </ol>
      </SortableContext>
      {continuations.length > 0 && (
        <ul className="mt-2 space-y-1 text-xs text-stone-600">
          {continuations.map((b) =>
            b.type === "story" ? (
              <li key={b.placementId}>
                上接{pageLabel(b.continuedFrom!.number)}：《{b.story.headline}》
              </li>
            ) : null,
          )}
        </ul>
      )}

      {!readOnly && (
        <div className="mt-3 space-y-2 text-sm">
          {page.status === "COMPOSING" && (
            <button type="button" className="btn btn-sm w-full justify-center" onClick={() => send({ do: "submit", at: at(page.id) }, `${pageLabel(page.number)}已送签`)}>
              送值班总编签版
            </button>
          )}
          {page.status === "SIGNED" && <p className="text-xs text-green-800">已签版；再改动会回到待签</p>}
          {items.length === 0 && continuations.length === 0 && (
            <button type="button" className="btn btn-sm w-full justify-center" onClick={() => send({ do: "removePage", at: at(page.id) }, `${pageLabel(page.number)}已删除`)}>
              删除此版
            </button>
          )}
          <SlotForm page={page} reporters={reporters} send={send} at={at} />
          <PagePlanForm page={page} formats={formats} send={send} at={at} />
        </div>
      )}
    </section>
  );
}

function BoardItemCard({ id, item, page, pages, readOnly, send, at }: { id: string; item: BoardItem; page: BoardPage; pages: BoardPage[]; readOnly: boolean; send: Send; at: (pageId: string) => PageAt }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled: readOnly });
  const block = item.block;
  const others = pages.filter((p) => p.id !== page.id);
  return (
    <li
      ref={setNodeRef}
      // dnd-kit moves the card with a CSS transform while it is dragged.
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`rounded border bg-white p-2 text-sm shadow-sm ${isDragging ? "opacity-60" : ""} ${block.type === "slot" ? "border-dashed border-amber-500 bg-amber-50" : "border-stone-300"}`}
      data-testid="board-item"
    >
      <div className="flex items-start gap-2">
        {!readOnly && (
          <button type="button" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={`拖动${item.title}`} className="cursor-grab rounded px-1 text-stone-500 hover:bg-stone-100">
            ⠿
          </button>
        )}
        <div className="min-w-0 flex-1">
          <p className="font-medium break-words">
            {item.isLead && <span className="mr-1 rounded bg-masthead px-1 text-xs text-white">头条</span>}
            {block.type === "story" ? (
              <Link href={`/desk/stories/${block.story.id}`} className="hover:text-masthead hover:underline">
                {block.story.headline || "图片新闻"}
              </Link>
            ) : (
              item.title
            )}
          </p>
          {block.type === "story" ? (
            <p className="text-xs text-stone-500">
              {block.story.credited || "（无署名）"} · 提交：{block.story.authorName} · {SIZE_LABELS[block.size]}
              {block.jumpTo && ` · 下转${pageLabel(block.jumpTo.number)}`}
              {block.plannedJump && !block.jumpTo && ` · 本版排得下，不转${pageLabel(block.plannedJump.number)}`}
            </p>
          ) : (
            <p className="text-xs text-amber-900">
              {block.assignee?.name ?? "未指派"} · 约 {block.targetLength ?? "?"} 字{block.deadline && ` · 截稿 ${formatMoment(block.deadline)}`}
              {block.filed ? ` · 已交稿《${block.filed.headline || "无标题"}》` : " · 未交稿"}
            </p>
          )}
        </div>
      </div>
      {!readOnly && (
        <div className="mt-2 flex flex-wrap items-center gap-1 text-xs">
          <label className="sr-only" htmlFor={`size-${item.placementId}`}>{item.title}的版面大小</label>
          <select
            id={`size-${item.placementId}`}
            className="rounded border border-stone-300 px-1 py-0.5"
            value={item.size}
            onChange={(e) => send({ do: "resize", placementId: item.placementId, at: at(page.id), size: e.target.value as SizeClass }, "已改大小")}
          >
            {SIZE_CLASSES.map((s) => (
              <option key={s} value={s}>{SIZE_LABELS[s]}</option>
            ))}
          </select>
          {!item.isLead && (
            <button type="button" className="rounded border border-stone-300 px-1.5 py-0.5 hover:border-masthead" onClick={() => send({ do: "lead", placementId: item.placementId, at: at(page.id) }, "已设为头条")}>
              设为头条
            </button>
          )}
          {block.type === "story" && others.length > 0 && (
            <>
              <label className="sr-only" htmlFor={`jump-${item.placementId}`}>{item.title}转版到</label>
              <select
                id={`jump-${item.placementId}`}
                className="rounded border border-stone-300 px-1 py-0.5"
                value={others.find((p) => p.number === block.plannedJump?.number)?.id ?? ""}
                onChange={(e) => send({ do: "jump", placementId: item.placementId, at: at(page.id), continuesOn: e.target.value ? at(e.target.value) : null }, "转版已设")}
              >
                <option value="">不转版</option>
                {others.map((p) => (
                  <option key={p.id} value={p.id}>下转{pageLabel(p.number)}</option>
                ))}
              </select>
            </>
          )}
          <button type="button" className="ml-auto rounded border border-stone-300 px-1.5 py-0.5 text-red-800 hover:border-red-700" onClick={() => send({ do: "remove", placementId: item.placementId, at: at(page.id) }, "已撤下")}>
            撤下
          </button>
        </div>
      )}
    </li>
  );
}
