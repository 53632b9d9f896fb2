import { findReadablePhoto } from "@/lib/photos/queries";
import { photoStore } from "@/lib/platform/storage";
import { currentUser } from "@/lib/core/session";
import { isRecordId } from "@/lib/core/ids";
import { API_POLICY } from "@/lib/platform/security-headers";

const FILES = new Set(["w480", "w960", "w1600", "original"]);

// Serves a photo's derivative (or original). Published photos are public and cacheable;
// unpublished ones only to those who may see the story.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; file: string }> }) {
  const { id, file } = await params;
  if (!FILES.has(file) || !isRecordId(id)) return new Response("Not found", { status: 404 });
  const photo = await findReadablePhoto(id);
  // Originals keep the camera's metadata (place, device): only the newsroom gets them.
  if (!photo || (file === "original" && photo.isPublic && !(await currentUser()))) return new Response("Not found", { status: 404 });
  const name = file === "original" ? `original.${photo.extension}` : `${file}.webp`;
  const data = await photoStore().get(photo.storageKey, name);
  if (!data) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": file === "original" ? photo.mimeType : "image/webp",
      "Content-Length": String(data.length),
      // A day, not forever: a withdrawn story's photos must leave shared caches too.
      "Cache-Control": photo.isPublic ? "public, max-age=86400" : "private, no-store",
      "X-Content-Type-Options": "nosniff",
      // The proxy does not run before photo files (they are served as fast as the cache allows).
      "Content-Security-Policy": API_POLICY,
    },
  });
}
