"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/core/session";
import { markRead } from "@/lib/inbox/queries";
import { runFormAction } from "@/lib/actions/run-form-action";
import type { FormState } from "@/lib/actions/form-state";

export async function markAllReadAction(_: FormState): Promise<FormState> {
  const result = await runFormAction(async () => ({ message: `已标为已读 ${await markRead(await requireUser())} 条` }));
  revalidatePath("/desk", "layout");
  return result;
}
