import { siteUrl } from "@/lib/platform/env";
import { allTags, sitemapYear } from "@/lib/reader/archive";

// Rendered per request from cached data (lib/reader): a cached answer per address would grow
// with every name a visitor makes up. HTTP caches may keep it (Cache-Control below).
export const dynamic = "force-dynamic";

const entry = (loc: string, lastmod?: string | null) => `<url><loc>${loc}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;

// /sitemaps/static.xml (home, calendar, tags) and /sitemaps/<year>.xml (issues, pages, stories).
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const base = siteUrl();
  const match = file.match(/^(static|\d{4})\.xml$/);
  if (!match) return new Response("Not found", { status: 404 });
  let urls: string[];
  if (match[1] === "static") {
    const tags = await allTags();
    urls = [entry(`${base}/`), entry(`${base}/calendar`), entry(`${base}/tags`), ...tags.map((t) => entry(`${base}/tags/${encodeURIComponent(t.name)}`))];
  } else {
    const issues = await sitemapYear(Number(match[1]));
    if (issues.length === 0) return new Response("Not found", { status: 404 });
    urls = issues.flatMap((i) => [
      entry(`${base}/issues/${i.date}`, i.publishedAt),
      ...i.pages.map((n) => entry(`${base}/issues/${i.date}/pages/${n}`, i.publishedAt)),
      ...i.stories.map((s) => entry(`${base}/stories/${s.id}`, s.updatedAt)),
    ]);
  }
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join("\n")}
</urlset>`;
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
}
