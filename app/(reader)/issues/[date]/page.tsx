import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { issueByDate } from "@/lib/reader/queries";
import { publishedPageView } from "@/lib/issues/released-page";
import { IssueBar } from "@/components/reader/IssueBar";
import { headlineOf } from "@/components/page/PageBlocks";
import { formatIssueDate, isRealDay } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";
import { pageFileHref } from "@/lib/page-files/addresses";

// None at build time: each address is rendered on its first visit, then kept (see the reader layout).
export const generateStaticParams = () => [];

type Props = { params: Promise<{ date: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { date } = await params;
  if (!isRealDay(date)) return { title: "找不到这一期" };
  return { title: `${formatIssueDate(date, false)} 报纸`, description: `${formatIssueDate(date)}的各版面与稿件`, alternates: { canonical: `/issues/${date}` } };
}

// One issue: every page with the headlines on it.
export default async function IssuePage({ params }: Props) {
  const { date } = await params;
  const issue = isRealDay(date) ? await issueByDate(date) : null;
  if (!issue) notFound();
  const pages = await Promise.all(issue.pages.map((p) => publishedPageView(issue.date, p.number)));
  return (
    <>
      {/* The page views say which pages have their printed record (thumbnails, PDFs). */}
      <IssueBar issue={{ ...issue, pages: pages.find((v) => v)?.issue.pages ?? issue.pages }} />
      <h1 className="mb-6 font-serif text-2xl font-bold">{formatIssueDate(issue.date)} · 总第{issue.number}期</h1>
      <div className="grid gap-6 md:grid-cols-2">
        {pages.map((view) => {
          if (!view) return null;
          const { page, blocks } = view.layout;
          const stories = blocks.flatMap((b) => (b.type === "story" ? [b] : []));
          const rendered = view.issue.pages.find((p) => p.number === page.number)?.rendered;
          return (
            <section key={page.number} aria-labelledby={`p-${page.number}`} className="flex gap-4 rounded border border-stone-300 bg-white p-4">
              {rendered && (
                <Link href={`/issues/${issue.date}/pages/${page.number}`} className="shrink-0" tabIndex={-1} aria-hidden="true">
                  {/* eslint-disable-next-line @next/next/no-img-element -- a stored page picture with its own cache headers */}
                  <img src={pageFileHref.picture(issue.date, page.number, "thumb")} alt="" width={120} height={168} loading="lazy" className="h-auto w-28 border border-stone-200" />
                </Link>
              )}
              <div className="min-w-0">
              <h2 id={`p-${page.number}`} className="mb-3 font-semibold text-masthead">
                <Link href={`/issues/${issue.date}/pages/${page.number}`} className="hover:underline">
                  {pageLabel(page.number)} · {page.name}
                </Link>
              </h2>
              <ul className="space-y-2">
                {stories.map((s) => (
                  <li key={s.placementId}>
                    <Link href={`/stories/${s.id}`} className={`hover:text-masthead hover:underline ${s.isLead ? "font-serif text-lg font-bold" : ""}`}>
                      {headlineOf(s.story)}
                    </Link>
                    {s.continuedFrom && <span className="ml-2 text-xs text-stone-500">（上接{pageLabel(s.continuedFrom.number)}）</span>}
                  </li>
                ))}
                {stories.length === 0 && <li className="text-sm text-stone-500">本版暂无稿件</li>}
              </ul>
              </div>
            </section>
          );
        })}
      </div>
    </>
  );
}
