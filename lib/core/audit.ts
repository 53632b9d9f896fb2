import "server-only";
import type { Tx } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditAction } from "@/lib/core/audit-actions";

// Every mutation records who did what to which thing, inside the mutation's own transaction,
// so the log and the data can never disagree.
export type AuditEntry = {
  actorId: string | null;
  action: AuditAction;
  targetType: "story" | "issue" | "page" | "photo" | "user" | "tag" | "session" | "paper" | "signin" | "alarm" | "error" | "proof" | "fees" | "unit" | "contributor";
  targetId: string;
  summary?: Prisma.InputJsonObject;
};

export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, [entry]);
}

/** Many events in one statement (a release records one per story). */
export async function recordAudits(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditEvent.createMany({
    data: entries.map((entry) => ({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      summary: entry.summary ?? {},
    })),
  });
}
