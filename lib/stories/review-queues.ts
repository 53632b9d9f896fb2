import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { forbidden } from "@/lib/core/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { listSelect, toListItem, type StoryListItem } from "@/lib/stories/queries";
import { waitingFor, type ReviewStep } from "@/lib/stories/review-chain";
import { paperChain } from "@/lib/stories/reviews";
import { BEFORE_PUBLICATION_ON_DESK } from "@/lib/stories/workflow";

// Each step's queue (待初审 / 待复审 / 待终审): copy on the desk or already on a page whose review
// has reached the step before, oldest wait first. Served by Story(reviewedTo, status, reviewMovedAt).


export type QueueItem = StoryListItem & {
  /** Since when it has waited for this step: its (re)submission or its last move in the chain. */
  waitingSince: Date | null;
  /** The page it is placed on or planned for, if any. */
  page: { issueDate: Date; number: number; name: string } | null;
};

export type ReviewQueues = { chain: readonly ReviewStep[]; counts: Partial<Record<ReviewStep, number>> };

function queueWhere(chain: readonly ReviewStep[], step: ReviewStep): Prisma.StoryWhereInput {
  const from = waitingFor(chain, step);
  const passed = from.filter((s): s is ReviewStep => s !== null);
  return {
    // Review copy is on the desk, or planned onto a page before its 终审.
    status: { in: [...BEFORE_PUBLICATION_ON_DESK] },
    OR: [...(from.includes(null) ? [{ reviewedTo: null }] : []), ...(passed.length ? [{ reviewedTo: { in: passed } }] : [])],
  };
}

/** How many stories wait at each step of the paper's chain. */
export async function reviewQueueCounts(actor: SessionUser): Promise<ReviewQueues> {
  if (!can(actor.role, "desk:review")) throw forbidden();
  const chain = await paperChain();
  const counts = await Promise.all(chain.map((step) => db().story.count({ where: queueWhere(chain, step) })));
  return { chain, counts: Object.fromEntries(chain.map((step, i) => [step, counts[i]])) };
}

const pageSelect = { select: { number: true, name: true, issue: { select: { date: true } } } } as const;

/** One step's queue, oldest wait first. */
export async function reviewQueue(actor: SessionUser, step: ReviewStep, take = 200): Promise<QueueItem[]> {
  if (!can(actor.role, "desk:review")) throw forbidden();
  const chain = await paperChain();
  if (!chain.includes(step)) return [];
  const rows = await db().story.findMany({
    where: queueWhere(chain, step),
    select: { ...listSelect, reviewMovedAt: true, placement: { select: { page: pageSelect } }, filedFor: { select: { page: pageSelect } } },
    // Each waits since it reached this step: its submission, or its last move in the chain.
    orderBy: [{ reviewMovedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take,
  });
  return rows.map(({ reviewMovedAt, placement, filedFor, ...row }) => {
    const page = placement?.page ?? filedFor?.page ?? null;
    return {
      ...toListItem(row),
      waitingSince: reviewMovedAt ?? row.submittedAt,
      page: page ? { issueDate: page.issue.date, number: page.number, name: page.name } : null,
    };
  });
}
