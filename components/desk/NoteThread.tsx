import type { StoryNoteView } from "@/lib/stories/queries";
import { NoteForm } from "@/components/desk/NoteForm";
import type { FormAction } from "@/lib/actions/form-state";
import { formatMoment } from "@/lib/core/dates";

// The conversation between the author and the desk about one story; returns are highlighted.
export function NoteThread({ notes, storyId, noteAction }: { notes: StoryNoteView[]; storyId: string; noteAction?: FormAction }) {
  return (
    <section aria-labelledby="notes-title" className="rounded border border-stone-300 bg-white p-4">
      <h2 id="notes-title" className="mb-3 font-bold">编辑意见</h2>
      {notes.length === 0 && <p className="text-sm text-stone-500">暂无意见。</p>}
      <ol className="space-y-3">
        {notes.map((n) => (
          <li key={n.id} className={`rounded p-3 text-sm ${n.kind === "RETURN" ? "border-l-4 border-amber-500 bg-amber-50" : "bg-stone-50"}`}>
            <p className="mb-1 text-xs text-stone-500">
              {n.authorName} · {formatMoment(n.createdAt)}
              {n.kind === "RETURN" && <strong className="ml-2 text-amber-800">退回意见</strong>}
            </p>
            <p className="whitespace-pre-wrap" data-testid="note-body">{n.body}</p>
          </li>
        ))}
      </ol>
      {noteAction && <NoteForm storyId={storyId} action={noteAction} />}
    </section>
  );
}
