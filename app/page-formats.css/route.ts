import { parseGeometryKey } from "@/lib/issues/page-geometry";
import { pageFormatStylesheet } from "@/lib/issues/page-format-css";

// The stylesheet a printed page is drawn with, named by its geometry (lib/issues/page-format-css.ts).
// The address names everything the sheet says, so any cache may keep it for good; no database.
export function GET(request: Request) {
  const geometry = parseGeometryKey(new URL(request.url).searchParams.get("g") ?? "");
  if (!geometry) return new Response("没有这种版式", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(pageFormatStylesheet(geometry), {
    headers: { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
