import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { pageView } from "@/lib/reader/queries";
import { PageLayout } from "@/components/reader/PageLayout";
import { formatIssueDate, isRealDay } from "@/lib/core/dates";

type Props = { params: Promise<{ date: string; number: string }> };

async function load(params: Props["params"]) {
  const { date, number } = await params;
  if (!isRealDay(date) || !/^\d{1,2}$/.test(number)) return null;
  return pageView(date, Number(number));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await load(params);
  if (!view) return { title: "找不到这一版" };
  const lead = view.stories[0];
  return {
    title: `第${view.page.number}版 ${view.page.name} · ${formatIssueDate(view.issue.date, false)}`,
    description: lead ? `本版头条：${lead.headline}` : `${formatIssueDate(view.issue.date, false)}第${view.page.number}版`,
    alternates: { canonical: `/issues/${view.issue.date}/pages/${view.page.number}` },
  };
}

export default async function IssuePageView({ params }: Props) {
  const view = await load(params);
  if (!view) notFound();
  return <PageLayout view={view} />;
}
