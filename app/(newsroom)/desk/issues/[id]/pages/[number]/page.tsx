import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/core/session";
import { proofPageView } from "@/lib/issues/proof";
import { PrintedPage } from "@/components/page/PrintedPage";

export const metadata: Metadata = { title: "大样" };

type Props = { params: Promise<{ id: string; number: string }> };

// 大样: the page exactly as readers will get it, before release. Who may see it is decided in
// lib/issues/proof.ts; anyone else gets "not found".
export default async function ProofPage({ params }: Props) {
  const user = await requireUser();
  const { id, number } = await params;
  const view = /^\d{1,2}$/.test(number) ? await proofPageView(user, id, Number(number)) : null;
  if (!view) notFound();
  return <PrintedPage view={view} mode="proof" />;
}
