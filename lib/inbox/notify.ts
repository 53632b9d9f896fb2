import "server-only";
import type { Tx } from "@/lib/platform/db";
import type { NotificationKind } from "@/lib/generated/prisma/client";

// Inbox entries are written in the transaction of the change they report, so nobody is told of
// a change that did not happen. The person who made the change is never told of it.
export async function notify(
  tx: Tx,
  n: { recipientIds: string[]; actorId: string; storyId?: string; pageId?: string; kind: NotificationKind; message: string },
): Promise<void> {
  const recipients = [...new Set(n.recipientIds)].filter((id) => id !== n.actorId);
  if (recipients.length === 0) return;
  await tx.notification.createMany({
    data: recipients.map((recipientId) => ({ recipientId, actorId: n.actorId, storyId: n.storyId ?? null, pageId: n.pageId ?? null, kind: n.kind, message: n.message })),
  });
}

/** Everyone on the desk who should hear of newly submitted copy. */
export async function deskUserIds(tx: Tx): Promise<string[]> {
  const rows = await tx.user.findMany({ where: { active: true, role: { in: ["EDITOR", "CHIEF_EDITOR"] } }, select: { id: true } });
  return rows.map((r) => r.id);
}
