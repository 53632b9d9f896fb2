// A page's 截稿 (its copy in) and 签版 (signed by the chief editor) deadlines, from the paper's usual
// times. A daily is made the evening before it goes out: a time at or after the release time falls on
// the eve of the issue's date, one before it on the date itself (签版 01:30 for a 06:00 release).
// Pure: the server works out the moments, the board tells the state against its own clock.

export type DeadlineTimes = { copy: string; sign: string; warnMinutes: number; releaseTime: string };
/** The two moments as ISO strings, and how long before each the board warns. */
export type PageDeadlines = { copy: string; sign: string; warnMinutes: number };
export type DeadlineState = "done" | "on_time" | "warning" | "overdue";

const BEIJING = "+08:00";

/** The moment a deadline "HH:MM" falls at for the issue of `issueDate` ("2026-12-08"). */
export function deadlineMoment(issueDate: string, time: string, releaseTime: string): Date {
  const onDate = new Date(`${issueDate}T${time}:00${BEIJING}`);
  return time < releaseTime ? onDate : new Date(onDate.getTime() - 86400_000);
}

export function pageDeadlines(issueDate: string, times: DeadlineTimes): PageDeadlines {
  return {
    copy: deadlineMoment(issueDate, times.copy, times.releaseTime).toISOString(),
    sign: deadlineMoment(issueDate, times.sign, times.releaseTime).toISOString(),
    warnMinutes: times.warnMinutes,
  };
}

/** Where a page stands against one deadline at `now`; `met` when what it asks is done. */
export function deadlineState(now: Date, deadline: string, warnMinutes: number, met: boolean): DeadlineState {
  if (met) return "done";
  const left = Date.parse(deadline) - now.getTime();
  if (left < 0) return "overdue";
  return left <= warnMinutes * 60_000 ? "warning" : "on_time";
}

/** "还有 25 分钟" / "超时 1 小时 5 分钟": minutes to or past a deadline, as the board says them. */
export function deadlineDistance(now: Date, deadline: string): string {
  const minutes = Math.floor(Math.abs(Date.parse(deadline) - now.getTime()) / 60_000);
  const spoken = minutes >= 60 ? `${Math.floor(minutes / 60)} 小时${minutes % 60 ? ` ${minutes % 60} 分钟` : ""}` : `${minutes} 分钟`;
  return Date.parse(deadline) >= now.getTime() ? `还有 ${spoken}` : `超时 ${spoken}`;
}
