"use client";

import { Fragment, useActionState, useMemo, useTransition } from "react";
import { idle, keepingTheForm, type FormAction, type FormState } from "@/lib/actions/form-state";
import { SHARE_RULE_LABELS, SHARE_RULES } from "@/lib/fees/fee-table";
import { FieldError, FormMessage } from "@/components/desk/FormMessage";

// The 稿酬标准 and 采用计分办法 forms of the paper's settings: many fields, each refusal shown
// beside its field. Submitted by hand, as ActionForm does, so a refused form keeps what was typed;
// `basedOn` names the rules the form was filled from, and a save over newer rules is refused.

type Values = Record<string, string>;

function useRulesForm(action: FormAction) {
  const [state, formAction, pending] = useActionState(useMemo(() => keepingTheForm(action), [action]), idle);
  const [, startTransition] = useTransition();
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };
  return { state, pending, onSubmit };
}

/** A typed amount or count with its refusals beneath; `quiet` leaves the label to screen readers (the tier rows have a header). */
function NumberField({ name, label, values, state, unit, quiet = false }: { name: string; label: string; values: Values; state: FormState; unit?: string; quiet?: boolean }) {
  const errors = state.fieldErrors[name];
  return (
    <label className="block">
      {!quiet && <span className="label">{label}</span>}
      <span className="flex items-center gap-1">
        <input name={name} defaultValue={values[name] ?? ""} inputMode="decimal" className="input w-24" aria-label={quiet ? label : undefined} aria-invalid={errors ? true : undefined} aria-describedby={`${name}-error`} />
        {unit && <span className="text-sm text-stone-600">{unit}</span>}
      </span>
      <FieldError id={name} errors={errors} />
    </label>
  );
}

function Choice({ name, label, values, options, state }: { name: string; label: string; values: Values; options: [string, string][]; state: FormState }) {
  return (
    <label className="block">
      <span className="label">{label}</span>
      <select name={name} defaultValue={values[name]} className="input w-48" aria-describedby={`${name}-error`}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>{text}</option>
        ))}
      </select>
      <FieldError id={name} errors={state.fieldErrors[name]} />
    </label>
  );
}

const AMOUNT_GROUPS: { legend: string; fields: [string, string][] }[] = [
  { legend: "图片稿", fields: [["photoYuan", "单幅图片（每幅）"], ["photoSetYuan", "组图（每组）"], ["photoSetPerPhotoYuan", "组图另加（每幅）"]] },
  { legend: "加发", fields: [["frontPageYuan", "一版"], ["leadYuan", "头条"]] },
];

export function FeeTableForm({ action, values, basedOn, tierRows }: { action: FormAction; values: Values; basedOn: string; tierRows: number }) {
  const { state, pending, onSubmit } = useRulesForm(action);
  const field = (name: string, label: string, unit?: string) => <NumberField key={name} name={name} label={label} values={values} state={state} unit={unit} />;
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="basedOn" value={basedOn} />
      <FormMessage state={state} />
      <fieldset disabled={pending} className="space-y-4">
        <fieldset>
          <legend className="mb-1 font-medium">文字稿（按见报字数）</legend>
          <p className="mb-2 text-xs text-stone-500">每档写字数上限和这一档的稿酬，从少到多；不用的行留空。</p>
          <FieldError id="textTiers" errors={state.fieldErrors.textTiers} />
          <div className="grid max-w-xl grid-cols-[4.5rem_1fr_1fr] items-start gap-x-3 text-sm">
            <span />
            <span className="label">字数上限</span>
            <span className="label">稿酬</span>
            {Array.from({ length: tierRows }, (_, i) => (
              <Fragment key={i}>
                <span className="pt-2 text-stone-600">第 {i + 1} 档</span>
                <NumberField name={`tier${i}Chars`} label={`第 ${i + 1} 档字数上限`} values={values} state={state} unit="字以内" quiet />
                <NumberField name={`tier${i}Yuan`} label={`第 ${i + 1} 档稿酬`} values={values} state={state} unit="元" quiet />
              </Fragment>
            ))}
            <span className="pt-2 text-stone-600">超出部分</span>
            <NumberField name="beyondPer" label="超出部分每多少字" values={values} state={state} unit="字" quiet />
            <NumberField name="beyondYuan" label="超出部分每份稿酬" values={values} state={state} unit="元" quiet />
          </div>
        </fieldset>
        {AMOUNT_GROUPS.map((group) => (
          <fieldset key={group.legend}>
            <legend className="mb-1 font-medium">{group.legend}（元）</legend>
            <div className="flex flex-wrap gap-3">{group.fields.map(([name, label]) => field(name, label, "元"))}</div>
          </fieldset>
        ))}
        <fieldset>
          <legend className="mb-1 font-medium">好稿等级倍数</legend>
          <div className="flex flex-wrap gap-3">{(["A", "B", "C"] as const).map((grade) => field(`grade${grade}`, `${grade} 级`, "倍"))}</div>
          <p className="text-xs text-stone-500">例如 1.5 倍；未评级的稿件按 1 倍。</p>
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="mb-1 font-medium">谁的稿件付稿酬</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="payReprints" defaultChecked={values.payReprints === "on"} />
            转载稿照付稿酬
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="payStaff" defaultChecked={values.payStaff === "on"} />
            本报人员照付稿酬
          </label>
          <Choice name="shared" label="多人署名" values={values} state={state} options={SHARE_RULES.map((rule) => [rule, SHARE_RULE_LABELS[rule]])} />
        </fieldset>
        <button type="submit" className="btn-primary">保存稿酬标准</button>
      </fieldset>
    </form>
  );
}

export function ScoreRulesForm({ action, values, basedOn }: { action: FormAction; values: Values; basedOn: string }) {
  const { state, pending, onSubmit } = useRulesForm(action);
  const field = (name: string, label: string, unit?: string) => <NumberField name={name} label={label} values={values} state={state} unit={unit} />;
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="basedOn" value={basedOn} />
      <FormMessage state={state} />
      <fieldset disabled={pending} className="space-y-4">
        <div className="flex flex-wrap gap-3">
          {field("frontPage", "一版", "倍")}
          {field("lead", "头条", "倍")}
          {field("keyPiece", "重点稿", "倍")}
          {field("brief", "简讯", "倍")}
          {field("briefMaxChars", "简讯字数（以内）", "字")}
        </div>
        <p className="text-xs text-stone-500">每篇见报稿计 1 篇，乘以适用的倍数；简讯倍数填 0 则简讯不计。</p>
        <div className="flex flex-wrap gap-3">
          <Choice name="shared" label="多人署名" values={values} state={state} options={[["SPLIT", "平分"], ["FIRST", "计第一署名人"]]} />
          <Choice name="photos" label="图片稿" values={values} state={state} options={[["PER_SET", "按组（篇）计"], ["PER_PHOTO", "按幅计"]]} />
          {field("excellentMinScore", "评优分数线", "分")}
        </div>
        <button type="submit" className="btn-primary">保存计分办法</button>
      </fieldset>
    </form>
  );
}
