import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { findReadablePhoto } from "@/lib/photos/queries";
import { photoStore } from "@/lib/platform/storage";
import { currentUser } from "@/lib/core/session";
import { isRecordId } from "@/lib/core/ids";
import { API_POLICY } from "@/lib/platform/security-headers";

const FILES = new Set(["w480", "w960", "w1600", "original"]);
type Route = { params: Promise<{ id: string; file: string }> };

// Serves a photo's derivative (or original), streamed from the photo store. Published photos are
// public and cacheable; unpublished ones only to those who may see the story.
export async function GET(request: Request, { params }: Route) {
  return servePhotoFile(request, await params, true);
}

export async function HEAD(request: Request, { params }: Route) {
  return servePhotoFile(request, await params, false);
}

// A stored 404 would hide a photo once its story is published.
const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });

async function servePhotoFile(request: Request, { id, file }: { id: string; file: string }, withBody: boolean) {
  if (!FILES.has(file) || !isRecordId(id)) return notFound();
  const photo = await findReadablePhoto(id);
  // Originals keep the camera's metadata (place, device): only the newsroom gets them.
  if (!photo || (file === "original" && photo.isPublic && !(await currentUser()))) return notFound();
  const name = file === "original" ? `original.${photo.extension}` : `${file}.webp`;
  const headers = {
    // Files never change in place, so where they are stored names their content.
    ETag: `"${createHash("sha256").update(`${photo.storageKey}/${name}`).digest("base64url").slice(0, 27)}"`,
    // Browsers keep a public size a day; the front cache keeps it long, and is told to drop it when
    // the story is withdrawn (a withdrawn story's photos must leave shared caches too). Originals and
    // unpublished photos are never kept by anyone.
    "Cache-Control": photo.isPublic && file !== "original" ? "public, max-age=86400, s-maxage=31536000" : "private, no-store",
  };
  if (matchesETag(request.headers.get("if-none-match"), headers.ETag)) return new Response(null, { status: 304, headers });

  const fileHeaders = (size: number) => ({
    ...headers,
    "Content-Type": file === "original" ? photo.mimeType : "image/webp",
    // Next 16 leaves this header out on the wire (its send-response drops it) and sends the body chunked.
    "Content-Length": String(size),
    "X-Content-Type-Options": "nosniff",
    // The proxy does not run before photo files (they are served as fast as the cache allows).
    "Content-Security-Policy": API_POLICY,
  });
  const store = photoStore();
  if (!withBody) {
    const size = await store.size(photo.storageKey, name);
    return size === null ? notFound() : new Response(null, { headers: fileHeaders(size) });
  }
  const stored = await store.get(photo.storageKey, name);
  if (!stored) return notFound();
  // Streamed as the store yields it: a 15 MB original never sits whole in memory.
  return new Response(Readable.toWeb(stored.body) as ReadableStream<Uint8Array>, { headers: fileHeaders(stored.size) });
}

/** If-None-Match compares weakly (RFC 9110): W/"x" matches "x", and * matches any file. */
function matchesETag(header: string | null, etag: string): boolean {
  return !!header && header.split(",").some((tag) => ["*", etag].includes(tag.trim().replace(/^W\//, "")));
}
