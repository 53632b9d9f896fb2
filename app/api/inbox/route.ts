import { currentUser } from "@/lib/core/session";
import { unreadCount } from "@/lib/inbox/queries";
import { deskAlarms } from "@/lib/jobs/desk-alarms";

export const dynamic = "force-dynamic";

// What the desk header polls, so the inbox count and the alarm banner update without reloading the page.
export async function GET() {
  const user = await currentUser();
  if (!user) return Response.json({ error: "请先登录" }, { status: 401 });
  const [unread, alarms] = await Promise.all([unreadCount(user), deskAlarms(user)]);
  return Response.json({ unread, alarms }, { headers: { "Cache-Control": "private, no-store" } });
}
