"use client";

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { BodyBlock, PhotoBlock } from "@/lib/stories/body";
import { photoUrl } from "@/lib/format";
import { newBlockKey, useBlockKeys } from "@/components/desk/body-editor/useBlockKeys";
import { isMultiLinePaste, parsePastedBody, type PastedBody } from "@/lib/import/paste";
import { MISSING_CREDIT, splitCaptionCredit } from "@/lib/contributors/photo-credit";

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

type BlockType = BodyBlock["type"];
const TYPE_LABELS: Record<BlockType, string> = { paragraph: "段落", subhead: "小标题", photo: "图片" };

// Edits a body as typed blocks: paragraphs, subheads (小标题) and photos with caption and credit.
// Blocks can be inserted at any position and moved by drag or by keyboard (dnd-kit).
export function BodyEditor({
  blocks,
  onChange,
  readOnly = false,
  photoSources = [],
}: {
  blocks: BodyBlock[];
  onChange: (blocks: BodyBlock[]) => void;
  /** Not editable here (read-only story, lock held by someone else): no editing control is shown. */
  readOnly?: boolean;
  photoSources?: PhotoSource[];
}) {
  const { keys, commit, latest } = useBlockKeys(blocks, onChange);
  const [uploadError, setUploadError] = useState("");
  const [uploadingAt, setUploadingAt] = useState<number | null>(null);
  const [openAt, setOpenAt] = useState<number | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  // The last paste the parser arranged: its blocks' keys, the raw text, and the blocks as it made them.
  const [lastPaste, setLastPaste] = useState<{ keys: string[]; raw: string; summary: string; asArranged: string } | null>(null);
  const list = useRef<HTMLOListElement>(null);

  // Focus moves into a block just inserted.
  useEffect(() => {
    if (!focusKey) return;
    list.current?.querySelector<HTMLElement>(`[data-block-key="${focusKey}"] :is(textarea, input)`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const replace = (i: number, block: BodyBlock) => commit(blocks.map((b, j) => (j === i ? block : b)), keys);
  const remove = (i: number) => commit(blocks.filter((_, j) => j !== i), keys.filter((_, j) => j !== i));

  function insertBlocks(at: number, added: BodyBlock[]) {
    // What was typed while a photo uploaded is in the latest body, not in this render's.
    const now = latest();
    const { keys: next, added: newKeys } = keysWithInserted(now.keys, at, added.length);
    commit([...now.blocks.slice(0, at), ...added, ...now.blocks.slice(at)], next);
    setOpenAt(null);
    if (newKeys[0]) setFocusKey(newKeys[0]);
  }

  /** The one way photos enter the body, whatever brought them (an upload, a batch, the library). */
  const insertPhotos = (at: number, photos: PhotoBlock[]) => insertBlocks(at, photos);
  // A photo brings its own caption and credit (lib/contributors/photo-credit.ts), never the account's name.
  const picked = (photo: PickedPhoto): PhotoBlock => ({ type: "photo", photoId: photo.id, caption: photo.caption, credit: photo.credit, altText: photo.altText });

  function insertEmpty(at: number, type: "paragraph" | "subhead") {
    insertBlocks(at, [{ type, text: "" }]);
  }

  // Text pasted into an empty paragraph in several lines (from a PDF, an e-paper, a message) goes
  // through the copy parser: broken lines joined, subheads recognised (lib/import/paste.ts). One
  // click puts back what was pasted, as it was.
  function pasteIntoParagraph(i: number, e: React.ClipboardEvent<HTMLTextAreaElement>) {
    const text = e.clipboardData.getData("text/plain");
    const current = blocks[i];
    if (!isMultiLinePaste(text) || current.type !== "paragraph" || current.text.trim() !== "") return;
    e.preventDefault();
    const pasted = parsePastedBody(text);
    const { keys: withPasted, added } = keysWithInserted(keys.filter((_, j) => j !== i), i, pasted.blocks.length);
    commit([...blocks.slice(0, i), ...pasted.blocks, ...blocks.slice(i + 1)], withPasted);
    setLastPaste({ keys: added, raw: text.replace(/\r\n/g, "\n").trim(), summary: pasteSummary(pasted), asArranged: JSON.stringify(pasted.blocks) });
  }

  function undoPaste() {
    if (!lastPaste) return;
    const now = latest();
    // Typing done since the paste would go with it: only after a yes.
    const arranged = now.keys.flatMap((k, j) => (lastPaste.keys.includes(k) ? [now.blocks[j]] : []));
    if (JSON.stringify(arranged) !== lastPaste.asArranged && !window.confirm("粘贴后这几段已有修改，恢复原样粘贴会丢掉这些修改。继续吗？")) return;
    const at = now.keys.findIndex((k) => lastPaste.keys.includes(k));
    const kept = now.keys.map((k, j) => [k, now.blocks[j]] as const).filter(([k]) => !lastPaste.keys.includes(k));
    const where = at < 0 ? kept.length : at;
    const [key] = keysWithInserted([], 0, 1).added;
    commit(
      [...kept.slice(0, where).map(([, b]) => b), { type: "paragraph", text: lastPaste.raw }, ...kept.slice(where).map(([, b]) => b)],
      [...kept.slice(0, where).map(([k]) => k), key, ...kept.slice(where).map(([k]) => k)],
    );
    setLastPaste(null);
    setFocusKey(key);
  }

  async function upload(at: number, file: File) {
    setUploadError("");
    setUploadingAt(at);
    try {
      const form = new FormData();
      form.append("file", file);
      const response = await fetch("/api/photos", { method: "POST", body: form });
      const answer = (await response.json().catch(() => ({}))) as Partial<PickedPhoto> & { error?: string };
      if (!response.ok || !answer.id) {
        // A proxy in front may refuse a big body itself, without our JSON message.
        const fallback = response.status === 413 ? "图片太大，服务器拒绝接收，请换一张较小的图片" : "上传失败，请重试";
        setUploadError(answer.error ?? fallback);
        return;
      }
      insertPhotos(at, [picked({ caption: "", credit: "", altText: "", width: 0, height: 0, ...answer, id: answer.id })]);
    } catch {
      setUploadError("网络中断，图片没有上传，请重试");
    } finally {
      setUploadingAt(null);
    }
  }

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

  const inserter = (at: number, last = false) =>
    readOnly ? null : (
      <BlockInserter
        at={at}
        last={last}
        open={last || openAt === at}
        onToggle={() => setOpenAt(openAt === at ? null : at)}
        onInsert={(type) => insertEmpty(at, type)}
        uploading={uploadingAt === at}
        busy={uploadingAt !== null}
        onFile={(file) => void upload(at, file)}
        photoSources={photoSources}
        onPicked={(photos) => insertPhotos(at, photos.map(picked))}
      />
    );

  return (
    <div className="space-y-3">
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={move}
        accessibility={{ announcements, screenReaderInstructions: { draggable: "按空格键拿起这一块，用上下方向键移动，再按空格键放下，按 Esc 取消。" } }}
      >
        <SortableContext items={keys} strategy={verticalListSortingStrategy}>
          <ol ref={list} className="space-y-1" aria-label="正文各块">
            {blocks.map((block, i) => (
              <SortableBlock key={keys[i]} id={keys[i]} index={i} block={block} readOnly={readOnly} before={inserter(i)} onRemove={() => remove(i)}>
                {block.type === "paragraph" && (
                  <textarea
                    className="input min-h-28 leading-relaxed [field-sizing:content]"
                    value={block.text}
                    readOnly={readOnly}
                    aria-label={`正文第 ${i + 1} 段`}
                    onChange={(e) => replace(i, { ...block, text: e.target.value })}
                    onPaste={(e) => pasteIntoParagraph(i, e)}
                  />
                )}
                {block.type === "subhead" && (
                  <input
                    className="input font-bold"
                    value={block.text}
                    readOnly={readOnly}
                    aria-label="小标题"
                    onChange={(e) => replace(i, { ...block, text: e.target.value })}
                  />
                )}
                {block.type === "photo" && <PhotoFields block={block} readOnly={readOnly} onChange={(b) => replace(i, b)} />}
              </SortableBlock>
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      {inserter(blocks.length, true)}
      {lastPaste && !readOnly && (
        <p role="status" className="flex flex-wrap items-center gap-2 rounded bg-amber-50 px-3 py-2 text-sm text-stone-700">
          <span>{lastPaste.summary}</span>
          <button type="button" className="btn btn-sm" onClick={undoPaste}>恢复原样粘贴</button>
          <button type="button" className="btn btn-sm" onClick={() => setLastPaste(null)}>知道了</button>
        </p>
      )}
      <p role="alert" className="text-sm text-red-700">{uploadError}</p>
    </div>
  );
}

function pasteSummary({ paragraphs, subheads, joinedLines }: PastedBody): string {
  const parts = [`${paragraphs} 段`, subheads ? `${subheads} 个小标题` : "", joinedLines ? `接上了 ${joinedLines} 处断行` : ""].filter(Boolean);
  return `已按报纸格式整理粘贴的文字：${parts.join("，")}。`;
}

/** New client-side keys for `count` blocks inserted at `at`; keys never travel to the server. */
function keysWithInserted(keys: string[], at: number, count: number) {
  const added = Array.from({ length: count }, newBlockKey);
  return { keys: [...keys.slice(0, at), ...added, ...keys.slice(at)], added };
}

function SortableBlock({
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

function PhotoFields({ block, readOnly, onChange }: { block: PhotoBlock; readOnly: boolean; onChange: (b: PhotoBlock) => void }) {
  const creditId = useId();
  const missing = !readOnly && !block.credit.trim();
  // A caption typed or pasted with its credit at the end (…… 李文涛 摄) gives the credit when none is set.
  const takeCreditFromCaption = () => {
    if (block.credit.trim()) return;
    const split = splitCaptionCredit(block.caption);
    if (split.credit) onChange({ ...block, ...split });
  };
  return (
    <div className="grid gap-3 md:grid-cols-[200px_1fr]">
      <img src={photoUrl(block.photoId, "w480")} alt={block.altText || "已上传的图片"} className="w-full rounded bg-stone-100" />
      <div className="space-y-2">
        <label className="block">
          <span className="label">图片说明</span>
          <textarea className="input min-h-16" value={block.caption} readOnly={readOnly} onChange={(e) => onChange({ ...block, caption: e.target.value })} onBlur={takeCreditFromCaption} />
        </label>
        <label className="block">
          <span className="label">摄影署名</span>
          <input
            className="input"
            value={block.credit}
            readOnly={readOnly}
            placeholder="例：李文涛 摄"
            aria-invalid={missing || undefined}
            aria-describedby={missing ? creditId : undefined}
            onChange={(e) => onChange({ ...block, credit: e.target.value })}
          />
        </label>
        {missing && (
          <p id={creditId} className="text-sm text-amber-800" data-testid="missing-credit">
            {MISSING_CREDIT}
          </p>
        )}
        <label className="block">
          <span className="label">替代文字（供视障读者）</span>
          <input className="input" value={block.altText} readOnly={readOnly} onChange={(e) => onChange({ ...block, altText: e.target.value })} />
        </label>
      </div>
    </div>
  );
}

/**
 * Where new blocks go in: a small "＋" between blocks that opens 段落 / 小标题 / 图片, and after the
 * last block the same choices always shown.
 */
function BlockInserter({
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
