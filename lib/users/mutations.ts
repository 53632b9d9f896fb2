import "server-only";
import { ensureAccountContributor } from "@/lib/contributors/credits";
import { db, isUniqueViolation } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can, ROLES } from "@/lib/core/roles";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/core/audit";
import { forbidden, invalid } from "@/lib/core/errors";
import { newUserInput } from "@/lib/validation/user";
import { fieldErrorsOf } from "@/lib/stories/schema";

// No self sign-up: accounts are created by an administrator.
export async function createUser(actor: SessionUser, input: unknown): Promise<{ id: string }> {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以创建账号");
  const parsed = newUserInput.safeParse(input);
  if (!parsed.success) throw invalid("请检查账号信息", fieldErrorsOf(parsed.error));
  const { password, ...data } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { ...data, passwordHash }, select: { id: true, username: true, name: true, affiliation: true } });
      // Their byline credits them as a person from the first story on.
      await ensureAccountContributor(tx, user);
      await recordAudit(tx, { actorId: actor.id, action: "user.create", targetType: "user", targetId: user.id, summary: { username: data.username, role: data.role } });
      return user;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw invalid("用户名已被使用", { username: ["该用户名已存在"] });
    }
    throw e;
  }
}

const userAdminInput = z.object({
  userId: z.string().min(1).max(40),
  role: z.enum(ROLES, { message: "请选择角色" }).optional(),
  password: z.string().min(10, { message: "密码至少 10 个字符" }).max(200, { message: "密码太长" }).optional(),
  active: z.boolean().optional(),
});

/**
 * An administrator changes an account: its role, its password, or whether it may sign in.
 * Each change ends the account's open sessions, so it takes effect at once; an administrator
 * cannot lock themselves out.
 */
export async function updateUser(actor: SessionUser, input: unknown): Promise<void> {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以修改账号");
  const parsed = userAdminInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0].message, fieldErrorsOf(parsed.error));
  const { userId, role, password, active } = parsed.data;
  if (userId === actor.id && (active === false || (role && role !== actor.role))) throw invalid("不能停用自己的账号或改变自己的角色");
  const passwordHash = password ? await hashPassword(password) : undefined;
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, username: true, role: true, active: true } });
    if (!user) throw invalid("找不到这个账号");
    await tx.user.update({ where: { id: userId }, data: { ...(role ? { role } : {}), ...(passwordHash ? { passwordHash } : {}), ...(active === undefined ? {} : { active }) } });
    const ended = await tx.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.update",
      targetType: "user",
      targetId: userId,
      summary: {
        username: user.username,
        ...(role ? { role: { from: user.role, to: role } } : {}),
        ...(passwordHash ? { password: "reset" } : {}),
        ...(active === undefined ? {} : { active: { from: user.active, to: active } }),
        sessionsEnded: ended.count,
      },
    });
  });
}
