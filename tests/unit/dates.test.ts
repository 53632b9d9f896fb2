import { describe, expect, it } from "vitest";
import { beijingDateTimeToDate, formatIssueDate, formatPaperMoment, readPaperDay, readPaperMoment } from "@/lib/core/dates";
import { formatLunarDate } from "@/lib/core/lunar-date";

// The masthead's dates. The lunar rows are festivals whose Gregorian dates are public record
// (Spring Festival, Dragon Boat, Mid-Autumn), plus the turn of a year and a leap month.
describe("the masthead's calendar", () => {
  it.each([
    ["2026-02-17", "农历丙午年正月初一"], // Spring Festival 2026
    ["2026-02-16", "农历乙巳年腊月廿九"], // New Year's Eve of that year: still 乙巳
    ["2025-01-29", "农历乙巳年正月初一"], // Spring Festival 2025
    ["2024-02-10", "农历甲辰年正月初一"], // Spring Festival 2024
    ["2026-06-19", "农历丙午年五月初五"], // Dragon Boat Festival 2026
    ["2026-09-25", "农历丙午年八月十五"], // Mid-Autumn Festival 2026
    ["2025-07-25", "农历乙巳年闰六月初一"], // 2025's leap sixth month begins
    ["2025-12-20", "农历乙巳年冬月初一"],
    ["2026-11-27", "农历丙午年十月十九"],
  ])("%s is %s", (date, lunar) => {
    expect(formatLunarDate(date)).toBe(lunar);
  });

  it("prints the Gregorian date with its weekday", () => {
    expect(formatIssueDate("2026-02-17")).toBe("2026年2月17日 星期二");
    expect(formatIssueDate("2026-11-27", false)).toBe("2026年11月27日");
  });
});

// Date fields take the day as people type it in a newsroom, year first, and the server reads the same.
describe("a day as typed into a date field", () => {
  it.each([
    ["2026年12月8日", "2026-12-08"],
    ["2026年12月8", "2026-12-08"],
    [" 2026 年 12 月 08 日 ", "2026-12-08"],
    ["２０２６年１２月８日", "2026-12-08"],
    ["2026-12-08", "2026-12-08"],
    ["2026-12-8", "2026-12-08"],
    ["2026/12/8", "2026-12-08"],
    ["2026.12.8", "2026-12-08"],
    ["20261208", "2026-12-08"],
    ["2024年2月29日", "2024-02-29"],
  ])("%s is %s", (typed, day) => {
    expect(readPaperDay(typed)).toBe(day);
  });

  it.each([["2026年2月30日"], ["2025-02-29"], ["12/08/2026"], ["08.12.2026"], ["2026年13月1日"], ["0000-01-01"], ["明天"], [""], ["2026-12-08T00:00"]])("%s is no day", (typed) => {
    expect(readPaperDay(typed)).toBeUndefined();
  });
});

// Release and deadline fields take a day and a 24-hour time as people type them, and the server reads the same.
describe("a moment as typed into a time field", () => {
  it.each([
    ["2026年12月8日 20:30", "2026-12-08T20:30"],
    ["2026年12月8日20时30分", "2026-12-08T20:30"],
    ["2026年12月8日 20点30", "2026-12-08T20:30"],
    ["２０２６年１２月８日 ２０：３０", "2026-12-08T20:30"],
    ["2026-12-8 8:05", "2026-12-08T08:05"],
    ["2026/12/8 20:30", "2026-12-08T20:30"],
    ["20261208 20:30", "2026-12-08T20:30"],
    ["2026-12-08T20:30", "2026-12-08T20:30"],
    ["2026-12-08T20:30:15", "2026-12-08T20:30:15"],
    ["2026年12月8日 20:30:15", "2026-12-08T20:30:15"],
  ])("%s is %s", (typed, moment) => {
    expect(readPaperMoment(typed)).toBe(moment);
  });

  it.each([["2026-12-08"], ["20:30"], ["12/08/2026 20:30"], ["2026-12-08 24:00"], ["2026-12-08 8:5"], ["2026-02-30 10:00"], ["2026-12-08 8:30 PM"], [""]])("%s is no moment", (typed) => {
    expect(readPaperMoment(typed)).toBeUndefined();
  });

  it("is shown the paper's way and read back as the same Beijing moment", () => {
    expect(formatPaperMoment("2026-12-08T20:30")).toBe("2026年12月8日 20:30");
    expect(readPaperMoment(formatPaperMoment("2026-12-08T06:05:09"))).toBe("2026-12-08T06:05:09");
    expect(beijingDateTimeToDate("2026年12月8日 20:30")?.toISOString()).toBe("2026-12-08T12:30:00.000Z");
  });
});
