"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/core/session";
import { runFormAction } from "@/lib/actions/run-form-action";
import type { FormState } from "@/lib/actions/form-state";
import { field } from "@/lib/actions/form-data";
import { createUser, updateUser } from "@/lib/users/mutations";
import { invalid } from "@/lib/core/errors";

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

export async function updateUserAction(_: FormState, form: FormData): Promise<FormState> {
  const result = await runFormAction(async () => {
    const user = await requireUser();
    const what = field(form, "what");
    const userId = field(form, "userId");
    if (what === "role") await updateUser(user, { userId, role: field(form, "role") });
    else if (what === "password") await updateUser(user, { userId, password: field(form, "password") });
    else if (what === "active") await updateUser(user, { userId, active: field(form, "active") === "true" });
    else throw invalid("未知的操作");
    return { message: "已保存，该账号需重新登录" };
  });
  revalidatePath("/desk/admin");
  return result;
}
