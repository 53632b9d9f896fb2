import { NextResponse, type NextRequest } from "next/server";
import { withdrawnStoryIds } from "@/lib/reader/withdrawn";
import { PAPER } from "@/lib/paper";

// Two jobs, neither of them a security gate (every page, action and route checks the session itself):
// - send visitors without a session cookie from the back office to the sign-in page;
// - answer 410 Gone at the address of a withdrawn story, with a short notice.
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/stories/")) {
    const id = pathname.split("/")[2] ?? "";
    if ((await withdrawnStoryIds()).has(id)) return gone();
    return NextResponse.next();
  }
  const hasSession =
    request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  if (!hasSession) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", pathname + request.nextUrl.search);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
}

function gone() {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>稿件已撤回 · ${PAPER.name}</title></head><body style="font-family:sans-serif;max-width:36rem;margin:6rem auto;padding:0 1rem;color:#1f1f1f"><h1>稿件已撤回</h1><p>这篇稿件已由${PAPER.name}撤回，不再提供阅读。</p><p><a href="/" style="color:#b71c1c">看最新一期</a></p></body></html>`;
  return new NextResponse(html, { status: 410, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=60" } });
}

export const config = { matcher: ["/desk/:path*", "/stories/:path*"] };
