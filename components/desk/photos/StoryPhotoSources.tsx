"use client";

import { useState } from "react";
import type { PhotoSource, PickedPhoto } from "@/components/desk/body-editor/BlockInserter";
import { BatchUpload } from "@/components/desk/photos/BatchUpload";
import { LibraryPicker } from "@/components/desk/photos/LibraryPicker";

/** Where the story form's photos come from besides a single file: many files at once, and the library. */
export function storyPhotoSources(maxBytes: number): PhotoSource[] {
  return [
    { label: "多张上传", render: (insert, close) => <BatchIntoStory maxBytes={maxBytes} insert={insert} close={close} /> },
    {
      label: "从图片库选择",
      render: (insert, close) => (
        <LibraryPicker autoOpen buttonLabel="打开图片库" onPick={insert} onClose={close} />
      ),
    },
  ];
}

/**
 * A batch for one story: files upload with their own progress and errors while the writer keeps
 * typing; the finished photos go into the body together, in the order chosen, when asked.
 */
function BatchIntoStory({ maxBytes, insert, close }: { maxBytes: number; insert: (photos: PickedPhoto[]) => void; close: () => void }) {
  const [done, setDone] = useState<{ photo: PickedPhoto; order: number }[]>([]);
  return (
    <div className="w-full space-y-2 rounded border border-stone-300 bg-stone-50 p-3">
      <BatchUpload maxBytes={maxBytes} showSharedFields={false} onUploaded={(photo, order) => setDone((all) => [...all, { photo, order }].sort((a, b) => a.order - b.order))} />
      <div className="flex gap-2">
        <button
          type="button"
          className="btn-primary"
          disabled={done.length === 0}
          onClick={() => {
            insert(done.map((d) => d.photo));
            close();
          }}
        >
          把已上传的 {done.length} 张放进正文
        </button>
        <button type="button" className="btn" onClick={close}>
          收起
        </button>
      </div>
    </div>
  );
}
