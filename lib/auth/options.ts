import "server-only";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import { trustedProxySettings } from "@/lib/platform/env";
import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { sessionOptions } from "@/lib/core/session-options";
import { clientAddress, trustedProxyList } from "@/lib/auth/client-address";
import { knownDevice, rememberDevice } from "@/lib/auth/signin-device";
import { SIGNIN_UNAVAILABLE } from "@/lib/auth/signin-refusal";
import { admitSignIn, type SignInClient, SignInThrottled, signInFailed, signInSucceeded } from "@/lib/auth/throttle";

const credentials = z.object({
  // Usernames are lower-case; throttling counts "ZhangHan " and "zhanghan" as one account.
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(200),
});

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
    ...sessionOptions(),
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
  };
}
