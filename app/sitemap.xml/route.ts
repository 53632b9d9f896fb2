import { siteUrl } from "@/lib/platform/env";
import { sitemapYears } from "@/lib/reader/archive";

// Rendered per request from cached data (lib/reader): a cached answer per address would grow
// with every name a visitor makes up. HTTP caches may keep it (Cache-Control below).
export const dynamic = "force-dynamic";

// A sitemap index: one sitemap of fixed pages, and one per year of issues (each well under 50,000 addresses).
export async function GET() {
  const base = siteUrl();
  const files = ["static", ...(await sitemapYears()).map(String)];
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${files.map((f) => `<sitemap><loc>${base}/sitemaps/${f}.xml</loc></sitemap>`).join("\n")}
</sitemapindex>`;
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
}
