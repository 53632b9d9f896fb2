// npm run fees:export -- <YYYY-MM> <out.xlsx | out.csv>
// Writes a closed month's 稿酬 for the finance office, the same file the desk's export gives (and
// the same bytes each time): .xlsx with the payees and every line, .csv with the payees.
import { writeFileSync } from "node:fs";
import { closedFeeMonthForExport } from "@/lib/fees/ledger";
import { feeMonthCsv, feeMonthXlsx } from "@/lib/fees/export";
import { paperProfile } from "@/lib/issues/paper-profile";
import { DomainError } from "@/lib/core/errors";
import { yuan } from "@/lib/fees/money";

const USAGE = "usage: npm run fees:export -- <月份，如 2026-11> <文件.xlsx 或 文件.csv>";

async function main() {
  const [month, out] = process.argv.slice(2);
  if (!month || !out || !/\.(xlsx|csv)$/i.test(out)) {
    console.error(USAGE);
    process.exit(2);
  }
  try {
    const view = await closedFeeMonthForExport(month);
    const bytes = /\.xlsx$/i.test(out) ? await feeMonthXlsx(view, (await paperProfile()).name) : Buffer.from(feeMonthCsv(view), "utf8");
    writeFileSync(out, bytes);
    console.log(`${month}：${view.payees.length} 位收款人，${view.lines.length} 条明细，合计 ${yuan(view.totalFen)} → ${out}`);
  } catch (e) {
    if (e instanceof DomainError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  process.exit(0);
}

void main();
