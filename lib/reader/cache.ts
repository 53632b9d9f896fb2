import "server-only";
import { revalidatePath, revalidateTag } from "next/cache";
import { READER_CACHE_TAG } from "@/lib/reader/queries";

/**
 * Called after anything readers can see has changed (an issue published, later a correction or a
 * withdrawal): drops every cached reader query and page, so the next visitor gets fresh content.
 */
export function refreshReaderPages(): void {
  revalidateTag(READER_CACHE_TAG, { expire: 0 });
  revalidatePath("/", "layout");
}
