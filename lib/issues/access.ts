import type { Prisma } from "@/lib/generated/prisma/client";
import { can, type Role } from "@/lib/core/roles";
import { storyAccess } from "@/lib/stories/access";
import type { StoryStatus } from "@/lib/stories/workflow";
import { pagesPrinting } from "@/lib/print-record/in-print";

// Who may open a page's proof (大样) in the back office, written once and asked two ways: `where`
// for a list of pages (a Prisma condition) and `may` for one page in hand, with the facts
// `pageAccessSelect` loads. tests/integration/access.test.ts seeds pages holding every kind of
// placement for every role and checks the two agree. Readers see released pages through the
// e-paper (lib/issues/page-view.ts, published), not through this.
//
//  - the desk (who arranges issues): every page;
//  - someone who files copy: a page carrying a placement of theirs, a story they may open (their
//    own, placed here or continued here) or a planned slot assigned to them; on it, the others'
//    placements are withheld (drawn as taken space) until release: `mayReadPlacement`;
//  - anyone else (administrators): no page.

type Actor = { id: string; role: Role };

/** A placement as access reads it: the story it carries (if any) and whom a slot is assigned to. */
export type PlacementFacts = { id: string; assigneeId: string | null; story: { status: StoryStatus; authorId: string } | null };
/** A page as access reads it: its own placements and those continued onto it (上接). */
export type PageFacts = { placements: PlacementFacts[]; arriving: PlacementFacts[] };

const placementFactsSelect = { id: true, assigneeId: true, story: { select: { status: true, authorId: true } } } as const satisfies Prisma.PlacementSelect;
/** What `pageAccess.may` reads of a page. */
export const pageAccessSelect = { placements: { select: placementFactsSelect }, arriving: { select: placementFactsSelect } } as const satisfies Prisma.PageSelect;

// The desk, and the 校对 who proofread its pages, read everything on any page.
const isDesk = (actor: Actor) => can(actor.role, "issue:assemble") || can(actor.role, "page:proofread");
/** The desk reads everything on any page; anyone else only what `mayReadPlacement` allows. */
export const seesWholePage = isDesk;
const filesCopy = (actor: Actor) => can(actor.role, "story:file");

/** May `actor` read this placement's copy on a proof before release. */
export function mayReadPlacement(actor: Actor, placement: PlacementFacts): boolean {
  if (isDesk(actor)) return true;
  if (!filesCopy(actor)) return false;
  return placement.assigneeId === actor.id || (placement.story !== null && storyAccess.may(actor, placement.story));
}

/**
 * What a page prints, as access reads it: its own placements, and the stories continued onto it
 * (an arriving placement is someone else's slot only on the page it was planned on).
 */
export function printedHere(page: PageFacts): PlacementFacts[] {
  return [...page.placements, ...page.arriving.filter((p) => p.story !== null).map((p) => ({ ...p, assigneeId: null }))];
}

export const pageAccess = {
  /** The pages whose proof `actor` may open, as a condition on Page. */
  where(actor: Actor): Prisma.PageWhereInput {
    if (isDesk(actor)) return {};
    if (!filesCopy(actor)) return { id: { in: [] } };
    // A slot counts on its own page; a story on the page it is placed on and the one it continues on.
    return { OR: [{ placements: { some: { assigneeId: actor.id } } }, pagesPrinting({ story: storyAccess.where(actor) })] };
  },
  /** May `actor` open this page's proof. */
  may(actor: Actor, page: PageFacts): boolean {
    return isDesk(actor) || printedHere(page).some((p) => mayReadPlacement(actor, p));
  },
};
