import Link from "next/link";
import type { ReactNode } from "react";
import type { PageView } from "@/lib/issues/page-view";
import { PAGE_FLAGS } from "@/lib/issues/layout";
import { PAGE_STATUS_LABELS } from "@/lib/issues/labels";

// What the desk reads above a proof and never prints: the page's sign-off state, how full it is,
// what still needs doing, and the way back to the board.
export function ProofBar({ view, actions }: { view: PageView; actions?: ReactNode }) {
  const { page, fill, flags } = view.layout;
  const percent = Math.round((fill.used / fill.capacity) * 100);
  return (
    <div className="no-print mb-4 flex flex-wrap items-center gap-x-4 gap-y-2 rounded border border-stone-300 bg-white p-3 text-sm">
      <Link href={`/desk/issues/${view.issue.id}`} className="text-masthead hover:underline">← 返回版面编排</Link>
      <span className="font-semibold">大样</span>
      <span className="rounded bg-stone-200 px-2 py-0.5" data-testid="page-status">{PAGE_STATUS_LABELS[page.status]}</span>
      <span data-testid="page-fill" className={fill.used > fill.capacity ? "font-semibold text-red-700" : ""}>
        已用 {fill.used.toLocaleString("zh-CN")} / {fill.capacity.toLocaleString("zh-CN")} 字（{percent}%）
      </span>
      {flags.length > 0 && (
        <ul aria-label="本版提示" className="flex flex-wrap gap-1">
          {flags.map((flag) => (
            <li key={flag} className="rounded border border-amber-600 bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900">{PAGE_FLAGS[flag]}</li>
          ))}
        </ul>
      )}
      {/* The page's commands (签版 and the like) go here, passed in by the route. */}
      {actions && <div className="ml-auto flex gap-2">{actions}</div>}
    </div>
  );
}
