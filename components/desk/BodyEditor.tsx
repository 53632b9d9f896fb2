"use client";

import { useEffect, useRef, useState } from "react";
import { DndContext, closestCenter } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import type { BodyBlock, PhotoBlock } from "@/lib/stories/body";
import { keysWithInserted, useBlockKeys } from "@/components/desk/body-editor/useBlockKeys";
import { useBlockDrag } from "@/components/desk/body-editor/useBlockDrag";
import { usePasteArranging } from "@/components/desk/body-editor/usePasteArranging";
import { usePhotoUpload } from "@/components/desk/body-editor/usePhotoUpload";
import { SortableBlock } from "@/components/desk/body-editor/SortableBlock";
import { PhotoFields } from "@/components/desk/body-editor/PhotoFields";
import { BlockInserter, type PhotoSource, type PickedPhoto } from "@/components/desk/body-editor/BlockInserter";

// Edits a body as typed blocks: paragraphs, subheads (小标题) and photos with caption and credit.
// Blocks can be inserted at any position and moved by drag or by keyboard. Each job is its own
// piece in components/desk/body-editor/: the blocks' keys, moving, arranging a paste, uploading a
// photo, a block's frame, a photo's fields, the inserter. This file puts them together.
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
  const [openAt, setOpenAt] = useState<number | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
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

  // The one way photos enter the body, whatever brought them (an upload, a batch, the library). A
  // photo brings its own caption and credit (lib/contributors/photo-credit.ts), never the account's name.
  const picked = (photo: PickedPhoto): PhotoBlock => ({ type: "photo", photoId: photo.id, caption: photo.caption, credit: photo.credit, altText: photo.altText });
  const insertPhotos = (at: number, photos: PickedPhoto[]) => insertBlocks(at, photos.map(picked));

  const { upload, uploadError, uploadingAt } = usePhotoUpload((at, photo) => insertPhotos(at, [photo]));
  const paste = usePasteArranging(latest, commit, setFocusKey);
  const drag = useBlockDrag(blocks, keys, commit);

  const inserter = (at: number, last = false) =>
    readOnly ? null : (
      <BlockInserter
        at={at}
        last={last}
        open={last || openAt === at}
        onToggle={() => setOpenAt(openAt === at ? null : at)}
        onInsert={(type) => insertBlocks(at, [{ type, text: "" }])}
        uploading={uploadingAt === at}
        busy={uploadingAt !== null}
        onFile={(file) => void upload(at, file)}
        photoSources={photoSources}
        onPicked={(photos) => insertPhotos(at, photos)}
      />
    );

  return (
    <div className="space-y-3">
      <DndContext sensors={drag.sensors} collisionDetection={closestCenter} onDragEnd={drag.move} accessibility={drag.accessibility}>
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
                    onPaste={readOnly ? undefined : (e) => paste.pasteIntoParagraph(keys[i], e)}
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
      {paste.lastPaste && !readOnly && (
        <p role="status" className="flex flex-wrap items-center gap-2 rounded bg-amber-50 px-3 py-2 text-sm text-stone-700">
          <span>{paste.lastPaste.summary}</span>
          <button type="button" className="btn btn-sm" onClick={paste.undoPaste}>恢复原样粘贴</button>
          <button type="button" className="btn btn-sm" onClick={paste.dismissPaste}>知道了</button>
        </p>
      )}
      <p role="alert" className="text-sm text-red-700">{uploadError}</p>
    </div>
  );
}
