"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { signInRefusalMessage } from "@/lib/auth/signin-refusal";

export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError("请输入用户名和密码");
      return;
    }
    setPending(true);
    setError("");
    const result = await signIn("credentials", { username, password, redirect: false });
    if (!result || result.error) {
      setPending(false);
      setError(signInRefusalMessage(result?.error));
      return;
    }
    window.location.assign(next);
  }

  return (
    <form onSubmit={submit} className="space-y-4 rounded border border-stone-300 bg-white p-6" noValidate>
      <label className="block">
        <span className="label">用户名</span>
        <input name="username" autoComplete="username" className="input" autoFocus required />
      </label>
      <label className="block">
        <span className="label">密码</span>
        <input name="password" type="password" autoComplete="current-password" className="input" required />
      </label>
      <p role="alert" className="min-h-5 text-sm text-red-700">{error}</p>
      <button type="submit" className="btn-primary w-full justify-center" disabled={pending}>
        {pending ? "正在登录…" : "登录"}
      </button>
    </form>
  );
}
