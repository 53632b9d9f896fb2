import Link from "next/link";
import { latestIssue } from "@/lib/reader/queries";
import { publishedPageView } from "@/lib/issues/released-page";
import { PrintedPage } from "@/components/page/PrintedPage";
import { PAPER } from "@/lib/paper";

// The latest published issue's first page, like opening the day's paper.
export const metadata = { alternates: { canonical: "/" } };

export default async function HomePage() {
  const issue = await latestIssue();
  const first = issue?.pages[0];
  const view = issue && first ? await publishedPageView(issue.date, first.number) : null;
  if (!view) {
    return (
      <div className="py-20 text-center text-stone-600">
        <h1 className="mb-2 font-serif text-2xl">{PAPER.name}</h1>
        <p>还没有出版的报纸。</p>
        <Link href="/desk" className="mt-4 inline-block text-masthead underline">进入采编系统</Link>
      </div>
    );
  }
  return <PrintedPage view={view} mode="reader" />;
}
