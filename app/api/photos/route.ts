import { env } from "@/lib/platform/env";
import { streamedUpload } from "@/lib/core/upload-route";
import { uploadPhoto } from "@/lib/photos/mutations";
import { readUploadForm } from "@/lib/photos/upload-body";
import { decodeQueueFull, serverBusyWithPhotos } from "@/lib/photos/ingest";

// Photo upload from the story editor: multipart form with `file` (and optional caption, credit, altText),
// read as it arrives and refused (413) the moment it passes PHOTO_MAX_BYTES.
export async function POST(request: Request) {
  return streamedUpload(request, async (user, bodyRead) => {
    // Full queue: say so before reading a body that would only wait in memory.
    if (decodeQueueFull()) throw serverBusyWithPhotos();
    const { photo, ...texts } = await readUploadForm(request, env().PHOTO_MAX_BYTES);
    bodyRead();
    return Response.json(await uploadPhoto(user, photo, texts), { status: 201 });
  });
}
