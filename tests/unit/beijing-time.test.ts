import { describe, expect, it } from "vitest";
import { beijingDateTimeToDate, dateToBeijingDateTime, formatMomentExact } from "@/lib/core/dates";

// A release time is typed and shown as Beijing wall-clock time, whatever the zone of the machine.
describe("Beijing date-times as a datetime-local field writes them", () => {
  it.each([
    ["2026-11-28T06:30", "2026-11-27T22:30:00.000Z"],
    ["2026-11-28T06:30:15", "2026-11-27T22:30:15.000Z"],
    ["2026-01-01T00:00", "2025-12-31T16:00:00.000Z"],
    ["2024-02-29T23:59:59", "2024-02-29T15:59:59.000Z"],
  ])("%s is %s", (wall, iso) => {
    expect(beijingDateTimeToDate(wall)?.toISOString()).toBe(iso);
    expect(dateToBeijingDateTime(new Date(iso))).toBe(wall);
  });

  // "2026-11-28 06:30" is a moment as typed (readPaperMoment, tests/unit/dates.test.ts), read too.
  it.each(["", "2026-11-28", "2026-02-30T06:30", "2026-11-28T24:00", "2026-11-28T06:60", "0000-01-01T00:00", "2026-11-28T06:30Z", "2026-11-28T06:30:00.000"])(
    "%j names no time",
    (s) => expect(beijingDateTimeToDate(s)).toBeNull(),
  );

  it("prints seconds only when there are some", () => {
    expect(formatMomentExact(new Date("2026-11-27T22:30:00.000Z"))).toBe("11月28日 06:30");
    expect(formatMomentExact(new Date("2026-11-27T22:30:07.000Z"))).toBe("11月28日 06:30:07");
  });
});
