import "server-only";
import { db, type Tx } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { recordAudit } from "@/lib/core/audit";
import { forbidden, locked, notFound } from "@/lib/core/errors";
import { decide } from "@/lib/stories/workflow";
import { storyAccess } from "@/lib/stories/access";
import { notify } from "@/lib/inbox/notify";
import { activeLockHolder, LOCK_TTL_MS, type LockView } from "@/lib/stories/lock-rules";
import { storyContentSelect } from "@/lib/stories/content";
import { recordRevision } from "@/lib/stories/revisions";
import { draftOfStored } from "@/lib/stories/content";
import { formatMoment } from "@/lib/core/dates";

// Edit locks: one person edits a story at a time; others read it and see who holds it.
// Acquiring, taking over and releasing are audited; heartbeats only keep a lock alive.

type LockedStory = {
  id: string;
  status: Parameters<typeof decide>[1]["status"];
  authorId: string;
  version: number;
  lockedById: string | null;
  lockedAt: Date | null;
  lockRenewedAt: Date | null;
  lockedBy: { name: string } | null;
};

const lockSelect = {
  id: true,
  status: true,
  authorId: true,
  version: true,
  lockedById: true,
  lockedAt: true,
  lockRenewedAt: true,
  lockedBy: { select: { name: true } },
} as const;

function view(story: LockedStory, actorId: string, now = new Date()): LockView {
  const holder = activeLockHolder(story, now);
  if (!holder) return { held: false, holder: null };
  return { held: holder.id === actorId, holder: { id: holder.id, name: story.lockedBy?.name ?? "", since: story.lockedAt!.toISOString() } };
}

async function loadForLock(tx: Tx, actor: SessionUser, storyId: string): Promise<LockedStory> {
  const story = await tx.story.findUnique({ where: { id: storyId }, select: lockSelect });
  if (!story || !storyAccess.may(actor, story)) throw notFound();
  return story;
}

/** Refuses a change while someone else holds a live lock on the story. */
export function assertNotLockedByOther(story: Pick<LockedStory, "lockedById" | "lockRenewedAt"> & { lockedBy?: { name: string } | null; lockedAt?: Date | null }, actor: SessionUser) {
  const holder = activeLockHolder(story, new Date());
  if (holder && holder.id !== actor.id) {
    const since = story.lockedAt ? `（自 ${formatMoment(story.lockedAt)} 起）` : "";
    throw locked(`此稿正由${story.lockedBy?.name ?? "他人"}编辑${since}，你的修改没有保存，内容仍在页面上。`);
  }
}

/**
 * Opens a story for editing. For the desk, opening submitted copy also claims it (SUBMITTED →
 * IN_EDIT). If someone else holds a live lock, nothing changes and the answer says who.
 */
export async function acquireLock(actor: SessionUser, storyId: string): Promise<LockView & { version: number }> {
  return db().$transaction(async (tx) => {
    const story = await loadForLock(tx, actor, storyId);
    const current = view(story, actor.id);
    if (current.holder && !current.held) return { ...current, version: story.version };
    const claim = decide("claim", story, actor);
    if (!claim.allowed && !decide("edit", story, actor).allowed) throw forbidden("你不能编辑这篇稿件");
    const now = new Date();
    const fresh = !current.held;
    // Taken only if it is still free (or ours) and nobody changed the story since we read it:
    // of two editors opening it at the same moment, one gets it and the other is told who.
    const taken = await tx.story.updateMany({
      where: {
        id: storyId,
        version: story.version,
        OR: [{ lockedById: null }, { lockedById: actor.id }, { lockRenewedAt: null }, { lockRenewedAt: { lt: new Date(now.getTime() - LOCK_TTL_MS) } }],
      },
      data: {
        lockedById: actor.id,
        lockRenewedAt: now,
        ...(fresh ? { lockedAt: now } : {}),
        ...(claim.allowed ? { status: claim.to, version: { increment: 1 } } : {}),
      },
    });
    const updated = await tx.story.findUniqueOrThrow({ where: { id: storyId }, select: lockSelect });
    if (taken.count === 0) return { ...view(updated, actor.id), version: updated.version };
    if (claim.allowed) {
      await recordAudit(tx, { actorId: actor.id, action: "story.claim", targetType: "story", targetId: storyId, summary: { from: story.status, to: claim.to } });
    }
    if (fresh) await recordAudit(tx, { actorId: actor.id, action: "lock.acquire", targetType: "story", targetId: storyId });
    return { ...view(updated, actor.id, now), version: updated.version };
  });
}

/** Heartbeat from an open editor: keeps the actor's lock alive, or tells them who has it now. */
export async function renewLock(actor: SessionUser, storyId: string): Promise<LockView> {
  const now = new Date();
  const renewed = await db().story.updateMany({
    where: { id: storyId, lockedById: actor.id, lockRenewedAt: { gt: new Date(now.getTime() - LOCK_TTL_MS) } },
    data: { lockRenewedAt: now },
  });
  const story = await db().story.findUnique({ where: { id: storyId }, select: lockSelect });
  if (!story || !storyAccess.may(actor, story)) throw notFound();
  return renewed.count === 1 ? view(story, actor.id, now) : view(story, actor.id);
}

/** An editor takes the lock from whoever holds it; the previous holder is told in their inbox and on their next heartbeat or save. */
export async function takeOverLock(actor: SessionUser, storyId: string): Promise<LockView & { version: number }> {
  if (!can(actor.role, "desk:review")) throw forbidden("只有编辑可以接管稿件");
  return db().$transaction(async (tx) => {
    const story = await loadForLock(tx, actor, storyId);
    const edit = decide("edit", story, actor);
    if (!edit.allowed) throw forbidden(edit.reason);
    const previous = view(story, actor.id).holder;
    const now = new Date();
    // The version moves on, so a save the previous holder sends afterwards is refused as stale,
    // and the history keeps what they had (autosaves included) at the moment of the take-over.
    const updated = await tx.story.update({
      where: { id: storyId },
      data: { lockedById: actor.id, lockedAt: now, lockRenewedAt: now, version: { increment: 1 } },
      select: { ...lockSelect, ...storyContentSelect },
    });
    await recordRevision(tx, { storyId, version: updated.version, status: updated.status, action: "takeover", actorId: actor.id, draft: draftOfStored(updated) });
    await recordAudit(tx, { actorId: actor.id, action: "lock.takeover", targetType: "story", targetId: storyId, summary: { from: previous?.name ?? null } });
    if (previous && previous.id !== actor.id) {
      await notify(tx, { recipientIds: [previous.id], actorId: actor.id, storyId, kind: "LOCK_TAKEN", message: `${actor.name} 接管了稿件的编辑` });
    }
    return { ...view(updated, actor.id, now), version: updated.version };
  });
}

export async function releaseLock(actor: SessionUser, storyId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const released = await tx.story.updateMany({ where: { id: storyId, lockedById: actor.id }, data: { lockedById: null, lockedAt: null, lockRenewedAt: null } });
    if (released.count === 1) await recordAudit(tx, { actorId: actor.id, action: "lock.release", targetType: "story", targetId: storyId });
  });
}
