import { redirect } from "next/navigation";
import { latestIssue } from "@/lib/reader/queries";
import { paperDay } from "@/lib/core/dates";

// The calendar opens on the month of the latest issue.
export default async function CalendarHome() {
  const issue = await latestIssue();
  redirect(`/calendar/${(issue?.date ?? paperDay()).slice(0, 7)}`);
}
