// Sizes shared with the server code (lib/platform/action-guard.ts reads the same file).
const limits = require("./lib/platform/limits.json");
const { READER_PAGE_POLICY, HSTS } = require("./lib/platform/reader-policy.json");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The test run builds into its own folder so it never replaces the build `npm start` serves.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and wasm packages stay outside the server bundle and load from node_modules.
  // exifr, bundled, cannot require Node's fs and zlib and says "Couldn't load fs" at every start.
  serverExternalPackages: ["sharp", "@node-rs/argon2", "@electric-sql/pglite", "pg", "pg-boss", "exifr"],
  poweredByHeader: false,
  // Next's own polyfills for browsers it no longer supports, dropped from the browser bundle. The key
  // is the request exactly as Next's client entry writes it; e2e/reader-scripts.spec.ts notices if a
  // Next upgrade moves it and the polyfills come back.
  turbopack: {
    resolveAlias: {
      "../build/polyfills/polyfill-module": { browser: "./lib/platform/no-polyfills.js" },
    },
  },
  // Cached pages and data in one store for every instance (Redis with REDIS_URL, else this
  // process's memory): see lib/platform/cache. Next's own memory layer would keep a copy per instance.
  cacheHandler: require.resolve("./lib/platform/cache/next-cache-handler.mjs"),
  cacheMaxMemorySize: 0,
  experimental: {
    serverActions: { bodySizeLimit: limits.actionBodyBytes },
    // The proxy reads an action's body to refuse oversized or undecodable ones with a 4xx; Next
    // keeps a copy of what the proxy may read, so keep that copy just above the action limit.
    proxyClientMaxBodySize: limits.actionBodyBytes + 1024 * 1024,
    // forbidden() answers 403 with app/forbidden.tsx when a signed-in user opens a page not for their role.
    authInterrupts: true,
  },
  // Sent with every answer, pages, /api and static files alike. The page-specific policy (CSP with a
  // nonce, frame rules, HSTS) comes from proxy.ts and lib/platform/security-headers.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // The paper needs none of these powerful features; a page asking for them was not written by us.
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), browsing-topics=()",
          },
        ],
      },
      {
        // Reached over https (the TLS proxy says so): every answer says the site is https only.
        // Browsers ignore the header over plain http, so a forged X-Forwarded-Proto gains nothing.
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: HSTS }],
      },
      {
        // Reader pages are rendered once and served to every reader (and kept by the front cache),
        // so they cannot name a per-request nonce. This lenient policy is the floor; a page rendered
        // once also carries one naming its own inline scripts by hash (lib/platform/cache/page-scripts.mjs),
        // and a search answer one with a nonce (proxy.ts): a script must pass both.
        source: "/((?!desk|login|api|_next).*)",
        headers: [{ key: "Content-Security-Policy", value: READER_PAGE_POLICY }],
      },
    ];
  },
};

module.exports = nextConfig;
