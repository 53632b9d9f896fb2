"use client";

import { useActionState, useEffect, useMemo, useState, useTransition } from "react";
import { idle, keepingTheForm, type FormAction } from "@/lib/actions/form-state";
import { FieldError, FormMessage } from "@/components/desk/FormMessage";

// The desk's words about one photo. Submitted by hand so a refused form keeps what was typed.
export type PhotoFormValues = { caption: string; credit: string; altText: string; keywords: string; place: string; event: string };

const FIELDS: { name: keyof PhotoFormValues; label: string; multiline?: boolean; hint?: string }[] = [
  { name: "caption", label: "图片说明", multiline: true },
  { name: "credit", label: "署名", hint: "例：本报记者 赵晨 摄" },
  { name: "keywords", label: "关键词", hint: "用逗号、顿号或空格分开，最多 10 个" },
  { name: "place", label: "地点" },
  { name: "event", label: "事件" },
  { name: "altText", label: "替代文字", hint: "给看不见图片的读者：图上有什么" },
];

export function PhotoForm({ action, photoId, version, values }: { action: FormAction; photoId: string; version: number; values: PhotoFormValues }) {
  const [state, formAction, pending] = useActionState(useMemo(() => keepingTheForm(action), [action]), idle);
  // The words' version this form stands on: the one read with the page, then each good save's.
  const [base, setBase] = useState(version);
  useEffect(() => {
    if (state.ok && state.version) setBase(state.version);
  }, [state]);
  const [, startTransition] = useTransition();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <input type="hidden" name="photoId" value={photoId} />
      <input type="hidden" name="version" value={base} />
      {FIELDS.map((f) => {
        const id = `photo-${f.name}`;
        const errors = state.fieldErrors[f.name];
        const common = {
          id,
          name: f.name,
          defaultValue: values[f.name],
          className: "input",
          "aria-invalid": errors ? true : undefined,
          "aria-describedby": `${id}-error`,
        };
        return (
          <div key={f.name}>
            <label htmlFor={id} className="label">
              {f.label}
              {f.hint && <span className="ml-2 font-normal text-stone-500">{f.hint}</span>}
            </label>
            {f.multiline ? <textarea rows={4} {...common} /> : <input {...common} />}
            <FieldError id={id} errors={errors} />
          </div>
        );
      })}
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "正在保存…" : "保存"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
