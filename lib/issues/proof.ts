import "server-only";
import { emptyHead } from "@/lib/stories/schema";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { isRecordId } from "@/lib/core/ids";
import { loadPageView, type PageView } from "@/lib/issues/page-view";
import type { PageBlock } from "@/lib/issues/layout";
import { mayReadPlacement, pageAccess, pageAccessSelect, printedHere, seesWholePage } from "@/lib/issues/access";

// A page's proof (大样) before release, for whoever may open it (lib/issues/access.ts says who). The
// desk sees everything on it. Someone who files copy sees the page only when something on it is
// theirs, and on it only their own: others' unreleased copy stays theirs until release, drawn as
// taken space without text. Anyone else gets "not found" (404), so a proof does not even tell them
// a page exists. Visitors without a session never get here: the desk layout and proxy.ts send them to sign-in.

export async function proofPageView(actor: SessionUser, issueId: string, number: number): Promise<PageView | null> {
  if (!isRecordId(issueId) || !Number.isInteger(number) || number < 1) return null;
  const page = await db().page.findUnique({ where: { issueId_number: { issueId, number } }, select: pageAccessSelect });
  if (!page || !pageAccess.may(actor, page)) return null;
  const view = await loadPageView({ issueId }, number, false);
  if (!view || seesWholePage(actor)) return view;
  // Withheld unless known to be theirs: a story placed between the two reads stays withheld.
  const own = new Set(printedHere(page).filter((p) => mayReadPlacement(actor, p)).map((p) => p.id));
  return withholdOthers(view, own);
}

function withholdOthers(view: PageView, own: Set<string>): PageView {
  const withheld: string[] = [];
  const blocks = view.layout.blocks.map((block): PageBlock => {
    if (block.type === "reserved" || own.has(block.placementId)) return block;
    withheld.push(block.placementId);
    if (block.type === "slot") return { ...block, topic: "", assignee: null, targetLength: null, deadline: null, filed: null };
    const { id, kind } = block.story;
    return { ...block, body: [], story: { id, kind, ...emptyHead(), body: [], photoSizes: {} } };
  });
  const shown = new Set(blocks.flatMap((b) => (b.type === "story" && !withheld.includes(b.placementId) ? [b.id] : [])));
  return { ...view, layout: { ...view.layout, blocks, headlines: view.layout.headlines.filter((h) => shown.has(h.id)) }, withheld };
}
