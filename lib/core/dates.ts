// The paper's calendar: days are Beijing days (UTC+8) wherever the server runs, written
// "2026-11-26", and printed the way a Chinese newspaper prints them. One place for all of it.
const BEIJING_OFFSET_MS = 8 * 3600_000;
const WEEKDAYS = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

/** The years a paper's day can fall in; outside them a date is a typo or a probe (Postgres has no year 0). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

/** A calendar day written "2026-11-26" that exists (not 2026-02-30) and lies within the paper's years. */
export function isRealDay(s: string | undefined): s is string {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const year = Number(s.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

// How people write a day in a form: 2026年12月8日, 2026-12-08, 2026/12/8, 2026.12.8, 20261208, with
// full-width digits or spaces too. Year first always: a Chinese newsroom never writes 12/8/2026.
const WRITTEN_DAY = /^(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|(\d{2})(\d{2}))$/u;

/** A day as someone typed it (see WRITTEN_DAY) → "2026-12-08", or undefined when it names no real day. */
export function readPaperDay(typed: string | undefined): string | undefined {
  const m = WRITTEN_DAY.exec((typed ?? "").normalize("NFKC").trim());
  if (!m) return undefined;
  const [month, date] = [m[2] ?? m[4] ?? m[6], m[3] ?? m[5] ?? m[7]];
  const day = `${m[1]}-${month.padStart(2, "0")}-${date.padStart(2, "0")}`;
  return isRealDay(day) ? day : undefined;
}

/** A month written "2026-11" within the paper's years. */
export function isRealMonth(s: string | undefined): s is string {
  return !!s && /^\d{4}-\d{2}$/.test(s) && isRealDay(`${s}-01`);
}

/** The issue dates of a month written "2026-11", as a range on an issue's `date` column. */
export function issueMonthDays(month: string): { gte: Date; lt: Date } {
  return { gte: issueDateFromString(`${month}-01`), lt: issueDateFromString(`${monthAfter(month, 1)}-01`) };
}

/** The month `step` months after "2026-11" (negative: before). */
export function monthAfter(month: string, step: number): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + step, 1)).toISOString().slice(0, 7);
}

/** The paper's date today, or `days` later (negative: earlier), as "2026-11-26". */
export function paperDay(days = 0): string {
  return new Date(Date.now() + BEIJING_OFFSET_MS + days * 86400_000).toISOString().slice(0, 10);
}

/** The moments from the start of Beijing day `from` up to the end of day `to`, for range filters. */
export function paperDayRange(from?: string, to?: string): { gte?: Date; lt?: Date } {
  const start = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS);
  return {
    ...(from ? { gte: start(from) } : {}),
    ...(to ? { lt: new Date(start(to).getTime() + 86400_000) } : {}),
  };
}

/** "2026-11-26" ↔ the Date stored in an issue's `date` column (a calendar day, kept at UTC midnight). */
export function issueDateFromString(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}
export function issueDateToString(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** "2026-11-26" → "2026年11月26日 星期四" */
export function formatIssueDate(date: string, withWeekday = true): string {
  const [y, m, d] = date.split("-").map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${y}年${m}月${d}日${withWeekday ? ` ${weekday}` : ""}`;
}

/** A moment's Beijing day and clock time, whatever the zone of the machine. */
function beijingParts(at: Date | string) {
  const iso = new Date(new Date(at).getTime() + BEIJING_OFFSET_MS).toISOString();
  return { day: iso.slice(0, 10), month: Number(iso.slice(5, 7)), date: Number(iso.slice(8, 10)), time: iso.slice(11, 16) };
}

/** A moment in Beijing time, e.g. "11月26日 14:05" (spelled out: Intl prints "11/26" on some machines). */
export function formatMoment(at: Date | string): string {
  const p = beijingParts(at);
  return `${p.month}月${p.date}日 ${p.time}`;
}

/** A moment as a Beijing clock reads it: "14:05" on the same Beijing day as `now`, else "11月27日 14:05". */
export function formatClockTime(at: Date, now: Date = new Date()): string {
  return beijingParts(at).day === beijingParts(now).day ? beijingParts(at).time : formatMoment(at);
}

const BEIJING_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

// A clock time as people type it: 20:30, 20：30, 20点30, 20时30分, 20:30:15 — 24-hour, as newsrooms keep time.
const WRITTEN_TIME = /(?:^|[\sT日])\s*([01]?\d|2[0-3])\s*[:时点]\s*([0-5]\d)\s*(?:(?::|分)\s*([0-5]\d)\s*秒?|分)?$/u;

/**
 * A moment as typed into a time field ("2026年12月8日 20:30", "2026-12-8 20:30", "2026-12-08T20:30:15",
 * "2026年12月8日20时30分") → "2026-12-08T20:30" (seconds only when given), or undefined.
 */
export function readPaperMoment(typed: string | undefined): string | undefined {
  const text = (typed ?? "").normalize("NFKC").trim();
  const time = WRITTEN_TIME.exec(text);
  if (!time) return undefined;
  // The match begins with what separates day from time: a space or T (not the day's) or 日 (the day's).
  const day = readPaperDay(text.slice(0, time.index + (time[0].startsWith("日") ? 1 : 0)));
  if (!day) return undefined;
  return `${day}T${time[1].padStart(2, "0")}:${time[2]}${time[3] ? `:${time[3]}` : ""}`;
}

/** "2026-12-08T20:30" (seconds optional) as a time field shows it: "2026年12月8日 20:30". */
export function formatPaperMoment(moment: string): string {
  return `${formatIssueDate(moment.slice(0, 10), false)} ${moment.slice(11)}`;
}

/**
 * A Beijing wall-clock time as a form writes it ("2026-11-28T06:30", or with seconds, or as typed:
 * see readPaperMoment) → the moment it names; null when it names no real time. Read as Beijing time whatever the
 * zone of the server or of the browser that sent it.
 */
export function beijingDateTimeToDate(s: string): Date | null {
  const m = BEIJING_DATE_TIME.exec(readPaperMoment(s) ?? "");
  if (!m || !isRealDay(m[1])) return null;
  return new Date(Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? "00"}Z`) - BEIJING_OFFSET_MS);
}

/** A moment as the Beijing wall-clock time a datetime-local field shows: "2026-11-28T06:30" (seconds only when set). */
export function dateToBeijingDateTime(at: Date): string {
  const iso = new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString();
  return iso.slice(17, 19) === "00" ? iso.slice(0, 16) : iso.slice(0, 19);
}

/** A moment in Beijing time with its seconds when it has any: "11月28日 06:30" or "11月28日 06:30:15". */
export function formatMomentExact(at: Date): string {
  const seconds = new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(17, 19);
  return seconds === "00" ? formatMoment(at) : `${formatMoment(at)}:${seconds}`;
}

/** How long something has waited, in the largest whole unit: "刚刚", "25 分钟", "3 小时", "2 天". */
export function formatWait(since: Date, now: Date = new Date()): string {
  const minutes = Math.floor((now.getTime() - since.getTime()) / 60_000);
  if (minutes < 1) return "刚刚";
  if (minutes < 60) return `${minutes} 分钟`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} 小时`;
  return `${Math.floor(minutes / (24 * 60))} 天`;
}

/** The moments of a month of the paper's days (Beijing time), for what happened in it. */
export function paperMonthRange(month: string): { gte: Date; lt: Date } {
  return { gte: paperDayRange(`${month}-01`).gte!, lt: paperDayRange(`${monthAfter(month, 1)}-01`).gte! };
}
