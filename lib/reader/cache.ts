import "server-only";
import { revalidatePath, revalidateTag } from "next/cache";
import { READER_CACHE_TAG } from "@/lib/reader/queries";
import { banFrontCacheAfterResponse } from "@/lib/platform/front-cache";

/**
 * Called after anything readers can see has changed (an issue published, later a correction or a
 * withdrawal): drops every cached reader query and page, so the next visitor gets fresh content.
 */
export function refreshReaderPages(): void {
  revalidateTag(READER_CACHE_TAG, { expire: 0 });
  revalidatePath("/", "layout");
  // After the response, when Next has applied the two calls above (see lib/platform/front-cache.ts).
  banFrontCacheAfterResponse();
}
