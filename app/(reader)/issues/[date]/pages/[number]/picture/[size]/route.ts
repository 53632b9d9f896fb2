import { servePageFile } from "@/lib/page-files/serve";

// The page's picture: `thumb` for the page strip, `large` for sharing.
type Route = { params: Promise<{ date: string; number: string; size: string }> };

const SIZES = new Set(["thumb", "large"]);

async function answer({ params }: Route, withBody: boolean) {
  const { date, number, size } = await params;
  if (!SIZES.has(size)) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return servePageFile(date, number, size as "thumb" | "large", withBody);
}

export const GET = (_: Request, route: Route) => answer(route, true);
export const HEAD = (_: Request, route: Route) => answer(route, false);
