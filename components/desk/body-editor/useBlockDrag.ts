"use client";

import { useCallback } from "react";
import { KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier } from "@dnd-kit/core";
import { arrayMove, sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import type { BodyBlock } from "@/lib/stories/body";
import { TYPE_LABELS } from "@/components/desk/body-editor/blocks";

/**
 * Moving blocks by drag or by keyboard (dnd-kit): the sensors, the move itself, and what a screen
 * reader is told at each step, in Chinese.
 */
export function useBlockDrag(blocks: BodyBlock[], keys: string[], commit: (blocks: BodyBlock[], keys: string[]) => void) {
  const move = ({ active, over }: DragEndEvent) => {
    const from = keys.indexOf(String(active.id));
    const to = over ? keys.indexOf(String(over.id)) : -1;
    if (from < 0 || to < 0 || from === to) return;
    commit(arrayMove(blocks, from, to), arrayMove(keys, from, to));
  };

  const nameOf = useCallback(
    (id: UniqueIdentifier) => {
      const i = keys.indexOf(String(id));
      return i < 0 ? "这一块" : `第 ${i + 1} 块（${TYPE_LABELS[blocks[i].type]}）`;
    },
    [keys, blocks],
  );
  const spot = (id: UniqueIdentifier) => keys.indexOf(String(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `已拿起${nameOf(active.id)}。用上下方向键移动，按空格键放下，按 Esc 取消。`,
    onDragOver: ({ active, over }) => (over ? `${nameOf(active.id)}移到第 ${spot(over.id)} 个位置` : `${nameOf(active.id)}不在正文里`),
    onDragEnd: ({ active, over }) => (over ? `${nameOf(active.id)}放到了第 ${spot(over.id)} 个位置` : `${nameOf(active.id)}已放回原处`),
    onDragCancel: ({ active }) => `已取消，${nameOf(active.id)}放回原处`,
  };
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const accessibility = { announcements, screenReaderInstructions: { draggable: "按空格键拿起这一块，用上下方向键移动，再按空格键放下，按 Esc 取消。" } };
  return { move, sensors, accessibility };
}
