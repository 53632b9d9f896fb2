import { describe, expect, it } from "vitest";
import { errorLogCsv } from "@/lib/quality/csv";
import type { ErrorEntry } from "@/lib/quality/report";

// The 差错 log as the quality office opens it in a spreadsheet: Chinese intact, quotes and line
// breaks inside a cell kept in the cell, a typed "=…" kept as text, a voided entry counting 0.

const entry = (over: Partial<ErrorEntry>): ErrorEntry => ({
  id: "e1",
  issueDate: "2026-11-30",
  issueNumber: 9100,
  page: 3,
  headline: "县城新添三处口袋公园",
  kind: "TEXT",
  source: "READER",
  count: 2,
  printed: "截止目前",
  correct: "截至目前",
  note: "",
  recordedBy: { id: "u1", name: "刘明" },
  recordedAt: new Date("2026-12-01T02:05:00Z"),
  voided: null,
  ...over,
});

describe("the 差错 log as CSV", () => {
  it("starts with a byte-order mark and a header, one CRLF line per entry, every cell quoted", () => {
    const csv = errorLogCsv([entry({})]);
    expect(csv.startsWith("\uFEFF\"出版日期\",\"总期号\",\"版次\"")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(lines[1]).toBe('"2026-11-30","9100","3","县城新添三处口袋公园","文字","读者来信","2","截止目前","截至目前","","刘明","2026-12-01 10:05",""');
  });

  it("keeps quotes and line breaks inside their cell, formulas as text, and counts a voided entry as 0", () => {
    const csv = errorLogCsv([
      entry({ printed: '引号"内"的字', note: "第一行\n第二行", correct: "=HYPERLINK(\"x\")", voided: { at: new Date(), by: "郑总编", reason: "重复登记" } }),
    ]);
    const row = csv.slice(1).split("\r\n")[1];
    expect(row).toContain('"引号""内""的字"');
    expect(row).toContain('"第一行\n第二行"');
    expect(row).toContain('"\'=HYPERLINK(""x"")"');
    expect(row).toContain('"文字","读者来信","0"');
    expect(row.endsWith('"已作废（郑总编：重复登记）"')).toBe(true);
  });
});
