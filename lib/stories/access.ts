import type { Prisma } from "@/lib/generated/prisma/client";
import { isEditorRole, type Role } from "@/lib/core/roles";
import { STORY_STATUSES, type StoryStatus } from "@/lib/stories/workflow";

// Who may open a story in the back office, written once as grants and asked two ways: `where` for a
// list (a Prisma condition) and `may` for one story in hand. tests/integration/access.test.ts seeds
// every state for every role and checks the two answers agree. Readers see published stories
// through the e-paper (lib/print-record/in-print.ts), not through this.

type Actor = { id: string; role: Role };

/** A grant: whom it is for (the story's author, or the desk), and in which states. */
type Grant = { to: "author" | "desk"; states: readonly StoryStatus[] };

const GRANTS: readonly Grant[] = [
  // An author reads their own work in every state.
  { to: "author", states: STORY_STATUSES },
  // The desk reads everything once it has been submitted: never someone's draft.
  { to: "desk", states: STORY_STATUSES.filter((s) => s !== "DRAFT") },
];

const grantsOf = (actor: Actor) => GRANTS.filter((g) => g.to === "author" || isEditorRole(actor.role));

export const storyAccess = {
  /** The stories `actor` may open, as a condition on Story. */
  where(actor: Actor): Prisma.StoryWhereInput {
    return {
      OR: grantsOf(actor).map((g) => ({
        ...(g.to === "author" ? { authorId: actor.id } : {}),
        ...(g.states.length === STORY_STATUSES.length ? {} : { status: { in: [...g.states] } }),
      })),
    };
  },
  /** May `actor` open this story. */
  may(actor: Actor, story: { status: StoryStatus; authorId: string }): boolean {
    return grantsOf(actor).some((g) => (g.to === "desk" || story.authorId === actor.id) && g.states.includes(story.status));
  },
};
