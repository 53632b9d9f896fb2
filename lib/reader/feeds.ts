import "server-only";
import { siteUrl } from "@/lib/platform/env";
import { printable } from "@/lib/validation/text";
import type { StoryCard } from "@/lib/reader/archive";

// RSS 2.0 documents, built from escaped parts only. Text fields are cleaned when saved, but the
// feed must parse whatever the database holds, so characters XML cannot carry are dropped here too.
const escape = (s: string) => printable(s).replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

export function rss(channel: { title: string; path: string; description: string }, items: (StoryCard & { publishedAt?: string | null })[]): Response {
  const base = siteUrl();
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${escape(channel.title)}</title>
<link>${escape(base + channel.path)}</link>
<atom:link href="${escape(`${base}${channel.path === "/" ? "" : channel.path}/feed.xml`)}" rel="self" type="application/rss+xml"/>
<description>${escape(channel.description)}</description>
<language>zh-CN</language>
${items
  .map(
    (s) => `<item>
<title>${escape(s.headline || "图片新闻")}</title>
<link>${escape(`${base}/stories/${s.id}`)}</link>
<guid isPermaLink="true">${escape(`${base}/stories/${s.id}`)}</guid>
<description>${escape(s.excerpt)}</description>
${s.byline ? `<author>${escape(`noreply@example.invalid (${s.byline})`)}</author>` : ""}
${s.issueDate ? `<pubDate>${new Date(`${s.issueDate}T06:00:00+08:00`).toUTCString()}</pubDate>` : ""}
</item>`,
  )
  .join("\n")}
</channel>
</rss>`;
  return new Response(body, { headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}

