import type { IssueNav } from "@/lib/issues/page-view";

// Where a printed page's links lead: the reader's e-paper, or the desk's proofs and stories. A
// miniature leads nowhere (the board around it is what readers of it click).
export type PageMode = "reader" | "proof" | "miniature";
export type PageLinks = { story: (id: string) => string; page: (number: number) => string; issue: string } | null;

export function pageLinks(mode: PageMode, issue: Pick<IssueNav, "id" | "date">): PageLinks {
  if (mode === "reader") return { story: (id) => `/stories/${id}`, page: (n) => `/issues/${issue.date}/pages/${n}`, issue: `/issues/${issue.date}` };
  if (mode === "proof") return { story: (id) => `/desk/stories/${id}`, page: (n) => `/desk/issues/${issue.id}/pages/${n}`, issue: `/desk/issues/${issue.id}` };
  return null;
}
