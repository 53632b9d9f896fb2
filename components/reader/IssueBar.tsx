import Link from "next/link";
import type { IssueView } from "@/lib/reader/queries";
import { formatIssueDate } from "@/lib/core/dates";

// The issue's date line and its page navigation (版面导航), shown above every page view.
export function IssueBar({ issue, currentPage }: { issue: IssueView; currentPage?: number }) {
  return (
    <div className="mb-6 border-b border-stone-300 pb-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-stone-700">
          <Link href={`/issues/${issue.date}`} className="font-semibold hover:text-masthead">
            {formatIssueDate(issue.date)}
          </Link>
          <span className="ml-3">总第{issue.number}期</span>
        </p>
        <nav aria-label="往期" className="no-print flex gap-3 text-sm">
          {issue.previousDate ? <Link href={`/issues/${issue.previousDate}`} className="hover:text-masthead">上一期</Link> : <span className="text-stone-500">上一期</span>}
          {issue.nextDate ? <Link href={`/issues/${issue.nextDate}`} className="hover:text-masthead">下一期</Link> : <span className="text-stone-500">下一期</span>}
        </nav>
      </div>
      <nav aria-label="版面导航" className="no-print mt-2">
        <ul className="flex flex-wrap gap-2 text-sm">
          {issue.pages.map((p) => (
            <li key={p.number}>
              <Link
                href={`/issues/${issue.date}/pages/${p.number}`}
                aria-current={p.number === currentPage ? "page" : undefined}
                className={`inline-block rounded border px-2 py-1 ${p.number === currentPage ? "border-masthead bg-masthead text-white" : "border-stone-300 bg-white hover:border-masthead"}`}
              >
                第{p.number}版 {p.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
