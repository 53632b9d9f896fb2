import { currentUser } from "@/lib/core/session";
import { env } from "@/lib/platform/env";
import { invalid } from "@/lib/core/errors";
import { jsonError } from "@/lib/http";
import { uploadPhoto } from "@/lib/photos/mutations";

// Photo upload from the story editor: multipart form with `file` (and optional caption, credit, alt).
export async function POST(request: Request) {
  try {
    const user = await currentUser();
    if (!user) return Response.json({ error: "请先登录" }, { status: 401 });
    const declared = Number(request.headers.get("content-length") ?? 0);
    // Refuse oversized bodies before reading them (a little room for the multipart envelope).
    if (declared > env().PHOTO_MAX_BYTES + 64 * 1024) throw invalid(`图片不能超过 ${Math.floor(env().PHOTO_MAX_BYTES / 1024 / 1024)} MB`);
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    if (!form || !(file instanceof File)) throw invalid("请选择要上传的图片");
    const text = (name: string) => {
      const v = form.get(name);
      return typeof v === "string" ? v.trim() : "";
    };
    const photo = await uploadPhoto(user, Buffer.from(await file.arrayBuffer()), {
      caption: text("caption"),
      credit: text("credit"),
      altText: text("altText"),
    });
    return Response.json(photo, { status: 201 });
  } catch (e) {
    return jsonError(e);
  }
}
