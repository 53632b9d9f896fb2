import { z } from "zod";
import { ROLES } from "@/lib/core/roles";
import { typedText } from "@/lib/validation/text";

/** A username as accounts are made; anything else names nobody. */
export const USERNAME = /^[a-z0-9_.-]{3,32}$/;
/** A contributor's page address: their account's username, or p-<hex> for someone without an account. */
export const CONTRIBUTOR_SLUG = USERNAME;

export const newUserInput = z.object({
  username: z
    .string()
    .trim()
    .min(3, { message: "用户名至少 3 个字符" })
    .max(32, { message: "用户名不能超过 32 个字符" })
    .regex(/^[a-z0-9_.-]+$/, { message: "用户名只能包含小写字母、数字、下划线、点和短横线" }),
  name: typedText({ max: 20, what: "姓名", min: 1 }),
  role: z.enum(ROLES, { message: "请选择角色" }),
  affiliation: typedText({ max: 60, what: "单位" }),
  bylineTitle: typedText({ max: 20, what: "署名身份", min: 1, minMessage: "请填写署名身份，例如“本报通讯员”" }),
  password: z.string().min(10, { message: "密码至少 10 个字符" }).max(200, { message: "密码太长" }),
});
export type NewUserInput = z.infer<typeof newUserInput>;
