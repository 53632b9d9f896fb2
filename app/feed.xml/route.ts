import { latestIssue } from "@/lib/reader/queries";
import { issueCards } from "@/lib/reader/archive";
import { rss } from "@/lib/reader/feeds";
import { PAPER } from "@/lib/paper";
import { formatIssueDate } from "@/lib/core/dates";

// Rendered per request from cached data (lib/reader): a cached answer per address would grow
// with every name a visitor makes up. HTTP caches may keep it (Cache-Control below).
export const dynamic = "force-dynamic";

// RSS of the latest issue, every page in order.
export async function GET() {
  const issue = await latestIssue();
  const items = issue ? await issueCards(issue.date) : [];
  return rss(
    { title: `${PAPER.name}${issue ? ` · ${formatIssueDate(issue.date, false)}` : ""}`, path: "/", description: `${PAPER.name}最新一期` },
    items,
  );
}
