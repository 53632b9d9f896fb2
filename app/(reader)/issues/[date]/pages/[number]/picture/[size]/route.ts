import { servePageFile } from "@/lib/page-files/serve";

// The page's picture: `thumb` for the page strip, `large` for sharing.
type Route = { params: Promise<{ date: string; number: string; size: string }> };

const SIZES = new Set(["thumb", "large"]);

async function answer(request: Request, { params }: Route) {
  const { date, number, size } = await params;
  if (!SIZES.has(size)) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return servePageFile(request, date, number, size as "thumb" | "large");
}

export const GET = answer;
export const HEAD = answer;
