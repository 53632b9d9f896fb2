import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/desk/LoginForm";
import { currentUser } from "@/lib/core/session";
import { PAPER } from "@/lib/paper";
import { localPath } from "@/lib/core/redirects";
import { siteUrl } from "@/lib/platform/env";

export const metadata: Metadata = { title: "登录采编系统" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths are followed after sign-in: the URL parser decides, as the browser will.
  const next = localPath(callbackUrl, { origin: siteUrl() });
  if (await currentUser()) redirect(next);
  return (
    <main className="mx-auto mt-24 max-w-sm px-4">
      <h1 className="mb-1 text-center font-serif text-3xl font-black tracking-widest text-masthead">{PAPER.name}</h1>
      <p className="mb-8 text-center text-sm text-stone-600">采编系统登录</p>
      <LoginForm next={next} />
    </main>
  );
}
