import { redirect } from "next/navigation";
import { latestIssue } from "@/lib/reader/queries";

export const revalidate = 3600;

// The calendar opens on the month of the latest issue.
export default async function CalendarHome() {
  const issue = await latestIssue();
  redirect(`/calendar/${(issue?.date ?? new Date(Date.now() + 8 * 3600_000).toISOString()).slice(0, 7)}`);
}
