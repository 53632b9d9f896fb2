import "server-only";
import { Solar } from "lunar-javascript";

// The paper's calendar, lunar side (the Gregorian side is dates.ts): kept apart so that the 300 KB
// calendar library stays on the server.

/** "2026-11-27" → "农历丙午年十月十九", as the masthead prints it (the year's 干支 turns at 正月初一, leap months read 闰六月). */
export function formatLunarDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const lunar = Solar.fromYmd(y, m, d).getLunar();
  return `农历${lunar.getYearInGanZhi()}年${lunar.getMonthInChinese()}月${lunar.getDayInChinese()}`;
}
