"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { boardKeyboardCoordinates } from "@/components/desk/board/keyboard";
import { useIssueWatch } from "@/components/desk/board/useIssueWatch";
import { BoardPageColumn } from "@/components/desk/board/BoardPageColumn";
import { WaitingTray } from "@/components/desk/board/WaitingTray";
import { itemsOfPage, type BoardItem } from "@/components/desk/board/items";
import type { BoardAct, BoardCommand, BoardPage, IssueBoard as Board, PageAt, WaitingStory } from "@/components/desk/board/types";
import { pageLabel } from "@/lib/format";

// The board: every page of the issue side by side, each with its items in order, its fill and its
// flags; the approved copy waiting beside them. Items move by drag and drop or by keyboard (Space
// to lift, arrows to move, Space to drop), and every move is sent to the server with the page
// versions it was made on. The server answers with the pages as they are now: a refused move
// shows the current page and says why, nothing is reloaded. Other editors' changes come in by
// the issue's watch (useIssueWatch), which draws the page again between drags.

export type BoardMessage = { ok: boolean; text: string } | null;

const itemId = (placementId: string) => `item:${placementId}`;
const isWaiting = (id: UniqueIdentifier) => String(id).startsWith("story:");
const pageDropId = (pageId: string) => `page:${pageId}`;
export const WAITING_DROP_ID = "waiting";

export function IssueBoard({ initial, act, readOnly }: { initial: Board; act: BoardAct; readOnly: boolean }) {
  const [pages, setPages] = useState<BoardPage[]>(initial.pages);
  const [waiting, setWaiting] = useState<WaitingStory[]>(initial.waiting);
  const [message, setMessage] = useState<BoardMessage>(null);
  const [busy, setBusy] = useState(false);
  // Read by the watch between renders: a drag or a command in progress holds a redraw back.
  const dragging = useRef(false);
  const sending = useRef(false);
  const holdsRedraw = useCallback(() => dragging.current || sending.current, []);
  const redraw = useIssueWatch(initial.issue.id, initial.version, { watching: !readOnly, busy: holdsRedraw });

  // A fresh drawing from the server (after router.refresh()) replaces what the board holds; one
  // that arrives during a drag waits for the drop, so the card never jumps from under the editor.
  const drawingWaits = useRef(false);
  const showDrawing = useCallback(() => {
    setPages(initial.pages);
    setWaiting(initial.waiting);
  }, [initial]);
  useEffect(() => {
    if (dragging.current) drawingWaits.current = true;
    else showDrawing();
  }, [showDrawing]);
  const dragOver = () => {
    dragging.current = false;
    if (drawingWaits.current) showDrawing();
    drawingWaits.current = false;
  };

  const at = useCallback((pageId: string): PageAt => {
    const page = pages.find((p) => p.id === pageId);
    return { pageId, version: page?.version ?? -1 };
  }, [pages]);

  const send = useCallback(
    async (command: BoardCommand, done = "已保存") => {
      setBusy(true);
      sending.current = true;
      const answer = await act(command).catch(() => null);
      sending.current = false;
      setBusy(false);
      if (!answer) {
        setMessage({ ok: false, text: "没有送达服务器（网络中断？），版面没有改动，请再试一次" });
        return false;
      }
      if (answer.pages.length > 0) setPages((current) => current.map((p) => answer.pages.find((a) => a.id === p.id) ?? p));
      if (answer.waiting) setWaiting(answer.waiting);
      // The rest of the issue's page follows from the pages too (the release panel's problems, a
      // jump's third page, a refusal's other changes): the server draws it again.
      redraw();
      // A refusal names the fields that were wrong, in the user's words.
      const fields = answer.ok ? [] : Object.values(answer.fieldErrors).flat();
      setMessage(answer.ok ? { ok: true, text: done } : { ok: false, text: fields.length ? `${answer.message}：${fields.join("；")}` : answer.message });
      return answer.ok;
    },
    [act, redraw],
  );

  const items = useMemo(() => new Map(pages.map((p) => [p.id, itemsOfPage(p)])), [pages]);
  const where = useCallback(
    (id: UniqueIdentifier | undefined): { pageId: string; index: number } | null => {
      const key = String(id ?? "");
      if (key.startsWith("page:")) {
        const pageId = key.slice(5);
        return { pageId, index: items.get(pageId)?.length ?? 0 };
      }
      for (const [pageId, list] of items) {
        const index = list.findIndex((i) => itemId(i.placementId) === key);
        if (index >= 0) return { pageId, index };
      }
      return null;
    },
    [items],
  );
  const nameOf = useCallback(
    (id: UniqueIdentifier | undefined): string => {
      const key = String(id ?? "");
      if (isWaiting(key)) return `《${waiting.find((s) => `story:${s.id}` === key)?.headline || "图片新闻"}》`;
      const spot = where(key);
      const item = spot ? items.get(spot.pageId)?.[spot.index] : undefined;
      return item ? item.title : "稿件";
    },
    [items, waiting, where],
  );
  const pageName = useCallback((pageId: string) => {
    const page = pages.find((p) => p.id === pageId);
    return page ? `${pageLabel(page.number)}${page.name}` : "版面";
  }, [pages]);

  const announcements: Announcements = {
    onDragStart: ({ active }) => `已拿起${nameOf(active.id)}。用方向键移动，按空格键放下，按 Esc 取消。`,
    onDragOver: ({ active, over }) => {
      if (!over) return `${nameOf(active.id)}不在任何版面上`;
      if (over.id === WAITING_DROP_ID) return isWaiting(active.id) ? `${nameOf(active.id)}在待上版稿件中，放下即不上版` : `${nameOf(active.id)}在待上版稿件上方，放下即撤下版面`;
      const spot = where(over.id);
      return spot ? `${nameOf(active.id)}移到${pageName(spot.pageId)}第 ${spot.index + 1} 条` : "";
    },
    onDragEnd: ({ active, over }) => {
      if (!over) return `${nameOf(active.id)}已放回原处`;
      const spot = where(over.id);
      if (spot) return `${nameOf(active.id)}放到了${pageName(spot.pageId)}第 ${spot.index + 1} 条`;
      return isWaiting(active.id) ? `${nameOf(active.id)}仍在待上版稿件中` : `${nameOf(active.id)}已撤下版面`;
    },
    onDragCancel: ({ active }) => `已取消，${nameOf(active.id)}放回原处`,
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: boardKeyboardCoordinates }),
  );

  async function onDragEnd({ active, over }: DragEndEvent) {
    // The drop is judged on the board the editor saw; the server refuses it if a page moved on since.
    dragOver();
    if (!over || readOnly) return;
    const key = String(active.id);
    if (isWaiting(key)) {
      const target = where(over.id);
      if (!target) return;
      await send({ do: "place", storyId: key.slice(6), to: at(target.pageId), index: target.index }, "已上版");
      return;
    }
    const from = where(active.id);
    if (!from) return;
    const item = items.get(from.pageId)?.[from.index];
    if (!item) return;
    if (over.id === WAITING_DROP_ID) {
      await send({ do: "remove", placementId: item.placementId, at: at(from.pageId) }, "已撤下");
      return;
    }
    const to = where(over.id);
    if (!to || (to.pageId === from.pageId && to.index === from.index)) return;
    // Show the move at once; the server's answer (or refusal) replaces it.
    setPages((current) => moveLocally(current, item, from, to));
    await send({ do: "move", placementId: item.placementId, from: at(from.pageId), to: at(to.pageId), index: to.index }, "已移动");
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={() => (dragging.current = true)}
      onDragCancel={dragOver}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: "按空格键拿起，用方向键在版面之间移动，再按空格键放下，按 Esc 取消。" } }}
    >
      <p role="status" aria-live="polite" className={`mb-3 min-h-5 text-sm ${message?.ok === false ? "text-red-700" : "text-green-800"}`} data-testid="board-message">
        {busy ? "正在保存…" : message?.text}
      </p>
      {/* Pages wrap onto a next row rather than run off a laptop's screen: every page stays in view,
          in the paper's order, and no column hides behind a scrollbar at the foot of a long board. */}
      <div className="flex items-start gap-3 pb-4">
        <WaitingTray stories={waiting} dropId={WAITING_DROP_ID} readOnly={readOnly} pages={pages} send={send} at={at} />
        <div className="grid min-w-0 flex-1 grid-cols-[repeat(auto-fill,minmax(14rem,1fr))] items-start gap-3">
          {pages.map((page) => (
            <BoardPageColumn
              key={page.id}
              page={page}
              pages={pages}
              items={items.get(page.id) ?? []}
              dropId={pageDropId(page.id)}
              itemId={itemId}
              reporters={initial.reporters}
              formats={initial.formats}
              issueId={initial.issue.id}
              readOnly={readOnly}
              send={send}
              at={at}
              deadlines={initial.deadlines}
            />
          ))}
        </div>
      </div>
    </DndContext>
  );
}

/** The board's guess of a move, shown until the server answers. */
function moveLocally(pages: BoardPage[], item: BoardItem, from: { pageId: string }, to: { pageId: string; index: number }): BoardPage[] {
  return pages.map((page) => {
    if (page.id !== from.pageId && page.id !== to.pageId) return page;
    const blocks = page.view.layout.blocks.filter((b) => b.type === "reserved" || b.placementId !== item.placementId);
    if (page.id === to.pageId) {
      const moved = item.block;
      const placed = blocks.filter((b) => b.type !== "reserved");
      placed.splice(Math.min(to.index, placed.length), 0, moved);
      return { ...page, view: { ...page.view, layout: { ...page.view.layout, blocks: [...placed, ...blocks.filter((b) => b.type === "reserved")] } } };
    }
    return { ...page, view: { ...page.view, layout: { ...page.view.layout, blocks } } };
  });
}
