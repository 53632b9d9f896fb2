import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { recordAudit } from "@/lib/core/audit";
import { alarmAction } from "@/lib/inbox/alarm-action";

// Each person's inbox: only their own entries, newest first.
export async function unreadCount(actor: SessionUser): Promise<number> {
  return db().notification.count({ where: { recipientId: actor.id, readAt: null } });
}

/** How many entries the inbox shows. */
export const INBOX_PAGE = 100;

export async function listInbox(actor: SessionUser, take = INBOX_PAGE) {
  const rows = await db().notification.findMany({
    where: { recipientId: actor.id },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true, kind: true, message: true, createdAt: true, readAt: true, storyId: true, issueId: true,
      story: { select: { headline: true } }, page: { select: { issueId: true, number: true } }, actor: { select: { name: true } },
    },
  });
  return rows.map(({ page, ...r }) => ({ ...r, href: entryHref(actor, r, page), headline: r.story?.headline ?? "", actorName: r.actor?.name ?? "" }));
}

/**
 * Where an entry leads: its story; an assignment to the reporter's own list (约稿); a page to its
 * proof, where the chief editor signs it; a release to its issue's board; an alarm where its banner leads.
 */
function entryHref(actor: SessionUser, entry: { kind: string; storyId: string | null; issueId: string | null }, page: { issueId: string; number: number } | null): string {
  if (entry.kind === "RELEASE_OVERDUE" || entry.kind === "JOB_FAILED") return alarmAction(actor.role, entry.kind, entry.issueId)?.href ?? "/desk/inbox";
  if (entry.storyId) return `/desk/stories/${entry.storyId}`;
  if (entry.kind === "ASSIGNED") return "/desk/stories";
  if (page) return `/desk/issues/${page.issueId}/pages/${page.number}`;
  return entry.issueId ? `/desk/issues/${entry.issueId}` : "/desk/inbox";
}

/** Marks entries read: all of them, those about one story, or those the inbox showed. Only the recipient's own. */
export async function markRead(actor: SessionUser, { storyId, ids }: { storyId?: string; ids?: string[] } = {}): Promise<number> {
  return db().$transaction(async (tx) => {
    const marked = await tx.notification.updateMany({
      where: { recipientId: actor.id, readAt: null, ...(storyId ? { storyId } : {}), ...(ids ? { id: { in: ids } } : {}) },
      data: { readAt: new Date() },
    });
    if (marked.count > 0) {
      await recordAudit(tx, { actorId: actor.id, action: "inbox.read", targetType: storyId ? "story" : "user", targetId: storyId ?? actor.id, summary: { count: marked.count } });
    }
    return marked.count;
  });
}
