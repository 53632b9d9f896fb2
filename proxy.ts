import { NextResponse, type NextRequest } from "next/server";
import { withdrawnStoryIds } from "@/lib/reader/withdrawn";
import { PAPER } from "@/lib/paper";
import { actionKind, actionRefusal, crossSiteRefusal, type Refusal } from "@/lib/platform/action-guard";
import { API_POLICY, contentSecurityPolicy, HSTS, newNonce, STATIC_PAGE_POLICY } from "@/lib/platform/security-headers";
import { siteUrl } from "@/lib/platform/env";

// Runs before every page and route handler (not static files, not the photo upload). None of it
// is a security gate for data: every page, action and route checks the session itself. Its jobs:
// - refuse addresses and Server Action requests Next would answer with a 500 (cross-site, too
//   large, undecodable), and POSTs from other sites;
// - answer 410 Gone at the address of a withdrawn story;
// - send visitors without a session cookie from the back office to the sign-in page;
// - give each HTML page its Content-Security-Policy with a fresh nonce.
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Next's router answers an address it cannot decode ("/stories/%E0%A4%A") with a 500.
  if (!decodable(pathname)) return refuse({ status: 400, message: "网址格式不正确" });
  if (request.method !== "GET" && request.method !== "HEAD") {
    const refusal = actionKind(request.method, request.headers) ? await actionRefusal(request, siteUrl()) : crossSiteRefusal(request.headers, siteUrl());
    if (refusal) return refuse(refusal);
  }
  // Route handlers answer JSON and files and check their callers themselves. What they send is
  // never a page to run: no script, no frames, and a file is sandboxed should a browser render it.
  if (pathname.startsWith("/api/")) {
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", API_POLICY);
    return response;
  }
  if (pathname.startsWith("/stories/")) {
    const id = pathname.split("/")[2] ?? "";
    if ((await withdrawnStoryIds()).has(id)) return gone();
  }
  const backOffice = pathname === "/desk" || pathname.startsWith("/desk/") || pathname === "/login";
  if (backOffice && pathname !== "/login" && !hasSessionCookie(request)) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", pathname + request.nextUrl.search);
    return NextResponse.redirect(login);
  }
  return withPolicy(request, backOffice);
}

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function hasSessionCookie(request: NextRequest) {
  return request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
}

/** Passes the request on with a nonce Next applies to its scripts, and the policy naming it. */
function withPolicy(request: NextRequest, backOffice: boolean) {
  const nonce = newNonce();
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https" || siteUrl().startsWith("https:");
  const policy = contentSecurityPolicy(nonce, { frames: backOffice ? "deny" : "allow", https, dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (backOffice) response.headers.set("X-Frame-Options", "DENY");
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

function refuse({ status, message }: Refusal) {
  return new NextResponse(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

function gone() {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>稿件已撤回 · ${PAPER.name}</title></head><body style="font-family:sans-serif;max-width:36rem;margin:6rem auto;padding:0 1rem;color:#1f1f1f"><h1>稿件已撤回</h1><p>这篇稿件已由${PAPER.name}撤回，不再提供阅读。</p><p><a href="/" style="color:#b71c1c">看最新一期</a></p></body></html>`;
  return new NextResponse(html, {
    status: 410,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=60", "Content-Security-Policy": STATIC_PAGE_POLICY },
  });
}

export const config = {
  // Everything but build assets, the few fixed files, and the photo upload: Next copies the body
  // of any request the proxy sees, and an upload is streamed and limited by its own route.
  matcher: ["/((?!api/photos/?$|_next/static/|_next/image|icon\\.svg|favicon\\.ico|robots\\.txt).*)"],
};
