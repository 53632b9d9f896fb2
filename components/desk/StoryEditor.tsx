"use client";
import { useActionState, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { idle, keepingTheForm, type FormState } from "@/lib/actions/form-state";
import { countCharacters } from "@/lib/stories/body";
import type { Credit } from "@/lib/contributors/byline";
import { HEAD_FIELD_NAMES, HEAD_FIELDS, KIND_LABELS, STORY_KINDS, type StoryDraft, type StoryKind } from "@/lib/stories/schema";
import { actionRow, FORM_ACTIONS, type StoryAction } from "@/lib/stories/workflow";
import { FieldError, FormMessage } from "@/components/desk/FormMessage";
import { BodyEditor } from "@/components/desk/BodyEditor";
import { TagPicker } from "@/components/desk/TagPicker";
import { CreditsField } from "@/components/desk/CreditsField";
import { storyPhotoSources } from "@/components/desk/photos/StoryPhotoSources";
import { ConflictPanel } from "@/components/desk/ConflictPanel";
import { WordImport } from "@/components/desk/WordImport";
import { withImportedDraft } from "@/lib/import/word-draft";
import { formatMoment } from "@/lib/core/dates";
import { contentOf, type Content } from "@/components/desk/story-editor/content";
import { forgetBackup, useLocalBackup } from "@/components/desk/story-editor/useLocalBackup";
import { useEditLock } from "@/components/desk/story-editor/useEditLock";
import { useAutosave } from "@/components/desk/story-editor/useAutosave";
import { requestKeys, withRequestKey } from "@/components/desk/story-editor/request-key";
import type { LockAnswer, StoryEditorCalls } from "@/components/desk/story-editor/calls";

// A workflow row's button weight (lib/stories/workflow.ts) as the house styles draw it.
const BUTTON_STYLES = { primary: "btn-primary", plain: "btn", danger: "btn-danger" } as const;

export type EditableStory = StoryDraft & { id: string | null; version: number; updatedAt: string | null };

const latest = (a: FormState, b: FormState) => ((a.at ?? 0) >= (b.at ?? 0) ? a : b);

/**
 * The story form for authors and the desk. One person edits at a time (an edit lock with a
 * heartbeat); everything typed stays in the page and in a browser backup until the server has it;
 * drafts save themselves a few seconds after typing stops; a stale save shows both texts.
 */
export function StoryEditor({
  story,
  actions,
  server,
  slotId,
  allTags,
  canTakeOver,
  confirmation,
  photoMaxBytes,
  wordFileMaxBytes,
  filer,
  sendBackTo = [],
}: {
  story: EditableStory;
  actions: StoryAction[];
  server: StoryEditorCalls;
  /** The planned slot (计划稿) a new story is written for. */
  slotId?: string;
  allTags: { name: string; kind: "PLACE" | "TOPIC" }[];
  canTakeOver: boolean;
  /** What the last action said before it brought the user here (a redirect's ?done=). */
  confirmation?: string;
  /** The upload limit, so a batch refuses a too-large file before sending it. */
  photoMaxBytes: number;
  /** Offers 从 Word 文件导入 (on 写新稿), with the file limit checked before sending. */
  wordFileMaxBytes?: number;
  /** The person filing, offered as a credit to take, never put in by default. */
  filer?: Credit;
  /** The earlier review steps this reviewer may send the copy back to (退改), besides its author. */
  sendBackTo?: { step: string; label: string }[];
}) {
  const photoSources = useMemo(() => storyPhotoSources(photoMaxBytes), [photoMaxBytes]);
  const router = useRouter();
  // A save sent again after its answer was lost goes with the same key: the server answers it as the first.
  const [saveKeys] = useState(requestKeys);
  const [formState, formAction, pending] = useActionState(useMemo(() => keepingTheForm(withRequestKey(server.save, saveKeys)), [server.save, saveKeys]), idle);
  const [storyId, setStoryId] = useState(story.id);
  const [content, setContent] = useState<Content>(() => contentOf(story));
  const [version, setVersion] = useState(story.version);
  const [savedContent, setSavedContent] = useState(() => JSON.stringify(contentOf(story)));
  const [note, setNote] = useState("");
  const [conflictDismissed, setConflictDismissed] = useState<number | null>(null);
  const lastFormState = useRef(formState);
  // The answer to a button press is shown by the buttons, where the user is, and takes the focus.
  const answer = useRef<HTMLDivElement>(null);
  const [arrivedWith, setArrivedWith] = useState<FormState>(idle);
  useEffect(() => {
    if (!confirmation) return;
    setArrivedWith({ ok: true, message: confirmation, fieldErrors: {}, at: Date.now() });
    // Said once: a reload later must not repeat an old "已保存" over newer news.
    window.history.replaceState(null, "", window.location.pathname);
  }, [confirmation]);
  useEffect(() => {
    if (arrivedWith.message) answer.current?.focus();
  }, [arrivedWith]);
  // What the last explicit save sent, and what the form holds now: a save confirms only what it sent.
  const sentJson = useRef<string | null>(null);
  const latestJson = useRef("");

  const serialized = useMemo(() => JSON.stringify(content), [content]);
  latestJson.current = serialized;
  const dirty = serialized !== savedContent;
  const charCount = countCharacters(content.body);
  const mayEdit = storyId === null || actions.includes("edit") || actions.includes("claim");
  const deskReview = actions.some((a) => actionRow(a).review);

  const backup = useLocalBackup({ story, storyId, content, dirty, mayEdit });

  const remember = useCallback(
    (saved: FormState, savedJson: string) => {
      if (!saved.ok || !saved.version) return;
      setVersion(saved.version);
      setSavedContent(savedJson);
      // Text typed while the save was on its way stays in the browser copy until it is saved too.
      if (savedJson === latestJson.current) forgetBackup(storyId);
      if (!storyId && saved.storyId) {
        forgetBackup(null);
        setStoryId(saved.storyId);
        window.history.replaceState(null, "", `/desk/stories/${saved.storyId}`);
      }
    },
    [storyId],
  );

  // The server confirmed an explicit save.
  useEffect(() => {
    if (formState === lastFormState.current) return;
    lastFormState.current = formState;
    answer.current?.focus();
    if (formState.ok) {
      remember(formState, sentJson.current ?? latestJson.current);
      setNote("");
    }
  }, [formState, remember]);

  /** A lock brought a newer version: take its text if nothing is unsaved here, else compare side by side. */
  function adoptServerCopy(answer: LockAnswer) {
    if ("error" in answer || !answer.held || !answer.current || answer.version === version) return;
    const current = answer.current;
    if (dirty) {
      setAutoState({ ok: false, code: "conflict", message: current.savedBy?.you ? "你在另一个窗口保存了这篇稿件的较新版本：请对照两边的内容再继续。" : "这篇稿件在你打开后已被他人修改：请对照两边的内容再继续。", fieldErrors: {}, current, at: Date.now() });
      return;
    }
    const json = JSON.stringify(contentOf(current.content));
    setContent(contentOf(current.content));
    setSavedContent(json);
    setVersion(current.version);
    router.refresh();
  }

  const { lock, lockLost, setLockLost, takeOver } = useEditLock({ openedId: story.id, storyId, mayEdit, server, onNewerCopy: adoptServerCopy });
  const editable = mayEdit && (lock?.held ?? false) && !lockLost;

  const [waitingConflict, setWaitingConflict] = useState(false);
  const { autoState, setAutoState, autosaving } = useAutosave({
    serialized,
    dirty,
    // Not while an explicit save waits for its answer: it may have moved the version on.
    allowed: editable && !pending && !waitingConflict && !saveKeys.waiting(),
    storyId,
    version,
    slotId: storyId ? null : (slotId ?? null),
    server,
    onSaved: remember,
    onLockLost: setLockLost,
  });
  const state = latest(formState, autoState);
  const conflict = state.current && conflictDismissed !== state.at ? state.current : null;
  // No autosave while a comparison is waiting for a decision.
  useEffect(() => setWaitingConflict(conflict !== null), [conflict]);

  // A confirmation stands until the text changes again; a refusal stands until the next answer.
  const lastAnswer = latest(formState, arrivedWith);
  const set = <K extends keyof Content>(key: K, value: Content[K]) => setContent((c) => ({ ...c, [key]: value }));
  const errors = state.fieldErrors;

  return (
    <form action={formAction} onSubmit={() => (sentJson.current = serialized)} className="space-y-5" noValidate>
      <input type="hidden" name="storyId" value={storyId ?? ""} />
      {!storyId && slotId && <input type="hidden" name="slot" value={slotId} />}
      {/* Opened as a new story: the next action's answer comes with the story's own page. */}
      {!story.id && <input type="hidden" name="opened" value="new" />}
      <input type="hidden" name="version" value={version} />
      {editable && <input type="hidden" name="story" value={serialized} />}

      {lock?.holder && !lock.held && !lockLost && (
        <div role="status" className="flex flex-wrap items-center gap-3 rounded border border-blue-300 bg-blue-50 p-3 text-sm">
          <span data-testid="lock-holder">
            {lock.holder.name} 正在编辑（自 {formatMoment(lock.holder.since)} 起）。你可以阅读，暂不能修改。
          </span>
          {canTakeOver && (
            <button type="button" className="btn btn-sm" onClick={takeOver}>
              接管编辑
            </button>
          )}
        </div>
      )}

      {lockLost && (
        <div role="alert" className="rounded border border-amber-500 bg-amber-50 p-3 text-sm">
          {lockLost}你的内容仍保留在页面上和这台电脑上，没有丢失：可以复制后刷新页面查看最新版本。
          {canTakeOver && (
            <button type="button" className="btn btn-sm ml-3" onClick={takeOver}>
              重新接管
            </button>
          )}
        </div>
      )}

      {backup.offered && (
        <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
          这台电脑上保存着一份尚未提交到服务器的内容。
          <button type="button" className="ml-2 underline" onClick={() => { setContent(backup.offered!); backup.taken(); }}>
            恢复那份内容
          </button>
          <button type="button" className="ml-2 underline" onClick={backup.discard}>
            丢弃
          </button>
        </div>
      )}

      {conflict && (
        <ConflictPanel
          mine={content}
          current={conflict}
          onLoadCurrent={() => {
            // The user's own text stays on offer (banner above, and this browser's copy).
            backup.keepAside(content);
            setContent(contentOf(conflict.content));
            setVersion(conflict.version);
            setSavedContent(JSON.stringify(contentOf(conflict.content)));
            setConflictDismissed(state.at ?? 0);
          }}
        />
      )}

      {!story.id && editable && wordFileMaxBytes && (
        <WordImport
          maxBytes={wordFileMaxBytes}
          formHasText={[content.kicker, content.headline, content.subheadline, content.dateline].some(Boolean) || content.body.some((b) => b.type === "photo" || b.text.trim())}
          onImported={(draft) => setContent((c) => withImportedDraft(c, draft, story))}
        />
      )}

      <fieldset disabled={!editable} className="space-y-4">
        <div className="grid gap-4 md:grid-cols-3">
          <label className="block">
            <span className="label">体裁</span>
            <select className="input" value={content.kind} onChange={(e) => setContent((c) => ({ ...c, kind: e.target.value as StoryKind }))}>
              {STORY_KINDS.map((k) => (
                <option key={k} value={k}>{KIND_LABELS[k]}</option>
              ))}
            </select>
          </label>
          <CreditsField
            value={{ contributors: content.contributors, byline: content.byline, bylineEdited: content.bylineEdited }}
            onChange={(credits) => setContent((c) => ({ ...c, ...credits }))}
            errors={errors.byline ?? errors.contributors}
            readOnly={!editable}
            filer={filer}
            dateline={content.dateline}
          />
        </div>
        {HEAD_FIELD_NAMES.map((field) => {
          // The byline is edited as people (CreditsField above); the other head lines as text.
          const { form } = HEAD_FIELDS[field];
          if (!form) return null;
          return (
            <TextField
              key={field}
              label={form.label}
              name={field}
              value={content[field]}
              onChange={(v) => set(field, v)}
              errors={errors[field]}
              placeholder={form.placeholder || undefined}
              large={field === "headline"}
            />
          );
        })}

        <div>
          <div className="flex items-baseline justify-between">
            <span className="label">正文</span>
            <span className="text-sm text-stone-600" aria-live="polite">
              字数：<strong data-testid="char-count">{charCount}</strong>
            </span>
          </div>
          <BodyEditor blocks={content.body} onChange={(b) => set("body", b)} readOnly={!editable} photoSources={photoSources} />
          <FieldError id="body" errors={errors.body} />
        </div>

        <TagPicker tags={content.tags} allTags={allTags} onChange={(t) => set("tags", t)} readOnly={!editable} />
        <FieldError id="tags" errors={errors.tags} />
      </fieldset>

      {deskReview && editable && (
        <div className="grid gap-3 md:grid-cols-[1fr_200px]">
          <label className="block">
            <span className="label">审稿意见（退改、退稿时必填；退回作者时作者可见）</span>
            <textarea name="note" className="input min-h-20" value={note} onChange={(e) => setNote(e.target.value)} aria-describedby="note-error" />
            <FieldError id="note" errors={errors.note} />
          </label>
          {sendBackTo.length > 0 && (
            <label className="block">
              <span className="label">退回修改到</span>
              <select name="backTo" className="input" defaultValue={actions.includes("return") ? "" : sendBackTo[0].step}>
                {/* Copy on a page goes back to an earlier step only: to reach its author it leaves the page first. */}
                {actions.includes("return") && <option value="">作者</option>}
                {sendBackTo.map((t) => (
                  <option key={t.step} value={t.step}>{t.label}</option>
                ))}
              </select>
              <FieldError id="backTo" errors={errors.backTo} />
            </label>
          )}
        </div>
      )}

      <div className="sticky bottom-0 -mx-4 space-y-2 border-t border-stone-300 bg-white/95 px-4 py-3">
        <FormMessage state={lastAnswer.ok && dirty ? idle : lastAnswer} ref={answer} />
        <div className="flex flex-wrap items-center gap-3">
          {FORM_ACTIONS.map((action) => {
            const { button } = actionRow(action);
            const offered = actions.includes(action) || (button?.alsoWhen !== undefined && actions.includes(button.alsoWhen as StoryAction));
            if (!button || !offered || !(editable || button.whileReading)) return null;
            return (
              <button
                key={action}
                type="submit"
                name="intent"
                value={action === "edit" ? "save" : action}
                className={BUTTON_STYLES[button.style]}
                disabled={pending || (autosaving && !button.whileReading)}
              >
                {button.text}
              </button>
            );
          })}
          <span className="text-sm text-stone-500" aria-live="polite" data-testid="save-state">
            {pending || autosaving ? "正在保存…" : autosaveNote(autoState, dirty && editable)}
          </span>
        </div>
      </div>
    </form>
  );
}

/** The quiet line beside the buttons: what autosave did last, including why it stopped trying. */
function autosaveNote(auto: FormState, unsaved: boolean): string {
  if (!auto.ok && auto.code === "invalid" && unsaved) return "自动保存已暂停：请先改正标出的内容";
  if (!auto.ok && auto.message && unsaved) return `有未保存的修改（${auto.message}）`;
  if (unsaved) return "有未保存的修改";
  return auto.ok && auto.at ? `已自动保存 ${new Date(auto.at).toLocaleTimeString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai" })}` : "";
}

function TextField({
  label,
  name,
  value,
  onChange,
  errors,
  placeholder,
  large = false,
  className = "",
}: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  errors?: string[];
  placeholder?: string;
  large?: boolean;
  className?: string;
}) {
  return (
    <label className={`block ${className}`}>
      <span className="label">{label}</span>
      <input
        className={`input ${large ? "font-serif text-xl font-bold" : ""}`}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${name}-error`}
      />
      <FieldError id={name} errors={errors} />
    </label>
  );
}
