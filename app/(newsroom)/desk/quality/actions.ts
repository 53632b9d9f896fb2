"use server";

import { z } from "zod";
import { deskAction, recordId } from "@/lib/actions/desk-action";
import { recordPrintedError, voidPrintedError } from "@/lib/quality/errors";

// Thin wrappers: lib/quality checks who may and what the values may be. Each answer goes to the
// month the error counts in (the issue's, not the one on screen), so what was done is in view.

const text = z.string().default("");
const monthOf = (issueDate: string) => `${issueDate.slice(0, 4)}年${Number(issueDate.slice(5, 7))}月`;

export const recordErrorAction = deskAction(
  z.object({ issueDate: text, pageNumber: text, storyId: text, kind: text, source: text, count: text, printed: text, correct: text, note: text }),
  async (input, user) => {
    const { issueDate, pageNumber } = await recordPrintedError(user, input);
    return {
      message: `已登记差错，计入${monthOf(issueDate)}差错率`,
      redirectTo: `/desk/quality?month=${issueDate.slice(0, 7)}&date=${issueDate}&page=${pageNumber}`,
    };
  },
);

export const voidErrorAction = deskAction(z.object({ errorId: recordId, reason: text }), async (input, user) => {
  const { issueDate } = await voidPrintedError(user, input.errorId, input.reason);
  return { message: `已作废，这条差错不再计入${monthOf(issueDate)}差错率`, redirectTo: `/desk/quality?month=${issueDate.slice(0, 7)}` };
});
