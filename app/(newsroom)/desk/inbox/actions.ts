"use server";

import { z } from "zod";
import { deskAction, deskCall, recordId } from "@/lib/actions/desk-action";
import { INBOX_PAGE, markRead } from "@/lib/inbox/queries";

export const markAllReadAction = deskAction(z.object({}), async (_input, user) => ({
  message: `已标为已读 ${await markRead(user)} 条`,
}));

/** Opening the inbox reads what it shows: those entries, and no newer one that arrived meanwhile. */
export const markShownReadAction = deskCall(
  z.tuple([z.array(recordId).max(INBOX_PAGE)]),
  async (user, ids) => {
    await markRead(user, { ids });
  },
  () => undefined,
);
