"use server";

import { z } from "zod";
import { deskAction, recordId } from "@/lib/actions/desk-action";
import { invalid } from "@/lib/core/errors";
import { addManualFeeLine, closeFeeMonth } from "@/lib/fees/ledger";
import { parseYuan, yuan } from "@/lib/fees/money";

// Thin wrappers: lib/fees checks who may and what the values may be.

const month = z.string();

export const closeMonthAction = deskAction(z.object({ month }), async (input, user) => {
  const { lines, totalFen } = await closeFeeMonth(user, input.month);
  return { message: `${input.month} 已结算：${lines} 条，合计 ${yuan(totalFen)}`, redirectTo: `/desk/fees?month=${input.month}` };
});

export const manualLineAction = deskAction(z.object({ month, contributorId: recordId, amount: z.string().default(""), reason: z.string().default("") }), async (input, user) => {
  const amountFen = parseYuan(input.amount);
  if (amountFen === null) throw invalid("调整金额写法：12.50 或 -12.50（元）", { amount: ["调整金额写法：12.50 或 -12.50（元）"] });
  await addManualFeeLine(user, { month: input.month, contributorId: input.contributorId, amountFen, reason: input.reason });
  return { message: `已记入 ${input.month}：${yuan(amountFen)}`, redirectTo: `/desk/fees?month=${input.month}` };
});
