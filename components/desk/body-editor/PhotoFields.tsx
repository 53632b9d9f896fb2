"use client";

import { useId } from "react";
import type { PhotoBlock } from "@/lib/stories/body";
import { photoUrl } from "@/lib/format";
import { MISSING_CREDIT, splitCaptionCredit } from "@/lib/contributors/photo-credit";

// A photo block's picture and its words: caption, credit (a missing one is flagged) and alt text.
export function PhotoFields({ block, readOnly, onChange }: { block: PhotoBlock; readOnly: boolean; onChange: (b: PhotoBlock) => void }) {
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
