import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { publishedPageView } from "@/lib/issues/released-page";
import { PrintSheet } from "@/components/page/PrintSheet";
import { isRealDay } from "@/lib/core/dates";
import { siteUrl } from "@/lib/platform/env";
import { pageNumberFrom } from "@/lib/page-files/page-files";
import { pageLabel } from "@/lib/format";

// What the page printer prints: a released page as it ran. Drawn per request (the printer asks
// once per page) from the readers' cached view, so an address asked by anyone costs no more than a
// reader's page; an unreleased or odd address is no page.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ date: string; number: string }> };

async function load(params: Props["params"]) {
  const { date, number } = await params;
  const n = pageNumberFrom(number);
  if (!isRealDay(date) || n === null) return null;
  return publishedPageView(date, n);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await load(params);
  return {
    title: view ? `${view.issue.date} ${pageLabel(view.layout.page.number)} ${view.layout.page.name}` : "找不到这一版",
    robots: { index: false, follow: false },
  };
}

export default async function PrintPageView({ params }: Props) {
  const view = await load(params);
  if (!view) notFound();
  return <PrintSheet view={view} site={siteUrl()} />;
}
