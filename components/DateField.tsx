"use client";

import { useId, useRef, useState } from "react";
import { formatIssueDate, formatPaperMoment, readPaperDay, readPaperMoment } from "@/lib/core/dates";

// Days and times as the paper writes them, "2026年12月8日" and "2026年12月8日 20:30", whatever the
// browser's language: a native date field shows 12/08/2026 on an English system and a time field
// 08:30 PM. Typed as people type them (2026-12-8, 2026.12.8 20:30, 20点30 …) and shown back the
// paper's way; the calendar button opens the browser's own picker. A field sends what it shows; the
// server reads it with the same rule (readPaperDay, readPaperMoment).

type WrittenFieldProps = {
  label: string;
  /** Sent with the form under this name (uncontrolled forms). */
  name?: string;
  /** The value the field starts with, "2026-12-08" or "2026-12-08T20:30". */
  defaultValue?: string;
  /**
   * Set from outside after the field was shown (a value read from an imported page): the field shows
   * it unless it already says the same.
   */
  value?: string;
  /** Told the value each time the text names one, and "" when it is cleared or names none. */
  onValue?: (value: string) => void;
  required?: boolean;
  /** The latest day allowed, "2026-12-08". */
  max?: string;
  id?: string;
  describedBy?: string;
};

type Rule = {
  read: (typed: string) => string | undefined;
  write: (value: string) => string;
  picker: "date" | "datetime-local";
  placeholder: string;
  form: string;
};

const DAY: Rule = {
  read: readPaperDay,
  write: (day) => formatIssueDate(day, false),
  picker: "date",
  placeholder: "2026年12月8日",
  form: "日期写法：2026年12月8日 或 2026-12-08",
};

const MOMENT: Rule = {
  read: readPaperMoment,
  write: formatPaperMoment,
  picker: "datetime-local",
  placeholder: "2026年12月8日 20:30",
  form: "时间写法：2026年12月8日 20:30（24 小时制）",
};

export function DateField(props: WrittenFieldProps) {
  return <WrittenField rule={DAY} {...props} />;
}

/** A day and a 24-hour Beijing time, "2026-12-08T20:30" (seconds when typed). */
export function MomentField(props: WrittenFieldProps) {
  return <WrittenField rule={MOMENT} {...props} />;
}

function WrittenField({ rule, name, defaultValue, value, onValue, required = false, max, label, id, describedBy }: WrittenFieldProps & { rule: Rule }) {
  const written = (v: string | undefined) => (v ? rule.write(v) : "");
  const [text, setText] = useState(written(value ?? defaultValue));
  const [shownValue, setShownValue] = useState(value);
  const [problem, setProblem] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const problemId = useId();

  // A value set from outside replaces the text, unless the text already names it.
  if (value !== shownValue) {
    setShownValue(value);
    if (value !== undefined && rule.read(text) !== value) setText(written(value));
  }

  function check(typed: string) {
    const read = rule.read(typed);
    const said = !typed.trim() ? "" : !read ? rule.form : max && read.slice(0, 10) > max ? `不能晚于${formatIssueDate(max, false)}` : "";
    input.current?.setCustomValidity(said);
    setProblem(said);
    if (read && !said) setText(written(read));
    onValue?.(read && !said ? read : "");
  }

  return (
    <span className="block">
      <span className="relative flex gap-1">
        <input
          ref={input}
          id={id}
          name={name}
          value={text}
          required={required}
          inputMode="text"
          autoComplete="off"
          placeholder={rule.placeholder}
          aria-label={label}
          aria-invalid={problem ? true : undefined}
          aria-describedby={[problem ? problemId : "", describedBy ?? ""].filter(Boolean).join(" ") || undefined}
          onChange={(e) => {
            setText(e.target.value);
            // Told as typed, so what depends on it (a warning) follows without waiting for the blur.
            const read = rule.read(e.target.value);
            if (read || !e.target.value.trim()) onValue?.(read ?? "");
            if (problem) check(e.target.value);
          }}
          onBlur={(e) => check(e.target.value)}
          className="input"
        />
        <button type="button" className="btn shrink-0 px-2" aria-label="打开日历" onClick={() => (picker.current?.showPicker ? picker.current.showPicker() : picker.current?.focus())}>
          {/* Drawn, not an emoji: a desk machine without an emoji font showed an empty box. */}
          <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.5">
            <rect x="2" y="3" width="12" height="11" rx="1" />
            <path d="M2 6.5h12M5 1.5v3M11 1.5v3" />
          </svg>
        </button>
        {/* The browser's own calendar, opened by the button; never sent with the form. */}
        <input
          ref={picker}
          type={rule.picker}
          tabIndex={-1}
          aria-hidden="true"
          max={max && (rule.picker === "date" ? max : `${max}T23:59`)}
          step={rule.picker === "datetime-local" ? 1 : undefined}
          value={rule.read(text) ?? ""}
          onChange={(e) => check(e.target.value)}
          className="pointer-events-none absolute h-0 w-0 opacity-0"
        />
      </span>
      {problem && (
        <span id={problemId} className="mt-1 block text-sm text-red-700">
          {problem}
        </span>
      )}
    </span>
  );
}
