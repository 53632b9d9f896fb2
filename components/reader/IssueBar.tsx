import Link from "next/link";
import { formatIssueDate } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";
import { pageFileHref } from "@/lib/page-files/addresses";

/** `rendered`: the page's printed record is there (a released page): the strip shows its picture, the bar its PDF. */
type IssueLine = { date: string; number: number; pages: { number: number; name: string; rendered?: boolean }[]; previousDate: string | null; nextDate: string | null };

// The issue's date line and its page navigation (版面导航), shown above every page view. On the
// desk's proofs the same bar leads to the other proofs and back to the board, without 往期.
export function IssueBar({
  issue,
  currentPage,
  issueHref = `/issues/${issue.date}`,
  pageHref = (n) => `/issues/${issue.date}/pages/${n}`,
  archive = true,
}: {
  issue: IssueLine;
  currentPage?: number;
  issueHref?: string;
  pageHref?: (number: number) => string;
  archive?: boolean;
}) {
  // Files are readers' only: the desk's proofs have none, and the strip stays text there.
  const current = archive ? issue.pages.find((p) => p.number === currentPage) : undefined;
  const everyPage = archive && issue.pages.length > 0 && issue.pages.every((p) => p.rendered);
  return (
    <div className="no-print mb-6 border-b border-stone-300 pb-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-stone-700">
          <Link href={issueHref} className="font-semibold hover:text-masthead">
            {formatIssueDate(issue.date)}
          </Link>
          <span className="ml-3">总第{issue.number}期</span>
        </p>
        {archive && (
          <nav aria-label="往期" className="flex gap-3 text-sm">
            {issue.previousDate ? <Link href={`/issues/${issue.previousDate}`} className="hover:text-masthead">上一期</Link> : <span className="text-stone-500">上一期</span>}
            {issue.nextDate ? <Link href={`/issues/${issue.nextDate}`} className="hover:text-masthead">下一期</Link> : <span className="text-stone-500">下一期</span>}
          </nav>
        )}
      </div>
      <nav aria-label="版面导航" className="mt-2">
        <ul className="flex flex-wrap gap-2 text-sm">
          {issue.pages.map((p) => (
            <li key={p.number}>
              <Link
                href={pageHref(p.number)}
                aria-current={p.number === currentPage ? "page" : undefined}
                className={`inline-block rounded border px-2 py-1 ${p.number === currentPage ? "border-masthead bg-masthead text-white" : "border-stone-300 bg-white hover:border-masthead"}`}
              >
                {archive && p.rendered && (
                  // eslint-disable-next-line @next/next/no-img-element -- a stored picture of fixed size, served with its own cache headers
                  <img src={pageFileHref.picture(issue.date, p.number, "thumb")} alt="" width={60} height={84} loading="lazy" className="page-thumb mb-1 block h-auto w-14 border border-stone-200 bg-white" />
                )}
                {pageLabel(p.number)} {p.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {(current?.rendered || everyPage) && (
        <p className="mt-2 flex flex-wrap gap-4 text-sm">
          {current?.rendered && (
            <a href={pageFileHref.pdf(issue.date, current.number)} download className="text-masthead underline">下载本版 PDF</a>
          )}
          {everyPage && (
            <a href={pageFileHref.issuePdf(issue.date)} download className="text-masthead underline">下载本期合订 PDF</a>
          )}
        </p>
      )}
    </div>
  );
}
