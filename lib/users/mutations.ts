import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit";
import { forbidden, invalid } from "@/lib/errors";
import { newUserInput } from "@/lib/validation/user";
import { fieldErrorsOf } from "@/lib/validation/story";
import { Prisma } from "@/lib/generated/prisma/client";

// No self sign-up: accounts are created by an administrator.
export async function createUser(actor: SessionUser, input: unknown): Promise<{ id: string }> {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以创建账号");
  const parsed = newUserInput.safeParse(input);
  if (!parsed.success) throw invalid("请检查账号信息", fieldErrorsOf(parsed.error));
  const { password, ...data } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { ...data, passwordHash }, select: { id: true } });
      await recordAudit(tx, { actorId: actor.id, action: "user.create", targetType: "user", targetId: user.id, summary: { username: data.username, role: data.role } });
      return user;
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw invalid("用户名已被使用", { username: ["该用户名已存在"] });
    }
    throw e;
  }
}
