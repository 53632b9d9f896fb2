import "server-only";
import type { Tx } from "@/lib/platform/db";
import { rolesWith } from "@/lib/core/roles";
import type { NotificationKind, Role } from "@/lib/generated/prisma/client";

// Inbox entries are written in the transaction of the change they report, so nobody is told of
// a change that did not happen. The person who made the change is never told of it; what nobody
// did in person (actorId null: a scheduled release running late) is told to everyone named.
// An entry is about a story, a page (sign-off), a whole issue (its release) or an alarm (and its issue, if any).
type About = { storyId: string } | { pageId: string } | { issueId: string } | { alarmId: string; issueId: string | null };
type Entry = { recipientIds: string[]; actorId: string | null; kind: NotificationKind; message: string } & About;

export async function notify(tx: Tx, n: Entry): Promise<void> {
  await notifyEach(tx, [n]);
}

/** Several entries with messages of their own, in one statement (a release tells each author of each story). */
export async function notifyEach(tx: Tx, entries: Entry[]): Promise<void> {
  const data = entries.flatMap(({ recipientIds, actorId, kind, message, ...about }) => {
    const recipients = [...new Set(recipientIds)].filter((id) => id !== actorId);
    return recipients.map((recipientId) => ({ recipientId, actorId, ...about, kind, message }));
  });
  if (data.length > 0) await tx.notification.createMany({ data });
}

/** The chief editors on duty: they hear how releases went. */
export async function chiefEditorIds(tx: Tx): Promise<string[]> {
  const rows = await tx.user.findMany({ where: { active: true, role: { in: rolesWith("issue:publish") } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Everyone on the desk who should hear of newly submitted copy. */
export async function deskUserIds(tx: Tx): Promise<string[]> {
  const rows = await tx.user.findMany({ where: { active: true, role: { in: rolesWith("desk:review") } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** The active accounts of these roles: who hears of an alarm. */
export async function roleMemberIds(tx: Tx, roles: readonly Role[]): Promise<string[]> {
  const rows = await tx.user.findMany({ where: { active: true, role: { in: [...roles] } }, select: { id: true } });
  return rows.map((r) => r.id);
}
