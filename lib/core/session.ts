import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { db } from "@/lib/platform/db";
import { sessionOptions } from "@/lib/core/session-options";
import { can, type Capability, type Role } from "@/lib/core/roles";

export type SessionUser = {
  id: string;
  username: string;
  name: string;
  role: Role;
  affiliation: string;
  bylineTitle: string;
};

// The JWT cookie only names a server-side session; the session row decides whether it is
// still alive (not signed out, not expired, account not disabled). Once per request.
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(sessionOptions());
  if (!session?.sid) return null;
  const row = await db().userSession.findUnique({
    where: { id: session.sid },
    select: {
      revokedAt: true,
      expiresAt: true,
      user: { select: { id: true, username: true, name: true, role: true, affiliation: true, bylineTitle: true, active: true } },
    },
  });
  if (!row || row.revokedAt || row.expiresAt <= new Date() || !row.user.active) return null;
  const { active: _active, ...user } = row.user;
  return user;
});

/** For pages: sends a visitor without a live session to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages that need a capability: others get the 403 page. (Mutations check inside lib/.) */
export async function requireCapability(capability: Capability): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, capability)) forbidden();
  return user;
}
