"use server";

import { z } from "zod";
import { deskAction, recordId } from "@/lib/actions/desk-action";
import { recordPrintedError, voidPrintedError } from "@/lib/quality/errors";

// Thin wrappers: lib/quality checks who may and what the values may be.

const text = z.string().default("");

export const recordErrorAction = deskAction(
  z.object({ issueDate: text, pageNumber: text, storyId: text, kind: text, source: text, count: text, printed: text, correct: text, note: text }),
  async (input, user) => {
    await recordPrintedError(user, input);
    return { message: "已登记差错，已计入当月差错率" };
  },
);

export const voidErrorAction = deskAction(z.object({ errorId: recordId, reason: text }), async (input, user) => {
  await voidPrintedError(user, input.errorId, input.reason);
  return { message: "已作废，这条差错不再计入差错率" };
});
