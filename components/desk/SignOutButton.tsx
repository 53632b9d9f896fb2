"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" className="btn btn-sm" onClick={() => signOut({ callbackUrl: "/login" })}>
      退出登录
    </button>
  );
}
