import { refreshReaderPages } from "@/lib/reader/cache";
import { isReaderRefreshSignature, READER_REFRESH_HEADER } from "@/lib/reader/refresh-call";

export const dynamic = "force-dynamic";

// Called by this app's own job workers after a scheduled release (lib/reader/refresh-call.ts):
// Next refreshes cached pages only inside a request. Anyone else gets 403 and changes nothing.
export async function POST(request: Request) {
  if (!isReaderRefreshSignature(request.headers.get(READER_REFRESH_HEADER))) {
    return Response.json({ error: "无权调用" }, { status: 403 });
  }
  refreshReaderPages();
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
