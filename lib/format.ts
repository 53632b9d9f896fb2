// Dates as a Chinese newspaper prints them.
const WEEKDAYS = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

/** "2026-11-26" → "2026年11月26日 星期四" */
export function formatIssueDate(date: string, withWeekday = true): string {
  const [y, m, d] = date.split("-").map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${y}年${m}月${d}日${withWeekday ? ` ${weekday}` : ""}`;
}

/** A moment in Beijing time, e.g. "11月26日 14:05". */
export function formatMoment(at: Date | string): string {
  return new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(new Date(at));
}

export function pageLabel(number: number, name: string): string {
  return `第${number}版：${name}`;
}

export function photoUrl(photoId: string, size: "w480" | "w960" | "w1600" = "w960"): string {
  return `/api/photos/${photoId}/${size}`;
}
