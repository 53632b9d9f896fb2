import { currentUser } from "@/lib/core/session";
import { jsonError } from "@/lib/core/http";
import { boardVersion } from "@/lib/issues/board";

export const dynamic = "force-dynamic";

// What an open board polls to learn whether another editor changed the issue (lib/issues/board.ts).
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await currentUser();
    if (!user) return Response.json({ error: "请先登录" }, { status: 401 });
    const { id } = await params;
    return Response.json({ version: await boardVersion(user, id) }, { headers: { "Cache-Control": "private, no-store" } });
  } catch (e) {
    return jsonError(e);
  }
}
