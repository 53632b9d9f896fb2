"use client";

import { useId, useRef, useState } from "react";
import { formatIssueDate, readPaperDay } from "@/lib/core/dates";

// A day as the paper writes it, "2026年12月8日", whatever the browser's language: a native date
// field shows 12/08/2026 on an English system. Typed as people type it (2026-12-8, 2026.12.8,
// 20261208 …) and shown back the paper's way; the calendar button opens the browser's own picker.
// The field sends what it shows; the server reads it with the same rule (readPaperDay).

const written = (day: string | undefined) => (day ? formatIssueDate(day, false) : "");

export function DateField({ name, defaultValue, required = false, max, label }: { name: string; defaultValue?: string; required?: boolean; max?: string; label: string }) {
  const [text, setText] = useState(written(defaultValue));
  const [problem, setProblem] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const problemId = useId();

  function check(value: string) {
    const day = readPaperDay(value);
    const said = !value.trim() ? "" : !day ? "日期写法：2026年12月8日 或 2026-12-08" : max && day > max ? `不能晚于${written(max)}` : "";
    input.current?.setCustomValidity(said);
    setProblem(said);
    if (day && !said) setText(written(day));
  }

  return (
    <span className="block">
      <span className="relative flex gap-1">
        <input
          ref={input}
          name={name}
          value={text}
          required={required}
          inputMode="text"
          autoComplete="off"
          placeholder="2026年12月8日"
          aria-label={label}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          onChange={(e) => {
            setText(e.target.value);
            if (problem) check(e.target.value);
          }}
          onBlur={(e) => check(e.target.value)}
          className="input"
        />
        <button type="button" className="btn shrink-0 px-2" aria-label="打开日历" onClick={() => (picker.current?.showPicker ? picker.current.showPicker() : picker.current?.focus())}>
          <span aria-hidden="true">📅</span>
        </button>
        {/* The browser's own calendar, opened by the button; never sent with the form. */}
        <input
          ref={picker}
          type="date"
          tabIndex={-1}
          aria-hidden="true"
          max={max}
          value={readPaperDay(text) ?? ""}
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
