import { latestIssue } from "@/lib/reader/queries";
import { issueCards } from "@/lib/reader/archive";
import { rss } from "@/lib/reader/feeds";
import { PAPER } from "@/lib/paper";
import { formatIssueDate } from "@/lib/core/dates";

export const revalidate = 3600;

// RSS of the latest issue, every page in order.
export async function GET() {
  const issue = await latestIssue();
  const items = issue ? await issueCards(issue.date) : [];
  return rss(
    { title: `${PAPER.name}${issue ? ` · ${formatIssueDate(issue.date, false)}` : ""}`, path: "/", description: `${PAPER.name}最新一期` },
    items,
  );
}
