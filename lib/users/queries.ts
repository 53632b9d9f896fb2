import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { forbidden } from "@/lib/core/errors";

/** People who file copy, for the desk's author filter. */
export async function listAuthors(actor: SessionUser) {
  if (!can(actor.role, "desk:review") && !can(actor.role, "account:manage")) throw forbidden();
  return db().user.findMany({ where: { role: { not: "ADMIN" } }, select: { id: true, name: true, username: true }, orderBy: { name: "asc" } });
}

/** Every account, for the administrator. */
export async function listUsers(actor: SessionUser) {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以管理账号");
  return db().user.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    select: { id: true, username: true, name: true, role: true, affiliation: true, bylineTitle: true, active: true },
  });
}
