/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and wasm packages stay outside the server bundle and load from node_modules.
  serverExternalPackages: ["sharp", "@node-rs/argon2", "@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
  },
};

module.exports = nextConfig;
