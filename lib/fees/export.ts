import "server-only";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { csvFile } from "@/lib/core/csv";
import { conflict } from "@/lib/core/errors";
import { dateToBeijingDateTime } from "@/lib/core/dates";
import { yuanPlain } from "@/lib/fees/money";
import type { FeeLineView, FeeMonthView } from "@/lib/fees/ledger";
import type { FeeLineKind } from "@/lib/generated/prisma/enums";

// A closed month for the finance office: a CSV of payees with their totals, and a workbook with
// the payees on one sheet and every line on another. Only closed months are exported (an open
// month is still moving), and the same month exports to the same bytes every time: rows in the
// ledger's one order, the workbook's dates and every zip entry's time set to the close.

export const LINE_KIND_LABELS: Record<FeeLineKind, string> = { PIECE: "稿件", ADJUSTMENT: "更正调整", MANUAL: "人工调整" };

const PAYEE_HEADER = ["收款人", "单位", "篇数", "金额（元）"];
const LINE_HEADER = ["收款人", "单位", "类别", "出版日期", "版次", "稿件标题（见报）", "金额（元）", "计算", "原因"];

function closedOf(view: FeeMonthView): { at: Date; by: string } {
  if (!view.closed) throw conflict(`${view.month} 还没有结算，结算后才能导出`);
  return view.closed;
}

function lineRow(l: FeeLineView): (string | number)[] {
  return [l.payeeName, l.unitName, LINE_KIND_LABELS[l.kind], l.issueDate ?? "", l.pageNumber ?? "", l.headline, yuanPlain(l.amountFen), l.formula, l.reason];
}

export function feeMonthCsv(view: FeeMonthView): string {
  closedOf(view);
  const rows = view.payees.map((p) => [p.payeeName, p.unitName, p.pieces, yuanPlain(p.amountFen)]);
  return csvFile(PAYEE_HEADER, [...rows, ["合计", "", view.payees.reduce((s, p) => s + p.pieces, 0), yuanPlain(view.totalFen)]]);
}

export async function feeMonthXlsx(view: FeeMonthView, paperName: string): Promise<Buffer> {
  const closed = closedOf(view);
  const book = new ExcelJS.Workbook();
  book.creator = paperName;
  book.lastModifiedBy = closed.by;
  book.created = closed.at;
  book.modified = closed.at;
  book.title = `${paperName} ${view.month} 稿酬结算`;

  const payees = book.addWorksheet("收款人汇总");
  payees.columns = [{ width: 14 }, { width: 26 }, { width: 8 }, { width: 14 }];
  payees.addRow([`${paperName} ${view.month} 稿酬（${closed.by} 结算于 ${dateToBeijingDateTime(closed.at).replace("T", " ")}）`]);
  payees.addRow(PAYEE_HEADER).font = { bold: true };
  for (const p of view.payees) payees.addRow([p.payeeName, p.unitName, p.pieces, p.amountFen / 100]);
  const total = payees.addRow(["合计", "", view.payees.reduce((s, p) => s + p.pieces, 0), view.totalFen / 100]);
  total.font = { bold: true };
  payees.getColumn(4).numFmt = "#,##0.00";

  const lines = book.addWorksheet("稿酬明细");
  lines.columns = [{ width: 12 }, { width: 22 }, { width: 10 }, { width: 12 }, { width: 6 }, { width: 36 }, { width: 12 }, { width: 48 }, { width: 24 }];
  lines.addRow(LINE_HEADER).font = { bold: true };
  for (const l of view.lines) {
    const row = lineRow(l);
    row[6] = l.amountFen / 100;
    lines.addRow(row);
  }
  lines.getColumn(7).numFmt = "#,##0.00";

  const written = Buffer.from(await book.xlsx.writeBuffer());
  return await steadyZip(written, closed.at);
}

/** The same archive with every entry stamped `at`, so two exports of one month are the same bytes. */
async function steadyZip(bytes: Buffer, at: Date): Promise<Buffer> {
  const source = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const name of Object.keys(source.files).sort()) {
    const entry = source.files[name];
    if (entry.dir) continue;
    out.file(name, await entry.async("uint8array"), { date: at, createFolders: false });
  }
  return out.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
}
