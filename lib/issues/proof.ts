import "server-only";
import { emptyHead } from "@/lib/stories/schema";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { isRecordId } from "@/lib/core/ids";
import { loadPageView, type PageView } from "@/lib/issues/page-view";
import type { PageBlock } from "@/lib/issues/layout";
import { storiesPrintedOn } from "@/lib/print-record/in-print";

// Who may read a page's proof (大样) before release, and what of it. The one place for the rule.
//  - editors and chief editors: any page of any issue, everything on it;
//  - a correspondent: only a page carrying a story they wrote (here or continued here) or a slot
//    assigned to them. Anything else is "not found" (404), so a proof does not even tell them a page
//    exists. On their page, others' unreleased copy stays theirs until release (correspondents see
//    only their own work before publication): those blocks are drawn as taken space, without text;
//  - administrators: not found (they run accounts, not copy).
// Visitors without a session never get here: the desk layout and proxy.ts send them to sign-in.

export async function proofPageView(actor: SessionUser, issueId: string, number: number): Promise<PageView | null> {
  if (!isRecordId(issueId) || !Number.isInteger(number) || number < 1) return null;
  if (can(actor.role, "issue:assemble")) return loadPageView({ issueId }, number, false);
  if (!can(actor.role, "story:file")) return null;
  const own = await ownWorkOnPage(actor, issueId, number);
  if (own.size === 0) return null;
  const view = await loadPageView({ issueId }, number, false);
  return view && withholdOthers(view, own);
}

/** The placements on the page that are the actor's: their stories, continuations of them, slots assigned to them. */
async function ownWorkOnPage(actor: SessionUser, issueId: string, number: number): Promise<Set<string>> {
  const page = { issueId, number };
  const rows = await db().placement.findMany({
    where: { OR: [{ page, assigneeId: actor.id }, { AND: [storiesPrintedOn(page), { story: { authorId: actor.id } }] }] },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
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
