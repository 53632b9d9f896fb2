// When a lock counts (pure, so pages, mutations and tests share it).
export const LOCK_TTL_MS = 90_000;
export const LOCK_HEARTBEAT_MS = 5_000;

export type LockView = { held: boolean; holder: { id: string; name: string; since: string } | null };

export function activeLockHolder(story: { lockedById: string | null; lockRenewedAt: Date | null }, now: Date): { id: string } | null {
  if (!story.lockedById || !story.lockRenewedAt) return null;
  return now.getTime() - story.lockRenewedAt.getTime() < LOCK_TTL_MS ? { id: story.lockedById } : null;
}
