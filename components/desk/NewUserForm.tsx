"use client";

import { useActionState, useEffect, useMemo, useState } from "react";
import { idle, keepingTheForm, type FormAction } from "@/lib/actions/form-state";
import { ROLES, ROLE_LABELS } from "@/lib/core/roles";
import { FieldError, FormMessage } from "@/components/desk/FormMessage";

const EMPTY = { username: "", name: "", affiliation: "", bylineTitle: "本报通讯员", password: "", role: "CORRESPONDENT" };

// Controlled fields: a refused form keeps everything typed; a created account clears it.
export function NewUserForm({ action: createUserAction }: { action: FormAction }) {
  const [state, action, pending] = useActionState(useMemo(() => keepingTheForm(createUserAction), [createUserAction]), idle);
  const [values, setValues] = useState<Record<string, string>>(EMPTY);
  useEffect(() => {
    if (state.ok) setValues(EMPTY);
  }, [state]);
  const e = state.fieldErrors;
  const bind = (name: string) => ({ name, value: values[name], onChange: (ev: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: ev.target.value })) });
  return (
    <form action={action} className="grid gap-3 md:grid-cols-3">
      <div className="md:col-span-3"><FormMessage state={state} /></div>
      {[
        { name: "username", label: "用户名（登录用）", type: "text" },
        { name: "name", label: "姓名", type: "text" },
        { name: "affiliation", label: "单位", type: "text" },
        { name: "bylineTitle", label: "署名身份", type: "text" },
        { name: "password", label: "初始密码（至少 10 位）", type: "password" },
      ].map((f) => (
        <label key={f.name} className="block">
          <span className="label">{f.label}</span>
          <input {...bind(f.name)} type={f.type} className="input" aria-invalid={e[f.name] ? true : undefined} aria-describedby={`${f.name}-error`} />
          <FieldError id={f.name} errors={e[f.name]} />
        </label>
      ))}
      <label className="block">
        <span className="label">角色</span>
        <select {...bind("role")} className="input">
          {ROLES.map((r) => (
            <option key={r} value={r}>{ROLE_LABELS[r]}</option>
          ))}
        </select>
        <FieldError id="role" errors={e.role} />
      </label>
      <div className="md:col-span-3">
        <button type="submit" className="btn-primary" disabled={pending}>创建账号</button>
      </div>
    </form>
  );
}
