"use server";

import { z } from "zod";
import { deskAction } from "@/lib/actions/desk-action";
import { markRead } from "@/lib/inbox/queries";

export const markAllReadAction = deskAction(z.object({}), async (_input, user) => ({
  message: `已标为已读 ${await markRead(user)} 条`,
}));
