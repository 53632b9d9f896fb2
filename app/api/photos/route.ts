import { currentUser } from "@/lib/core/session";
import { env, siteUrl } from "@/lib/platform/env";
import { crossSiteRefusal } from "@/lib/platform/action-guard";
import { jsonError } from "@/lib/http";
import { uploadPhoto } from "@/lib/photos/mutations";
import { readUploadForm } from "@/lib/photos/upload-body";
import { decodeQueueFull, serverBusyWithPhotos } from "@/lib/photos/ingest";

// Photo upload from the story editor: multipart form with `file` (and optional caption, credit, altText),
// read as it arrives and refused (413) the moment it passes PHOTO_MAX_BYTES.
export async function POST(request: Request) {
  let bodyRead = false;
  try {
    // The proxy does not see this route (it would copy the body), so the cross-site check is here.
    const crossSite = crossSiteRefusal(request.headers, siteUrl());
    if (crossSite) return unread(Response.json({ error: crossSite.message }, { status: crossSite.status }));
    const user = await currentUser();
    if (!user) return unread(Response.json({ error: "请先登录" }, { status: 401 }));
    // Full queue: say so before reading a body that would only wait in memory.
    if (decodeQueueFull()) throw serverBusyWithPhotos();
    const { photo, ...texts } = await readUploadForm(request, env().PHOTO_MAX_BYTES);
    bodyRead = true;
    return Response.json(await uploadPhoto(user, photo, texts), { status: 201 });
  } catch (e) {
    return bodyRead ? jsonError(e) : unread(jsonError(e));
  }
}

// An answer given before the body was read closes the connection once sent, so the sender stops
// and the unread rest is never taken in.
function unread(answer: Response): Response {
  answer.headers.set("connection", "close");
  return answer;
}
