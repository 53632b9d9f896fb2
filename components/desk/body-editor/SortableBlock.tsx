"use client";

import type { ReactNode } from "react";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { BodyBlock } from "@/lib/stories/body";
import { TYPE_LABELS } from "@/components/desk/body-editor/blocks";

// One block of the body in its frame: its name, the handle that moves it (drag or keyboard) and its
// delete button around the fields the body editor puts inside.
export function SortableBlock({
  id,
  index,
  block,
  readOnly,
  before,
  onRemove,
  children,
}: {
  id: string;
  index: number;
  block: BodyBlock;
  readOnly: boolean;
  before: ReactNode;
  onRemove: () => void;
  children: ReactNode;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled: readOnly });
  const label = block.type === "paragraph" ? `段落 ${index + 1}` : TYPE_LABELS[block.type];
  return (
    <li
      ref={setNodeRef}
      // dnd-kit moves the block with a CSS transform while it is dragged.
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={isDragging ? "relative z-10 opacity-80" : ""}
      data-block-type={block.type}
      data-block-key={id}
    >
      {before}
      <div className={`rounded border bg-white p-3 ${isDragging ? "border-masthead shadow-lg" : "border-stone-200"}`}>
        <div className="mb-2 flex items-center justify-between text-xs text-stone-500">
          <span className="flex items-center gap-2">
            {!readOnly && (
              <button
                type="button"
                ref={setActivatorNodeRef}
                {...attributes}
                {...listeners}
                aria-label={`移动第 ${index + 1} 块`}
                className="cursor-grab rounded px-1 text-base leading-none text-stone-500 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-masthead"
              >
                ⠿
              </button>
            )}
            {label}
          </span>
          {!readOnly && (
            <button type="button" className="btn btn-sm" onClick={onRemove} aria-label={`删除第 ${index + 1} 块`}>删除</button>
          )}
        </div>
        {children}
      </div>
    </li>
  );
}
