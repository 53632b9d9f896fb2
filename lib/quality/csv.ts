import { csvFile } from "@/lib/core/csv";
import { dateToBeijingDateTime } from "@/lib/core/dates";
import { ERROR_KIND_LABELS, ERROR_SOURCE_LABELS } from "@/lib/quality/kinds";
import type { ErrorEntry } from "@/lib/quality/report";

// The month's 差错 log as a CSV file for the quality office's spreadsheet (lib/core/csv.ts).

const HEADER = ["出版日期", "总期号", "版次", "稿件", "差错类型", "来源", "差错数", "见报原文", "应为", "说明", "登记人", "登记时间", "作废"];

export function errorLogCsv(entries: ErrorEntry[]): string {
  const rows = entries.map((e) => [
    e.issueDate,
    e.issueNumber,
    e.page,
    e.headline ?? "",
    ERROR_KIND_LABELS[e.kind],
    ERROR_SOURCE_LABELS[e.source],
    e.voided ? 0 : e.count,
    e.printed,
    e.correct,
    e.note,
    e.recordedBy.name,
    dateToBeijingDateTime(e.recordedAt).replace("T", " "),
    e.voided ? `已作废（${e.voided.by}：${e.voided.reason}）` : "",
  ]);
  return csvFile(HEADER, rows);
}
