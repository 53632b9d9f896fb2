import { describe, expect, it } from "vitest";
import { deadlineDistance, deadlineMoment, deadlineState, pageDeadlines } from "@/lib/issues/deadlines";

// Deadlines in Beijing time, as a night desk reads them: written out by hand below, not computed.

describe("a page's deadlines", () => {
  it("fall on the eve of the issue for times at or after the release time, on its own date before it", () => {
    const cases: [issueDate: string, time: string, releaseTime: string, beijing: string][] = [
      ["2026-12-08", "20:00", "00:00", "2026-12-07T20:00"],
      ["2026-12-08", "23:30", "06:00", "2026-12-07T23:30"],
      ["2026-12-08", "01:30", "06:00", "2026-12-08T01:30"],
      ["2026-12-08", "06:00", "06:00", "2026-12-07T06:00"],
      ["2027-01-01", "22:00", "00:00", "2026-12-31T22:00"],
      ["2028-03-01", "21:00", "00:00", "2028-02-29T21:00"],
    ];
    for (const [issueDate, time, releaseTime, beijing] of cases) {
      const at = deadlineMoment(issueDate, time, releaseTime);
      expect(new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16), `${issueDate} ${time} / ${releaseTime}`).toBe(beijing);
    }
  });

  it("are on time, then a warning within the minutes set, then overdue; done whenever met", () => {
    const { sign, warnMinutes } = pageDeadlines("2026-12-08", { copy: "20:00", sign: "23:00", warnMinutes: 30, releaseTime: "00:00" });
    const at = (beijing: string) => new Date(`${beijing}:00+08:00`);
    expect(deadlineState(at("2026-12-07T22:29"), sign, warnMinutes, false)).toBe("on_time");
    expect(deadlineState(at("2026-12-07T22:30"), sign, warnMinutes, false)).toBe("warning");
    expect(deadlineState(at("2026-12-07T23:00"), sign, warnMinutes, false)).toBe("warning");
    expect(deadlineState(at("2026-12-07T23:01"), sign, warnMinutes, false)).toBe("overdue");
    expect(deadlineState(at("2026-12-08T03:00"), sign, warnMinutes, true)).toBe("done");
    expect(deadlineDistance(at("2026-12-07T22:35"), sign)).toBe("还有 25 分钟");
    expect(deadlineDistance(at("2026-12-08T00:05"), sign)).toBe("超时 1 小时 5 分钟");
    expect(deadlineDistance(at("2026-12-08T01:00"), sign)).toBe("超时 2 小时");
  });
});
