import { describe, expect, it } from "vitest";
import { formatIssueDate } from "@/lib/core/dates";
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
