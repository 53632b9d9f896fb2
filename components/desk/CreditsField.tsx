"use client";

import { useEffect, useId, useState } from "react";
import { CONTRIBUTOR_ROLES, CONTRIBUTOR_ROLE_LABELS, composeByline, parseByline, type ContributorRole, type Credit } from "@/lib/contributors/byline";
import type { CreditInput } from "@/lib/stories/schema";
import type { ContributorChoice } from "@/lib/contributors/credits";
import { FieldError } from "@/components/desk/FormMessage";

type Credits = { contributors: CreditInput[]; byline: string; bylineEdited: boolean };

/**
 * The byline as people: each row a name and what they did (本报记者, 通讯员, 摄影 …); the printed
 * line is made from the rows as they change, and can be written by hand for a special form.
 */
export function CreditsField({
  value,
  onChange,
  errors,
  readOnly = false,
  filer,
  dateline = "",
}: {
  value: Credits;
  onChange: (next: Credits) => void;
  errors?: string[];
  /** Not editable here: the names are shown, no editing control is. */
  readOnly?: boolean;
  /** The person filing: offered as a credit ("署我的名字") when not yet in the list, never put in for them. */
  filer?: Credit;
  /** The story's 电头: the people it names are offered while the list is empty. */
  dateline?: string;
}) {
  const listId = useId();
  const [typed, setTyped] = useState("");
  const choices = useContributorChoices(typed);

  const setRows = (contributors: CreditInput[]) =>
    onChange({ ...value, contributors, byline: value.bylineEdited ? value.byline : composeByline(contributors) });
  const addCredits = (credits: Credit[]) => setRows([...value.contributors, ...credits.map((c) => ({ ...c, contributorId: null }))]);
  const filerOffered = !readOnly && filer && !value.contributors.some((r) => r.name.trim() === filer.name) ? filer : null;
  const fromDateline = readOnly || value.contributors.length > 0 ? [] : parseByline(dateline);
  const setRow = (i: number, row: CreditInput) => setRows(value.contributors.map((r, j) => (j === i ? row : r)));

  function typeName(i: number, name: string) {
    setTyped(name);
    // A name picked from the list names that person; a name typed differently is someone to find or add.
    const picked = choices.find((c) => c.name === name);
    setRow(i, { ...value.contributors[i], name, contributorId: picked?.id ?? null });
  }

  return (
    <fieldset className="md:col-span-2" aria-describedby="byline-error">
      <legend className="label">署名</legend>
      <ol className="space-y-2">
        {value.contributors.map((row, i) => (
          <li key={i} className="flex flex-wrap items-center gap-2" data-testid="credit-row">
            <select
              className="input w-36"
              aria-label={`第 ${i + 1} 位署名的身份`}
              value={row.role}
              onChange={(e) => setRow(i, { ...row, role: e.target.value as ContributorRole })}
            >
              {CONTRIBUTOR_ROLES.map((r) => (
                <option key={r} value={r}>{CONTRIBUTOR_ROLE_LABELS[r]}</option>
              ))}
            </select>
            <input
              className="input w-40 flex-1"
              aria-label={`第 ${i + 1} 位署名的姓名`}
              list={listId}
              value={row.name}
              onFocus={() => setTyped(row.name)}
              onChange={(e) => typeName(i, e.target.value)}
            />
            {!readOnly && <button type="button" className="btn btn-sm" aria-label={`删除第 ${i + 1} 位署名`} onClick={() => setRows(value.contributors.filter((_, j) => j !== i))}>
              删除
            </button>}
          </li>
        ))}
      </ol>
      <datalist id={listId}>
        {choices.map((c) => (
          <option key={c.id} value={c.name}>{[c.affiliation, c.hasAccount ? "有账号" : ""].filter(Boolean).join(" · ")}</option>
        ))}
      </datalist>
      {!readOnly && <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => setRows([...value.contributors, { name: "", role: value.contributors.at(-1)?.role ?? "CORRESPONDENT", contributorId: null }])}
        >
          添加署名人
        </button>
        {fromDateline.length > 0 && (
          <button type="button" className="btn btn-sm" onClick={() => addCredits(fromDateline)}>
            按电头署名：{composeByline(fromDateline)}
          </button>
        )}
        {filerOffered && (
          <button type="button" className="btn btn-sm" onClick={() => addCredits([filerOffered])}>
            署我的名字：{composeByline([filerOffered])}
          </button>
        )}
      </div>}

      <div className="mt-3 rounded bg-stone-100 p-2 text-sm">
        {value.bylineEdited ? (
          <label className="block">
            <span className="label">印出的署名（手动填写）</span>
            <input className="input" name="byline" value={value.byline} onChange={(e) => onChange({ ...value, byline: e.target.value })} />
          </label>
        ) : (
          <p>
            印出的署名：<strong data-testid="composed-byline">{value.byline || "（尚无署名）"}</strong>
          </p>
        )}
        {!readOnly && <label className="mt-1 flex items-center gap-2 text-stone-600">
          <input
            type="checkbox"
            checked={value.bylineEdited}
            onChange={(e) => onChange({ ...value, bylineEdited: e.target.checked, byline: e.target.checked ? value.byline : composeByline(value.contributors) })}
          />
          特殊格式，手动填写印出的署名（署名人名单仍用于作者页和检索）
        </label>}
      </div>
      <FieldError id="byline" errors={errors} />
    </fieldset>
  );
}

/** Known people whose name contains what is being typed, fetched a moment after typing stops. */
function useContributorChoices(typed: string): ContributorChoice[] {
  const [choices, setChoices] = useState<ContributorChoice[]>([]);
  useEffect(() => {
    const q = typed.trim();
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/contributors?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then((r) => (r.ok ? (r.json() as Promise<ContributorChoice[]>) : []))
        .then(setChoices)
        // Suggestions are a help: without them a typed name is still saved and found or added.
        .catch(() => {});
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [typed]);
  return choices;
}
