import { describe, expect, it } from "vitest";
import { daysEarly, earlyReleaseWarning } from "@/lib/issues/release-timing";

describe("a release before the issue's own date", () => {
  it.each([
    ["2026-12-08", "2026-12-08T06:30", 0], // its morning
    ["2026-12-08", "2026-12-08T23:00", 0],
    ["2026-12-08", "2026-12-09T06:30", 0], // late is not early
    ["2026-12-08", "2026-12-07T22:00", 0], // its eve, for the e-paper read at night
    ["2026-12-08", "2026-12-07T12:00", 0],
    ["2026-12-08", "2026-12-07T11:59", 1], // the morning before: a day picked wrong
    ["2026-12-08", "2026-12-07T06:30", 1],
    ["2026-12-08", "2026-12-05T22:00", 3],
    ["2027-01-01", "2026-12-31T20:00", 0], // across a year's end
    ["2027-03-01", "2027-02-27T08:00", 2], // across February
  ])("issue %s released at %s is %i days early", (issueDate, at, days) => {
    expect(daysEarly(issueDate, at)).toBe(days);
  });

  it("is said with the issue's date, and not at all when on time", () => {
    expect(earlyReleaseWarning("2026-12-08", "2026-12-07T06:30")).toBe("比本期出版日期（2026年12月8日）早 1 天，请确认没有选错日期");
    expect(earlyReleaseWarning("2026-12-08", "2026-12-08T06:30")).toBeNull();
  });
});
