import { tagPage } from "@/lib/reader/archive";
import { rss } from "@/lib/reader/feeds";
import { PAPER } from "@/lib/paper";
import { segmentText } from "@/lib/validation/text";

// Rendered per request from cached data (lib/reader): a cached answer per address would grow
// with every name a visitor makes up. HTTP caches may keep it (Cache-Control below).
export const dynamic = "force-dynamic";

// RSS of a tag's newest stories.
export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  const name = segmentText((await params).name);
  const data = name ? await tagPage(name, 1) : null;
  if (!data) return new Response("Not found", { status: 404 });
  return rss({ title: `${PAPER.name} · ${data.tag.name}`, path: `/tags/${encodeURIComponent(data.tag.name)}`, description: `${PAPER.name}关于${data.tag.name}的报道` }, data.stories);
}
