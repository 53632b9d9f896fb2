import "server-only";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import { env, trustedProxySettings } from "@/lib/platform/env";
import { recordAudit } from "@/lib/core/audit";
import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/core/roles";
import { clientAddress, trustedProxyList } from "@/lib/auth/client-address";
import { knownDevice, rememberDevice } from "@/lib/auth/signin-device";
import { SIGNIN_UNAVAILABLE } from "@/lib/auth/signin-refusal";
import { admitSignIn, type SignInClient, SignInThrottled, signInFailed, signInSucceeded } from "@/lib/auth/throttle";

// A shift is the longest a session lives; it is also ended by signing out or by an admin.
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const credentials = z.object({
  // Usernames are lower-case; throttling counts "ZhangHan " and "zhanghan" as one account.
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(200),
});

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

// Counted before the password is checked (lib/auth/throttle.ts): a locked account, address or
// browser is refused even with the right password, and at most a window's worth of guesses reach argon2.
async function checkPassword({ username, password }: z.output<typeof credentials>, client: SignInClient): Promise<User | null> {
  const attempt = await admitSignIn(username, client);
  const user = await db().user.findUnique({ where: { username }, omit: { passwordHash: false } });
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !ok || !user.active) {
    await signInFailed(attempt, !user ? "unknown_user" : !ok ? "wrong_password" : "disabled");
    return null;
  }
  await signInSucceeded(attempt);
  return { id: user.id, name: user.name, role: user.role };
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    // next-auth's own pages are English and outside our policy: everything goes through /login.
    pages: { signIn: "/login", signOut: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "账号密码",
        credentials: { username: { label: "用户名" }, password: { label: "密码", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          const { username } = parsed.data;
          const cookies = req.headers?.cookie;
          try {
            const client = { address: clientAddress(req.headers?.["x-forwarded-for"], trustedProxyList(trustedProxySettings())), device: knownDevice(cookies, username) };
            const user = await checkPassword(parsed.data, client);
            if (user) rememberDevice(cookies, username);
            return user;
          } catch (e) {
            if (e instanceof SignInThrottled) throw e;
            // next-auth shows a thrown message to the browser: a database error must not reach it.
            console.error(e);
            throw new Error(SIGNIN_UNAVAILABLE);
          }
        },
      }),
    ],
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
