import { currentUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { findContributors } from "@/lib/contributors/credits";

// Names to pick from while typing a byline: people already credited, with and without accounts.
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user || !can(user.role, "story:file")) return Response.json({ error: "请先登录" }, { status: 401 });
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return Response.json(await findContributors(user, q), { headers: { "cache-control": "private, no-store" } });
}
