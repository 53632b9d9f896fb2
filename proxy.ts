import { NextResponse, type NextRequest } from "next/server";
import { actionKind, actionRefusal, crossSiteRefusal, type Refusal } from "@/lib/platform/action-guard";
import { API_POLICY, contentSecurityPolicy, HSTS, newNonce, type FramePolicy } from "@/lib/platform/security-headers";
import { siteUrl } from "@/lib/platform/env";

// Runs before the back office, /api, the search page and every Server Action, never before another
// reader page or a photo file: those are served from the shared cache as they were rendered, at the
// speed of the cache (their headers come from next.config.js and the cache). None of it is a
// security gate for data: every page, action and route checks the session itself. Its jobs:
// - refuse addresses and Server Action requests Next would answer with a 500 (cross-site, too
//   large, undecodable), and POSTs from other sites;
// - send visitors without a session cookie from the back office to the sign-in page;
// - give each back-office page, and each search answer, its Content-Security-Policy with a fresh nonce.
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
  const backOffice = pathname === "/desk" || pathname.startsWith("/desk/") || pathname === "/login";
  // Search answers are rendered per request: their scripts can carry a nonce, as the back office's do
  // (pages rendered once carry their scripts' hashes instead: lib/platform/cache/page-scripts.mjs).
  if (pathname === "/search" && request.method === "GET") return withPolicy(request, "allow");
  // A reader address with percent signs, or an action posted to one: checked above, and served
  // with the reader policy from next.config.js (the page is rendered once, for everyone).
  if (!backOffice) return NextResponse.next();
  if (pathname !== "/login" && !hasSessionCookie(request)) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", pathname + request.nextUrl.search);
    return NextResponse.redirect(login);
  }
  return withPolicy(request, "deny");
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

/** Passes a request on with a nonce Next applies to its scripts, and the policy naming it. */
function withPolicy(request: NextRequest, frames: FramePolicy) {
  const nonce = newNonce();
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https" || siteUrl().startsWith("https:");
  const policy = contentSecurityPolicy(nonce, { frames, https, dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (frames === "deny") response.headers.set("X-Frame-Options", "DENY");
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

function refuse({ status, message }: Refusal) {
  return new NextResponse(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export const config = {
  // The back office; /api but for the photo upload and the Word import (streamed and limited by
  // their own routes: Next copies the body of any request the proxy sees) and photo files (public, cached, they set their
  // own headers); any Server Action, wherever it is posted; and any address with a percent sign,
  // which Next's router would answer with a 500 when it does not decode (a tag's Chinese name is
  // percent-encoded too: tag pages pay for the check, story and issue pages do not).
  matcher: [
    "/desk",
    "/desk/:path*",
    "/login",
    "/search",
    "/api/((?!photos$|photos/[^/]+/[^/]+$|import/docx$).*)",
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
    // Next takes any posted form for a possible action too (actionKind in lib/platform/action-guard.ts).
    { source: "/((?!api/photos/?$|api/import/docx/?$).*)", has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }] },
    { source: "/((?!api/photos/?$|api/import/docx/?$).*)", has: [{ type: "header", key: "content-type", value: "application/x-www-form-urlencoded" }] },
    "/:path((?:.*)%(?:.*))",
  ],
};
