"use client";

import { useId, useState } from "react";
import { TAG_KIND_LABELS, type TagKind } from "@/lib/stories/schema";

const DEFAULT_KIND: TagKind = "TOPIC";

// Pick existing tags from the list or add a new one (a place or a topic).
export function TagPicker({
  tags,
  allTags,
  onChange,
  readOnly = false,
}: {
  tags: { name: string; kind: TagKind }[];
  allTags: { name: string; kind: TagKind }[];
  onChange: (tags: { name: string; kind: TagKind }[]) => void;
  readOnly?: boolean;
}) {
  const [text, setText] = useState("");
  const [kind, setKind] = useState<TagKind>(DEFAULT_KIND);
  const listId = useId();

  function add() {
    const name = text.trim().replace(/^#/, "");
    if (!name || tags.some((t) => t.name === name)) {
      setText("");
      return;
    }
    const known = allTags.find((t) => t.name === name);
    onChange([...tags, { name, kind: known?.kind ?? kind }]);
    setText("");
    // Each new tag's kind is chosen for it: the last one's choice must not carry over unseen.
    setKind(DEFAULT_KIND);
  }

  const isNew = text.trim() !== "" && !allTags.some((t) => t.name === text.trim());
  return (
    <div>
      <span className="label" id={`${listId}-label`}>标签</span>
      <ul className="mb-2 flex flex-wrap gap-2" aria-labelledby={`${listId}-label`}>
        {tags.map((t) => (
          <li key={t.name} className="flex items-center gap-1 rounded-full border border-stone-300 bg-white px-3 py-1 text-sm">
            <span className="text-xs text-stone-500">{TAG_KIND_LABELS[t.kind]}</span>
            {t.name}
            {!readOnly && (
              <button type="button" aria-label={`移除标签 ${t.name}`} className="ml-1 text-stone-500 hover:text-red-700" onClick={() => onChange(tags.filter((x) => x.name !== t.name))}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {tags.length === 0 && readOnly && <p className="text-sm text-stone-500">没有标签</p>}
      {!readOnly && (
        <div className="flex flex-wrap gap-2">
          <input
            className="input max-w-xs"
            list={`${listId}-options`}
            value={text}
            placeholder="输入或选择标签，回车添加"
            aria-label="添加标签"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
          <datalist id={`${listId}-options`}>
            {allTags.map((t) => (
              <option key={t.name} value={t.name}>{TAG_KIND_LABELS[t.kind]}</option>
            ))}
          </datalist>
          {isNew && (
            <select className="input w-auto" aria-label="新标签类型" value={kind} onChange={(e) => setKind(e.target.value as TagKind)}>
              <option value="TOPIC">话题</option>
              <option value="PLACE">地点</option>
            </select>
          )}
          <button type="button" className="btn" onClick={add}>添加标签</button>
        </div>
      )}
    </div>
  );
}
