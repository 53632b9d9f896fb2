import "server-only";
import { db } from "@/lib/platform/db";

// Which stories have been withdrawn, for the proxy to answer 410 Gone at their reader address.
// Each app instance keeps the list for a few seconds, so a withdrawal reaches readers within
// seconds without a database query per page view.
const FRESH_FOR_MS = 3000;
let known: { ids: Set<string>; at: number } | null = null;
let loading: Promise<Set<string>> | null = null;

export async function withdrawnStoryIds(): Promise<Set<string>> {
  if (known && Date.now() - known.at < FRESH_FOR_MS) return known.ids;
  loading ??= db()
    .story.findMany({ where: { status: "WITHDRAWN" }, select: { id: true } })
    .then((rows) => {
      known = { ids: new Set(rows.map((r) => r.id)), at: Date.now() };
      return known.ids;
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}
