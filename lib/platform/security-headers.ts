import readerPolicy from "./reader-policy.json";

// The Content-Security-Policy of a back-office page names a fresh nonce per request. Next puts that
// nonce on its own scripts when it renders (it reads the policy from the request), so inline
// script runs only if the server wrote it: no 'unsafe-inline', no 'unsafe-eval' (except in
// `next dev`, where React needs eval for its error overlay). The headers every answer carries
// (nosniff, referrer, permissions) are in next.config.js, which also covers /api and static files.

/** Two years, including subdomains: the value HSTS preload lists ask for (next.config.js sends it too). */
export const HSTS: string = readerPolicy.HSTS;

/**
 * Whether a page may be shown inside another site's frame. The back office never: a framed desk
 * could be clicked by a hidden hand. Reader pages may: county portals embed the e-paper.
 */
export type FramePolicy = "deny" | "allow";

export function contentSecurityPolicy(nonce: string, options: { frames: FramePolicy; https: boolean; dev?: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(options.frames === "deny" ? ["frame-ancestors 'none'"] : []),
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A nonce: 16 random bytes, base64 (what CSP's nonce-source expects). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Reader pages are rendered once and served to every reader from the shared cache and the front
 * cache, so no per-request nonce can be in them. This policy (set in next.config.js) is their floor:
 * inline scripts, but no inline event handler (script-src-attr 'none'), no eval, nothing from
 * another origin. A page kept by the cache also carries a policy naming exactly its own inline
 * scripts by hash (lib/platform/cache/page-scripts.mjs); a search answer one with a nonce (proxy.ts).
 */
export const READER_PAGE_POLICY: string = readerPolicy.READER_PAGE_POLICY;

/** For route handlers' answers (JSON, photos): nothing in them may run or be framed. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";
