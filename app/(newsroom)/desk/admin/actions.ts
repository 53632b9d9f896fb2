"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runFormAction } from "@/lib/actions/run-form-action";
import type { FormState } from "@/lib/actions/form-state";
import { field } from "@/lib/actions/form-data";
import { createUser } from "@/lib/users/mutations";

export async function createUserAction(_: FormState, form: FormData): Promise<FormState> {
  const result = await runFormAction(async () => {
    const user = await requireUser();
    const names = ["username", "name", "role", "affiliation", "bylineTitle", "password"] as const;
    await createUser(user, Object.fromEntries(names.map((n) => [n, field(form, n)])));
    return { message: `已创建账号 ${field(form, "username")}` };
  });
  revalidatePath("/desk/admin");
  return result;
}
