import { formatIssueDate } from "@/lib/core/dates";

// When an issue reaching readers is early. A daily goes out on its own date or on its eve (from noon
// the day before, for an e-paper read the night before); a time before that is most often a day
// picked wrong in the calendar, so the desk says so. Pure: the panel and the server use it alike.

/** Whole days `beijingDateTime` ("2026-12-07T06:30") lies before the issue's date, 0 from its eve's noon on. */
export function daysEarly(issueDate: string, beijingDateTime: string): number {
  const day = beijingDateTime.slice(0, 10);
  const days = Math.round((Date.parse(`${issueDate}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86400_000);
  if (!(days > 0)) return 0;
  return days === 1 && beijingDateTime.slice(11, 16) >= "12:00" ? 0 : days;
}

/** The words for a release that early, or null when it is on time. */
export function earlyReleaseWarning(issueDate: string, beijingDateTime: string): string | null {
  const days = daysEarly(issueDate, beijingDateTime);
  return days ? `比本期出版日期（${formatIssueDate(issueDate, false)}）早 ${days} 天，请确认没有选错日期` : null;
}
