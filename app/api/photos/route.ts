import { currentUser } from "@/lib/core/session";
import { env } from "@/lib/platform/env";
import { jsonError } from "@/lib/http";
import { uploadPhoto } from "@/lib/photos/mutations";
import { readUploadForm } from "@/lib/photos/upload-body";

// Photo upload from the story editor: multipart form with `file` (and optional caption, credit, altText),
// read as it arrives and refused (413) the moment it passes PHOTO_MAX_BYTES.
export async function POST(request: Request) {
  let bodyRead = false;
  try {
    const user = await currentUser();
    if (!user) return unread(Response.json({ error: "请先登录" }, { status: 401 }));
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
