import Link from "next/link";
import { formatIssueDate } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";

type IssueLine = { date: string; number: number; pages: { number: number; name: string }[]; previousDate: string | null; nextDate: string | null };

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
                {pageLabel(p.number)} {p.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
