import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { publishedPageView } from "@/lib/issues/released-page";
import { PrintedPage } from "@/components/page/PrintedPage";
import { formatIssueDate, isRealDay } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";
import { pageFileHref } from "@/lib/page-files/addresses";
import { CorrectionNotes } from "@/components/reader/CorrectionNotes";

// None at build time: each address is rendered on its first visit, then kept (see the reader layout).
export const generateStaticParams = () => [];

type Props = { params: Promise<{ date: string; number: string }> };

async function load(params: Props["params"]) {
  const { date, number } = await params;
  if (!isRealDay(date) || !/^\d{1,2}$/.test(number)) return null;
  return publishedPageView(date, Number(number));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await load(params);
  if (!view) return { title: "找不到这一版" };
  const { page, headlines } = view.layout;
  const day = formatIssueDate(view.issue.date, false);
  const lead = headlines.find((h) => h.headline);
  const rendered = view.issue.pages.find((p) => p.number === page.number)?.rendered;
  return {
    // A shared page shows its picture as printed.
    ...(rendered ? { openGraph: { images: [{ url: pageFileHref.picture(view.issue.date, page.number, "large"), alt: `${day}${pageLabel(page.number)} ${page.name}` }] } } : {}),
    title: `${pageLabel(page.number)} ${page.name} · ${day}`,
    description: lead ? `本版头条：${lead.headline}` : `${day}${pageLabel(page.number)}`,
    alternates: { canonical: `/issues/${view.issue.date}/pages/${page.number}` },
  };
}

export default async function IssuePageView({ params }: Props) {
  const view = await load(params);
  if (!view) notFound();
  return (
    <>
      <CorrectionNotes corrections={view.corrections ?? []} />
      <PrintedPage view={view} mode="reader" />
    </>
  );
}
