"use client";
import { useMemo } from "react";
import { PART_LABELS, partsInSource, type ImportCard, type PartName } from "@/lib/import/page-import";

// The pasted page beside the stories read from it: each story's stretch tinted in its card's
// colour, its parts marked, and what was read as page furniture left grey.

export const STORY_TINTS = ["bg-sky-50", "bg-amber-50", "bg-emerald-50", "bg-rose-50"] as const;
export const STORY_BORDERS = ["border-sky-400", "border-amber-400", "border-emerald-400", "border-rose-400"] as const;

const PART_STYLES: Record<PartName, string> = {
  kicker: "font-semibold text-red-700",
  headline: "font-bold text-red-800 underline decoration-2",
  subheadline: "font-semibold text-red-700",
  byline: "text-blue-800 underline decoration-dotted",
  dateline: "text-emerald-800 underline decoration-dotted",
  subhead: "font-semibold text-amber-800",
  caption: "italic text-purple-800",
};

type Segment = { start: number; end: number; story: number | null; part: PartName | null };

function segmentsOf(source: string, cards: readonly ImportCard[]): Segment[] {
  // Cut points: every story's range and every part's; then each piece knows what covers it.
  const stories = cards.map((c, i) => ({ ...c, index: i })).filter((c) => c.include);
  const marks = stories.flatMap((c) => partsInSource(source, c));
  const cuts = new Set([0, source.length, ...stories.flatMap((c) => c.range), ...marks.flatMap((m) => [m.start, m.end])]);
  const points = [...cuts].filter((p) => p >= 0 && p <= source.length).sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    if (start === end) continue;
    const story = stories.find((c) => c.range[0] <= start && end <= c.range[1]);
    const mark = marks.find((m) => m.start <= start && end <= m.end);
    segments.push({ start, end, story: story ? story.index : null, part: mark?.part ?? null });
  }
  return segments;
}

export function SourceView({ source, cards, focused, onPick }: { source: string; cards: readonly ImportCard[]; focused: number | null; onPick: (index: number) => void }) {
  const segments = useMemo(() => segmentsOf(source, cards), [source, cards]);
  return (
    <div>
      <p className="mb-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-stone-600" aria-label="标记说明">
        {(Object.keys(PART_LABELS) as PartName[]).map((p) => (
          <span key={p} className={PART_STYLES[p]}>{PART_LABELS[p]}</span>
        ))}
        <span className="text-stone-500">灰色：未导入（版头、版次等）</span>
      </p>
      {/* Focusable, so a keyboard user can scroll the source too. */}
      <div data-testid="import-source" tabIndex={0} role="region" aria-label="粘贴的原文" className="max-h-[75vh] overflow-auto whitespace-pre-wrap rounded border border-stone-300 bg-white p-3 font-serif text-sm leading-7">
        {segments.map((s) => {
          const text = source.slice(s.start, s.end);
          if (s.story === null) return <span key={s.start} className="text-stone-500">{text}</span>;
          const index = s.story;
          const tint = `${STORY_TINTS[index % STORY_TINTS.length]} ${focused === index ? "outline outline-1 outline-stone-500" : ""}`;
          return (
            <span
              key={s.start}
              className={`cursor-pointer ${tint} ${s.part ? PART_STYLES[s.part] : ""}`}
              data-story={index + 1}
              data-part={s.part ?? undefined}
              title={s.part ? `第 ${index + 1} 篇 · ${PART_LABELS[s.part]}` : `第 ${index + 1} 篇`}
              onClick={() => onPick(index)}
            >
              {text}
            </span>
          );
        })}
      </div>
    </div>
  );
}
