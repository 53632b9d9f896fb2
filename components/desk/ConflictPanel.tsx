"use client";
import { useState } from "react";
import { diffText, storyAsText } from "@/lib/stories/diff";
import type { StoryDraft } from "@/lib/stories/schema";
import type { StoryAsSaved } from "@/lib/actions/form-state";
import { DiffView } from "@/components/desk/DiffView";
import { formatMoment } from "@/lib/core/dates";

// Shown when a save was refused because someone saved first: the user's text beside the current
// text, nothing overwritten, with a way to keep theirs (copy) or continue from the current one.
export function ConflictPanel({
  mine,
  current,
  onLoadCurrent,
}: {
  mine: StoryDraft;
  current: StoryAsSaved;
  onLoadCurrent: () => void;
}) {
  const [copied, setCopied] = useState<"" | "done" | "failed">("");
  const mineText = storyAsText(mine);
  const when = formatMoment(current.updatedAt);
  return (
    <section aria-labelledby="conflict-title" className="space-y-3 rounded border-2 border-amber-500 bg-amber-50 p-4">
      <h2 id="conflict-title" className="font-bold" data-testid="conflict-title">
        {current.savedBy?.you
          ? `保存冲突：你在另一个窗口保存了较新的版本（${when}）`
          : `保存冲突：稿件已在 ${when} 被${current.savedBy ? ` ${current.savedBy.name} ` : "他人"}修改`}
      </h2>
      <p className="text-sm">
        你在这里的内容没有保存，也没有覆盖{current.savedBy?.you ? "那个窗口保存的内容" : "别人的修改"}。左边是当前保存的版本，右边是这里的内容（差异已标出）。
      </p>
      <DiffView parts={diffText(storyAsText(current.content), mineText)} leftTitle="当前版本" rightTitle="你的内容" />
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className="btn"
          onClick={async () => {
            const ok = await navigator.clipboard.writeText(mineText).then(() => true, () => false);
            setCopied(ok ? "done" : "failed");
          }}
        >
          {copied === "done" ? "已复制我的内容" : "复制我的内容"}
        </button>
        <button type="button" className="btn-primary" onClick={onLoadCurrent}>
          载入当前版本继续编辑
        </button>
      </div>
      {copied === "failed" && <p role="alert" className="text-sm text-red-800">无法写入剪贴板：请在右侧选中你的内容手动复制。载入当前版本后，你的内容也会留在本机，可随时恢复。</p>}
    </section>
  );
}
