import { currentUser } from "@/lib/core/session";
import { unreadCount } from "@/lib/inbox/queries";

export const dynamic = "force-dynamic";

// The unread count the desk header polls, so the inbox updates without reloading the page.
export async function GET() {
  const user = await currentUser();
  if (!user) return Response.json({ error: "请先登录" }, { status: 401 });
  return Response.json({ unread: await unreadCount(user) }, { headers: { "Cache-Control": "private, no-store" } });
}
