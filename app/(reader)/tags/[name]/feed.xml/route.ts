import { tagPage } from "@/lib/reader/archive";
import { rss } from "@/lib/reader/feeds";
import { PAPER } from "@/lib/paper";

export const revalidate = 3600;
export function generateStaticParams() {
  return [];
}

// RSS of a tag's newest stories.
export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  const name = decodeURIComponent((await params).name);
  const data = await tagPage(name, 1);
  if (!data) return new Response("Not found", { status: 404 });
  return rss({ title: `${PAPER.name} · ${data.tag.name}`, path: `/tags/${encodeURIComponent(data.tag.name)}`, description: `${PAPER.name}关于${data.tag.name}的报道` }, data.stories);
}
