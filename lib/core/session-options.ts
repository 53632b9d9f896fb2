import "server-only";
import type { NextAuthOptions } from "next-auth";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { recordAudit } from "@/lib/core/audit";
import type { Role } from "@/lib/core/roles";

// What reading and ending a session needs of next-auth: the cookie's secret and lifetime, what the token
// carries, and the session rows opened at sign-in and closed at sign-out. The way in (the credentials
// provider, its throttle and password check) is lib/auth/options.ts, which adds itself to these; a page
// reading the session needs no provider.

// A shift is the longest a session lives; it is also ended by signing out or by an admin.
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

declare module "next-auth" {
  interface User {
    role: Role;
  }
  interface Session {
    sid: string;
    user: { id: string; name: string; role: Role };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    uid?: string;
    role?: Role;
  }
}

export function sessionOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    // next-auth's own pages are English and outside our policy: everything goes through /login.
    pages: { signIn: "/login", signOut: "/login", error: "/login" },
    providers: [],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          // Sign-in: open a server-side session that sign-out (or an admin) can end.
          const session = await db().$transaction(async (tx) => {
            const created = await tx.userSession.create({
              data: { userId: user.id, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
            });
            await recordAudit(tx, { actorId: user.id, action: "session.start", targetType: "session", targetId: created.id });
            return created;
          });
          token.sid = session.id;
          token.uid = user.id;
          token.role = user.role;
        }
        return token;
      },
      async session({ session, token }) {
        session.sid = token.sid ?? "";
        session.user = { id: token.uid ?? "", name: session.user?.name ?? "", role: token.role ?? "CORRESPONDENT" };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.sid) return;
        await db().$transaction(async (tx) => {
          const ended = await tx.userSession.updateMany({
            where: { id: token.sid, revokedAt: null },
            data: { revokedAt: new Date() },
          });
          if (ended.count > 0) {
            await recordAudit(tx, { actorId: token.uid ?? null, action: "session.end", targetType: "session", targetId: token.sid! });
          }
        });
      },
    },
  };
}
