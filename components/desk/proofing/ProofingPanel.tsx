"use client";

import { useState } from "react";
import type { ProofingView, MarkView } from "@/lib/proofing/rounds";
import { ActionForm } from "@/components/desk/ActionForm";
import { BLOCK_BREAK, CHECK_LABELS, expectedText, locateMark, MARK_FIELD_LABELS, MARK_FIELDS, MARK_KIND_LABELS, MARK_KINDS, RESOLUTION_LABELS, roundName, type MarkField } from "@/lib/proofing/marks";
import type { FormState } from "@/lib/actions/form-state";

type FormAction = (state: FormState, form: FormData) => Promise<FormState>;
/** The Server Actions the panel's forms call (the proof page hands them over). */
export type ProofingActions = { openRound: FormAction; closeRound: FormAction; markText: FormAction; applyMark: FormAction; keepMark: FormAction };

// 三校 beside the drawn proof: the page's rounds, its copy with every mark in its round's colour, a
// form for a new mark on the text selected, and each mark's answer and 核红. The copy is set out
// whole here (a story continued onto another page is marked in one place), in the order it prints.

const ROUND_COLOURS = ["border-red-600 bg-red-50", "border-blue-600 bg-blue-50", "border-green-700 bg-green-50", "border-purple-600 bg-purple-50", "border-orange-600 bg-orange-50"];
const colourOf = (round: number) => ROUND_COLOURS[(round - 1) % ROUND_COLOURS.length];

type Selected = { storyId: string; version: number; field: MarkField; start: number; end: number; quote: string };

export function ProofingPanel({ view, signed, mayMark, mayResolve, actions }: { view: ProofingView; signed: boolean; mayMark: boolean; mayResolve: boolean; actions: ProofingActions }) {
  const [selected, setSelected] = useState<Selected | null>(null);
  const [problem, setProblem] = useState("");
  // Selecting with the keyboard: the text typed is found in the copy, the next place on each press.
  const [wanted, setWanted] = useState("");
  const [nextHit, setNextHit] = useState(0);
  const open = view.rounds.find((r) => !r.closedAt) ?? null;
  const closed = view.rounds.filter((r) => r.closedAt).length;
  const latest = view.rounds.at(-1)?.number ?? 0;

  /** The selection, as a range of one field's text (the body counted block by block). */
  function readSelection(storyId: string, version: number) {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const blockOf = (node: Node | null) => (node instanceof Element ? node : node?.parentElement)?.closest<HTMLElement>("[data-offset]") ?? null;
    const block = blockOf(range.startContainer);
    if (!block || block !== blockOf(range.endContainer)) {
      setSelected(null);
      setProblem("一处标记只能在一段之内，请重新选择");
      return;
    }
    const before = document.createRange();
    before.selectNodeContents(block);
    before.setEnd(range.startContainer, range.startOffset);
    const start = Number(block.dataset.offset) + before.toString().length;
    const quote = range.toString();
    setProblem("");
    setSelected({ storyId, version, field: block.dataset.field as MarkField, start, end: start + quote.length, quote });
  }

  function findWanted() {
    const hits = wanted
      ? view.stories.flatMap((story) =>
          MARK_FIELDS.flatMap((field) => {
            const found: Selected[] = [];
            for (let at = story.texts[field].indexOf(wanted); at >= 0; at = story.texts[field].indexOf(wanted, at + 1)) {
              found.push({ storyId: story.id, version: story.version, field, start: at, end: at + wanted.length, quote: wanted });
            }
            return found;
          }),
        )
      : [];
    if (hits.length === 0) {
      setSelected(null);
      setProblem(wanted ? `这一版的稿件里没有“${wanted}”` : "请先输入要标记的文字");
      return;
    }
    setProblem("");
    setSelected(hits[nextHit % hits.length]);
    setNextHit(nextHit + 1);
  }

  return (
    <section aria-label="校对" className="no-print mt-6 rounded border border-stone-300 bg-white p-4 text-sm">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-bold">校对</h2>
        <span data-testid="proof-rounds">
          {open ? `${roundName(open.number)}进行中（${open.openedBy}）` : `已完成 ${closed} / ${view.setting} 轮`}
        </span>
        {mayMark && !signed && !open && closed < view.setting && (
          <ActionForm action={actions.openRound} hidden={{ pageId: view.pageId }}>
            <button type="submit" className="btn btn-sm">开始{roundName(closed + 1)}</button>
          </ActionForm>
        )}
        {mayMark && open && (
          <ActionForm action={actions.closeRound} hidden={{ roundId: open.id }}>
            <button type="submit" className="btn btn-sm">结束{roundName(open.number)}</button>
          </ActionForm>
        )}
      </div>

      {view.stories.map((story) => (
        <article key={story.id} className="mb-4 border-t border-stone-200 pt-2" aria-label={`校对稿：${story.headline || "图片新闻"}`} onMouseUp={() => mayMark && open && readSelection(story.id, story.version)} onKeyUp={(e) => e.shiftKey && mayMark && open && readSelection(story.id, story.version)}>
          {MARK_FIELDS.map((field) =>
            story.texts[field] ? (
              <FieldText key={field} field={field} text={story.texts[field]} marks={view.marks.filter((m) => m.storyId === story.id && m.field === field)} />
            ) : null,
          )}
        </article>
      ))}

      {mayMark && open && (
        <div className="mb-3 flex flex-wrap items-end gap-2">
          <label>
            <span className="label">或输入要标记的文字</span>
            <input className="input w-48" value={wanted} onChange={(e) => { setWanted(e.target.value); setNextHit(0); }} onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), findWanted())} />
          </label>
          <button type="button" className="btn btn-sm" onClick={findWanted}>选中下一处</button>
        </div>
      )}
      {problem && <p role="alert" className="text-red-700">{problem}</p>}
      {mayMark && open && selected && (
        <ActionForm
          action={actions.markText}
          hidden={{ roundId: open.id, storyId: selected.storyId, field: selected.field, start: String(selected.start), end: String(selected.end), quote: selected.quote, version: String(selected.version) }}
          className="mb-4 flex flex-wrap items-end gap-2 rounded border border-amber-400 bg-amber-50 p-3"
        >
          <span className="w-full">
            标记「<strong data-testid="selected-quote">{selected.quote}</strong>」（{MARK_FIELD_LABELS[selected.field]} ·{" "}
            {view.stories.find((s) => s.id === selected.storyId)?.headline || "图片新闻"}）
          </span>
          <label>
            <span className="label">类型</span>
            <select name="kind" className="input w-auto" defaultValue="WRONG_CHAR">
              {MARK_KINDS.map((k) => <option key={k} value={k}>{MARK_KIND_LABELS[k]}</option>)}
            </select>
          </label>
          <label>
            <span className="label">改为 / 补入</span>
            <input name="suggestion" className="input w-40" />
          </label>
          <label className="grow">
            <span className="label">说明或疑问</span>
            <input name="note" className="input" />
          </label>
          <button type="submit" className="btn-primary btn-sm">标记</button>
        </ActionForm>
      )}

      <h3 className="mt-4 mb-2 font-bold">标记与核红</h3>
      {view.marks.length === 0 ? (
        <p className="text-stone-600">还没有校对标记。</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full">
            <thead className="bg-stone-100 text-left text-stone-600">
              <tr>
                <th scope="col" className="px-2 py-1">轮次</th>
                <th scope="col" className="px-2 py-1">类型</th>
                <th scope="col" className="px-2 py-1">原文</th>
                <th scope="col" className="px-2 py-1">应为</th>
                <th scope="col" className="px-2 py-1">核红</th>
                <th scope="col" className="px-2 py-1">处理</th>
              </tr>
            </thead>
            <tbody>
              {view.marks.map((m) => (
                <MarkRow key={m.id} mark={m} later={m.round < latest} version={view.stories.find((s) => s.id === m.storyId)?.version ?? 0} mayResolve={mayResolve && !signed} actions={actions} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One field's text, each mark that can still be found drawn in its round's colour. */
function FieldText({ field, text, marks }: { field: MarkField; text: string; marks: MarkView[] }) {
  const ranges = marks
    .flatMap((m) => {
      const at = locateMark(text, m);
      return at ? [{ ...at, mark: m }] : [];
    })
    .sort((a, b) => a.start - b.start);
  let offset = 0;
  const blocks = text.split(BLOCK_BREAK).map((block) => {
    const start = offset;
    offset += block.length + BLOCK_BREAK.length;
    return { block, start };
  });
  return (
    <div className={field === "headline" ? "font-serif text-lg font-bold" : field === "body" ? "space-y-1 leading-relaxed" : "text-stone-700"}>
      {blocks.map(({ block, start }) => (
        <p key={start} data-field={field} data-offset={start} className="whitespace-pre-wrap">
          {segments(block, start, ranges).map((seg, i) =>
            seg.mark ? (
              <mark key={i} data-testid="proof-mark" data-round={seg.mark.round} title={`${roundName(seg.mark.round)} · ${MARK_KIND_LABELS[seg.mark.kind]}`} className={`border-b-2 text-inherit ${colourOf(seg.mark.round)}`}>
                {seg.text}
              </mark>
            ) : (
              <span key={i}>{seg.text}</span>
            ),
          )}
        </p>
      ))}
    </div>
  );
}

function segments(block: string, blockStart: number, ranges: { start: number; end: number; mark: MarkView }[]) {
  const out: { text: string; mark?: MarkView }[] = [];
  let at = 0;
  for (const r of ranges) {
    const from = r.start - blockStart;
    const to = r.end - blockStart;
    if (from < at || to > block.length) continue; // another block's, or overlapping one already drawn
    if (from > at) out.push({ text: block.slice(at, from) });
    out.push({ text: block.slice(from, to), mark: r.mark });
    at = to;
  }
  if (at < block.length) out.push({ text: block.slice(at) });
  return out;
}

function MarkRow({ mark, later, version, mayResolve, actions }: { mark: MarkView; later: boolean; version: number; mayResolve: boolean; actions: ProofingActions }) {
  const expected = expectedText(mark);
  return (
    <tr className="border-t border-stone-200 align-top" data-testid="mark-row">
      <td className="px-2 py-1 whitespace-nowrap">
        <span className={`border-b-2 px-1 ${colourOf(mark.round)}`}>{roundName(mark.round)}</span>
        <span className="block text-xs text-stone-500">{mark.markedBy}</span>
      </td>
      <td className="px-2 py-1">{MARK_KIND_LABELS[mark.kind]}</td>
      <td className="px-2 py-1">{mark.quote}</td>
      <td className="px-2 py-1">{expected === null ? <span className="text-stone-700">问：{mark.note}</span> : expected || "（删去）"}</td>
      <td className="px-2 py-1 whitespace-nowrap" data-testid="mark-check">
        {mark.resolution === "KEPT" ? "—" : later && mark.check ? <strong className={mark.check === "FIXED" ? "text-green-800" : "text-red-700"}>{CHECK_LABELS[mark.check]}</strong> : "—"}
      </td>
      <td className="px-2 py-1">
        {mark.resolution ? (
          <span data-testid="mark-resolution">
            {RESOLUTION_LABELS[mark.resolution]}
            {mark.reason && `：${mark.reason}`}
            {mark.resolvedBy && <span className="text-xs text-stone-500">（{mark.resolvedBy}）</span>}
          </span>
        ) : mayResolve ? (
          <div className="flex flex-wrap gap-2">
            {mark.kind !== "QUERY" && (
              <ActionForm action={actions.applyMark} hidden={{ markId: mark.id, version: String(version) }}>
                <button type="submit" className="btn btn-sm" aria-label={`改：${mark.quote}`}>改</button>
              </ActionForm>
            )}
            <ActionForm action={actions.keepMark} hidden={{ markId: mark.id }} className="flex gap-1">
              <input name="reason" className="input w-32 py-1 text-xs" aria-label={`不改的理由：${mark.quote}`} placeholder={mark.kind === "QUERY" ? "答复" : "不改的理由"} />
              <button type="submit" className="btn btn-sm">不改</button>
            </ActionForm>
          </div>
        ) : (
          <span className="text-stone-500">待处理</span>
        )}
      </td>
    </tr>
  );
}
