import "server-only";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { forbidden } from "@/lib/core/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { paperDayRange } from "@/lib/core/dates";
import { filterText, dayFilter } from "@/lib/validation/text";
import { RECORD_ID } from "@/lib/core/ids";

// Reading the audit log: administrators only, newest first, filtered, paged by event id.
export const AUDIT_PAGE_SIZE = 50;

export const auditFilters = z.object({
  actor: z.string().regex(RECORD_ID).optional().catch(undefined),
  action: filterText(40),
  target: filterText(64),
  from: dayFilter,
  to: dayFilter,
  // Event ids are Postgres bigints: anything past the largest one is not an id.
  before: z
    .string()
    .refine((s) => /^\d{1,19}$/.test(s) && BigInt(s) <= 9223372036854775807n)
    .optional()
    .catch(undefined),
});
export type AuditFilters = z.infer<typeof auditFilters>;

export async function listAuditEvents(actor: SessionUser, input: unknown) {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以查看操作日志");
  const f = auditFilters.parse(input ?? {});
  const where: Prisma.AuditEventWhereInput[] = [];
  if (f.actor) where.push({ actorId: f.actor });
  if (f.action) where.push({ action: { startsWith: f.action } });
  if (f.target) where.push({ targetId: f.target });
  if (f.from || f.to) where.push({ at: paperDayRange(f.from, f.to) });
  if (f.before) where.push({ id: { lt: BigInt(f.before) } });
  const rows = await db().auditEvent.findMany({
    where: { AND: where },
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
    select: { id: true, at: true, action: true, targetType: true, targetId: true, summary: true, actor: { select: { name: true, username: true } } },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    events: page.map((r) => ({ ...r, id: r.id.toString(), actorName: r.actor ? `${r.actor.name}（${r.actor.username}）` : "系统" })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1].id.toString() : null,
  };
}

/** The distinct kinds of action recorded, for the filter. */
export async function auditActions(actor: SessionUser): Promise<string[]> {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以查看操作日志");
  const rows = await db().auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
