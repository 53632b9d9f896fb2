/** @type {import('next').NextConfig} */
const nextConfig = {
  // The test run builds into its own folder so it never replaces the build `npm start` serves.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and wasm packages stay outside the server bundle and load from node_modules.
  serverExternalPackages: ["sharp", "@node-rs/argon2", "@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
    // forbidden() answers 403 with app/forbidden.tsx when a signed-in user opens a page not for their role.
    authInterrupts: true,
  },
};

module.exports = nextConfig;
