"use client";
import { useRef } from "react";
import { KIND_LABELS, STORY_KINDS, type StoryKind } from "@/lib/stories/schema";
import { PART_LABELS, PHOTO_MARK, SUBHEAD_MARK, fileableBody, importProblem, lineAtOffset, nameChecks, storyOfCard, type ImportCard } from "@/lib/import/page-import";
import { STORY_BORDERS } from "@/components/desk/import/SourceView";

// The head fields in print order, named as the source view names the parts.
const HEAD_FIELDS = (["kicker", "headline", "subheadline", "byline", "dateline"] as const).map((field) => ({ field, label: PART_LABELS[field] }));

/** One story read from the page, as the editor corrects it. */
export function ImportCardEditor({
  card,
  index,
  isLast,
  onChange,
  onMergeNext,
  onSplit,
  onFocus,
}: {
  card: ImportCard;
  index: number;
  isLast: boolean;
  onChange: (card: ImportCard) => void;
  onMergeNext: () => void;
  /** Splits before the body line the cursor stands on. */
  onSplit: (line: number) => void;
  onFocus: () => void;
}) {
  const body = useRef<HTMLTextAreaElement>(null);
  const n = index + 1;
  // What the import would refuse this story for, said on the card before anyone presses import.
  const story = storyOfCard(card);
  const problem = card.include ? importProblem({ ...story, body: fileableBody(story.body) }) : null;
  const lines = card.bodyText.split("\n").length;
  return (
    <section
      id={`import-card-${n}`}
      aria-label={`第 ${n} 篇`}
      onFocus={onFocus}
      className={`rounded border-l-4 ${STORY_BORDERS[index % STORY_BORDERS.length]} border border-stone-300 bg-white p-3 ${card.include ? "" : "opacity-60"}`}
    >
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 className="font-bold">第 {n} 篇</h2>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={card.include} onChange={(e) => onChange({ ...card, include: e.target.checked })} />
          导入这一篇
        </label>
        {problem && <span className="text-sm text-red-800" data-testid={`import-problem-${n}`}>{problem}</span>}
        {nameChecks(card).map((check) => (
          <span key={check} className="text-sm text-amber-800" data-testid={`import-check-${n}`}>{check}</span>
        ))}
        <label className="flex items-center gap-1 text-sm">
          体裁
          <select className="input !w-auto !py-0.5" value={card.kind} onChange={(e) => onChange({ ...card, kind: e.target.value as StoryKind })} aria-label={`第 ${n} 篇体裁`}>
            {STORY_KINDS.map((k) => (
              <option key={k} value={k}>{KIND_LABELS[k]}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="grid gap-2 sm:grid-cols-[4rem_1fr] sm:items-center">
        {HEAD_FIELDS.map(({ field, label }) => (
          <label key={field} className="contents">
            <span className="text-sm text-stone-600">{label}</span>
            <input
              className={`input !py-1 ${field === "headline" ? "font-serif font-bold" : ""}`}
              value={card[field]}
              aria-label={`第 ${n} 篇${label}`}
              onChange={(e) => onChange({ ...card, [field]: e.target.value })}
            />
          </label>
        ))}
      </div>
      <label className="mt-2 block">
        <span className="text-sm text-stone-600">正文（一行一段；{SUBHEAD_MARK}开头为小标题，{PHOTO_MARK}开头为图片说明）</span>
        <textarea
          ref={body}
          className="input min-h-32 font-serif text-sm leading-6"
          rows={Math.min(16, Math.max(4, lines + 1))}
          value={card.bodyText}
          aria-label={`第 ${n} 篇正文`}
          onChange={(e) => onChange({ ...card, bodyText: e.target.value })}
        />
      </label>
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className="btn btn-sm" onClick={() => onSplit(lineAtOffset(card.bodyText, body.current?.selectionStart ?? 0))} title="把光标所在的一行作为新稿件的标题，从这里拆成两篇">
          从光标处拆成两篇
        </button>
        {!isLast && (
          <button type="button" className="btn btn-sm" onClick={onMergeNext} title="下一篇其实是这一篇的后半部分">
            与下一篇合并
          </button>
        )}
      </div>
    </section>
  );
}
