import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { issueByDate, pageView } from "@/lib/reader/queries";
import { IssueBar } from "@/components/reader/IssueBar";
import { leadText } from "@/lib/stories/body";
import { formatIssueDate, isRealDay } from "@/lib/core/dates";

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
  const pages = await Promise.all(issue.pages.map((p) => pageView(issue.date, p.number)));
  return (
    <>
      <IssueBar issue={issue} />
      <h1 className="mb-6 font-serif text-2xl font-bold">{formatIssueDate(issue.date)} · 总第{issue.number}期</h1>
      <div className="grid gap-6 md:grid-cols-2">
        {pages.map(
          (view) =>
            view && (
              <section key={view.page.number} aria-labelledby={`p-${view.page.number}`} className="rounded border border-stone-300 bg-white p-4">
                <h2 id={`p-${view.page.number}`} className="mb-3 font-semibold text-masthead">
                  <Link href={`/issues/${issue.date}/pages/${view.page.number}`} className="hover:underline">
                    第{view.page.number}版 · {view.page.name}
                  </Link>
                </h2>
                <ul className="space-y-2">
                  {view.stories.map((s) => (
                    <li key={s.id}>
                      <Link href={`/stories/${s.id}`} className={`hover:text-masthead hover:underline ${s.isLead ? "font-serif text-lg font-bold" : ""}`}>
                        {s.headline || `图片新闻：${leadText(s.body, 18)}`}
                      </Link>
                    </li>
                  ))}
                  {view.stories.length === 0 && <li className="text-sm text-stone-500">本版暂无稿件</li>}
                </ul>
              </section>
            ),
        )}
      </div>
    </>
  );
}
