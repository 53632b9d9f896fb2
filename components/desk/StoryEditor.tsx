"use client";

import { useActionState, useEffect, useMemo, useRef, useState } from "react";
import { storyFormAction } from "@/app/(newsroom)/desk/stories/actions";
import { idle } from "@/lib/actions/form-state";
import { countCharacters, type BodyBlock } from "@/lib/stories/body";
import { KIND_LABELS, STORY_KINDS, type StoryKind, type TagKind } from "@/lib/validation/story";
import type { StoryAction } from "@/lib/stories/workflow";
import { FieldError, FormMessage } from "@/components/desk/FormMessage";
import { BodyEditor } from "@/components/desk/BodyEditor";
import { TagPicker } from "@/components/desk/TagPicker";

export type EditableStory = {
  id: string | null;
  version: number;
  kind: StoryKind;
  kicker: string;
  headline: string;
  subheadline: string;
  byline: string;
  dateline: string;
  body: BodyBlock[];
  tags: { name: string; kind: TagKind }[];
  updatedAt: string | null;
};

type Content = Omit<EditableStory, "id" | "version" | "updatedAt">;

// Exactly the fields the form edits, in a fixed order, so two copies compare as JSON.
function contentOf(s: Content): Content {
  const { kind, kicker, headline, subheadline, byline, dateline, body, tags } = s;
  return { kind, kicker, headline, subheadline, byline, dateline, body, tags };
}

const backupKey = (id: string | null) => `newsroom:story-backup:${id ?? "new"}`;

function readBackup(id: string | null): { content: Content; savedAt: number; json: string } | null {
  try {
    const raw = localStorage.getItem(backupKey(id));
    if (!raw) return null;
    const kept = JSON.parse(raw) as { content: Content; savedAt: number };
    return { ...kept, json: JSON.stringify(contentOf(kept.content)) };
  } catch {
    localStorage.removeItem(backupKey(id));
    return null;
  }
}

/**
 * The story form for authors and the desk. Everything typed stays in the page (and in a
 * browser backup) until the server confirms it is saved; a refusal keeps it all in place.
 */
export function StoryEditor({
  story,
  actions,
  allTags,
  defaultCredit,
}: {
  story: EditableStory;
  actions: StoryAction[];
  allTags: { name: string; kind: TagKind }[];
  defaultCredit: string;
}) {
  const [state, formAction, pending] = useActionState(storyFormAction, idle);
  const [content, setContent] = useState<Content>(() => contentOf(story));
  const [version, setVersion] = useState(story.version);
  const [savedContent, setSavedContent] = useState(() => JSON.stringify(contentOf(story)));
  const [backup, setBackup] = useState<Content | null>(null);
  const [note, setNote] = useState("");
  const lastState = useRef(state);

  const serialized = useMemo(() => JSON.stringify(content), [content]);
  const dirty = serialized !== savedContent;
  const charCount = countCharacters(content.body);
  const canEdit = actions.includes("edit") || story.id === null;
  const deskReview = actions.includes("approve") || actions.includes("return");

  // The server confirmed a save: remember the new version and drop the browser backup.
  useEffect(() => {
    if (state === lastState.current) return;
    lastState.current = state;
    if (state.ok && state.version) {
      setVersion(state.version);
      setSavedContent(serialized);
      localStorage.removeItem(backupKey(story.id));
      setNote("");
    }
  }, [state, serialized, story.id]);

  // Offer back what this browser kept from an earlier visit that never reached the server.
  // Once, when the editor opens: later renders carry the same story with a newer version.
  const offered = useRef(false);
  useEffect(() => {
    if (offered.current) return;
    offered.current = true;
    const loaded = JSON.stringify(contentOf(story));
    // A new story that was created on the server leaves its "new" backup behind: drop it.
    if (story.id && readBackup(null)?.json === loaded) localStorage.removeItem(backupKey(null));
    const kept = readBackup(story.id);
    if (!kept) return;
    const serverTime = story.updatedAt ? Date.parse(story.updatedAt) : 0;
    if (kept.savedAt > serverTime && kept.json !== loaded) setBackup(kept.content);
    else localStorage.removeItem(backupKey(story.id));
  }, [story]);

  useEffect(() => {
    if (!dirty || !canEdit) return;
    localStorage.setItem(backupKey(story.id), JSON.stringify({ content, savedAt: Date.now() }));
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [content, dirty, canEdit, story.id]);

  const set = <K extends keyof Content>(key: K, value: Content[K]) => setContent((c) => ({ ...c, [key]: value }));
  const errors = state.fieldErrors;

  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="storyId" value={story.id ?? ""} />
      <input type="hidden" name="version" value={version} />
      {canEdit && <input type="hidden" name="story" value={serialized} />}

      {backup && (
        <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
          这台电脑上保存着一份尚未提交到服务器的内容。
          <button type="button" className="ml-2 underline" onClick={() => { setContent(backup); setBackup(null); }}>
            恢复那份内容
          </button>
          <button type="button" className="ml-2 underline" onClick={() => { localStorage.removeItem(backupKey(story.id)); setBackup(null); }}>
            丢弃
          </button>
        </div>
      )}

      <FormMessage state={state} />

      <fieldset disabled={!canEdit} className="space-y-4">
        <div className="grid gap-4 md:grid-cols-3">
          <label className="block">
            <span className="label">体裁</span>
            <select name="kind-view" className="input" value={content.kind} onChange={(e) => set("kind", e.target.value as StoryKind)}>
              {STORY_KINDS.map((k) => (
                <option key={k} value={k}>{KIND_LABELS[k]}</option>
              ))}
            </select>
          </label>
          <TextField label="署名" name="byline" value={content.byline} onChange={(v) => set("byline", v)} errors={errors.byline} placeholder="本报通讯员 张晗" className="md:col-span-2" />
        </div>
        <TextField label="引题" name="kicker" value={content.kicker} onChange={(v) => set("kicker", v)} errors={errors.kicker} placeholder="标题上方的一行，可不填" />
        <TextField label="主题（标题）" name="headline" value={content.headline} onChange={(v) => set("headline", v)} errors={errors.headline} large />
        <TextField label="副题" name="subheadline" value={content.subheadline} onChange={(v) => set("subheadline", v)} errors={errors.subheadline} placeholder="——副题以破折号开头，可不填" />
        <TextField label="电头" name="dateline" value={content.dateline} onChange={(v) => set("dateline", v)} errors={errors.dateline} placeholder="本报讯(通讯员 张晗)，消息稿填写，印在首段开头" />

        <div>
          <div className="flex items-baseline justify-between">
            <span className="label">正文</span>
            <span className="text-sm text-stone-600" aria-live="polite">
              字数：<strong data-testid="char-count">{charCount}</strong>
            </span>
          </div>
          <BodyEditor blocks={content.body} onChange={(b) => set("body", b)} defaultCredit={defaultCredit} />
          <FieldError id="body" errors={errors.body} />
        </div>

        <TagPicker tags={content.tags} allTags={allTags} onChange={(t) => set("tags", t)} />
        <FieldError id="tags" errors={errors.tags} />
      </fieldset>

      {deskReview && (
        <label className="block">
          <span className="label">给作者的意见（退回时必填）</span>
          <textarea name="note" className="input min-h-20" value={note} onChange={(e) => setNote(e.target.value)} aria-describedby="note-error" />
          <FieldError id="note" errors={errors.note} />
        </label>
      )}

      <div className="sticky bottom-0 -mx-4 flex flex-wrap items-center gap-3 border-t border-stone-300 bg-white/95 px-4 py-3">
        {canEdit && (
          <button type="submit" name="intent" value="save" className="btn" disabled={pending}>
            保存
          </button>
        )}
        {(story.id === null || actions.includes("submit")) && (
          <button type="submit" name="intent" value="submit" className="btn-primary" disabled={pending}>
            提交审稿
          </button>
        )}
        {actions.includes("approve") && (
          <button type="submit" name="intent" value="approve" className="btn-primary" disabled={pending}>
            通过
          </button>
        )}
        {actions.includes("return") && (
          <button type="submit" name="intent" value="return" className="btn" disabled={pending}>
            退回修改
          </button>
        )}
        {actions.includes("spike") && (
          <button type="submit" name="intent" value="spike" className="btn-danger" disabled={pending}>
            弃用
          </button>
        )}
        {actions.includes("restore") && (
          <button type="submit" name="intent" value="restore" className="btn" disabled={pending}>
            恢复待审
          </button>
        )}
        <span className="text-sm text-stone-500" aria-live="polite">
          {pending ? "正在保存…" : dirty && canEdit ? "有未保存的修改" : ""}
        </span>
      </div>
    </form>
  );
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
        name={`${name}-view`}
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
