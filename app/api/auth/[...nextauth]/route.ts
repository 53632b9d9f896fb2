import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withDeviceCookie } from "@/lib/auth/signin-device";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so environment problems surface as a clear error, not at build time.
async function handler(request: Request, context: Context) {
  const params = await context.params;
  const { result, setCookie } = await withDeviceCookie(async () => (await NextAuth(request as never, { params } as never, authOptions())) as Response);
  // A right password makes this browser known to the account (lib/auth/signin-device.ts).
  if (setCookie) result.headers.append("Set-Cookie", setCookie);
  return result;
}

export { handler as GET, handler as POST };
