import "server-only";
import { currentUser, type SessionUser } from "@/lib/core/session";
import { siteUrl } from "@/lib/platform/env";
import { crossSiteRefusal } from "@/lib/platform/action-guard";
import { jsonError } from "@/lib/http";

// What every route that takes an upload as it streams in does around its own work. The proxy does
// not see these routes (it would copy the body), so the cross-site check is here; the caller must
// be signed in; and an answer given before the body was read closes the connection once sent, so
// the sender stops and the unread rest is never taken in.
export async function streamedUpload(request: Request, handle: (user: SessionUser, bodyRead: () => void) => Promise<Response>): Promise<Response> {
  let read = false;
  try {
    const crossSite = crossSiteRefusal(request.headers, siteUrl());
    if (crossSite) return unread(Response.json({ error: crossSite.message }, { status: crossSite.status }));
    const user = await currentUser();
    if (!user) return unread(Response.json({ error: "请先登录" }, { status: 401 }));
    return await handle(user, () => (read = true));
  } catch (e) {
    return read ? jsonError(e) : unread(jsonError(e));
  }
}

function unread(answer: Response): Response {
  answer.headers.set("connection", "close");
  return answer;
}
