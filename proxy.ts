import { NextResponse, type NextRequest } from "next/server";

// Only a convenience redirect for visitors without a session cookie. It is not a gate:
// every back-office page, action and route checks the session itself (lib/auth/session.ts).
export function proxy(request: NextRequest) {
  const hasSession =
    request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  if (!hasSession) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
}

export const config = { matcher: ["/desk/:path*"] };
