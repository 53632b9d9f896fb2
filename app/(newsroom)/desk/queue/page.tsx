import Link from "next/link";
import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { listDeskStories } from "@/lib/stories/queries";
import { reviewQueue, reviewQueueCounts } from "@/lib/stories/review-queues";
import { ownStep, REVIEW_STEPS, STEP_LABELS, type ReviewStep } from "@/lib/stories/review-chain";
import { StoryTable } from "@/components/desk/StoryTable";
import { ReviewQueueTable } from "@/components/desk/ReviewQueueTable";
import { Flash } from "@/components/desk/Flash";
import { readFlash } from "@/lib/core/flash";

export const metadata: Metadata = { title: "待审稿件" };

type Search = { done?: string | string[]; seal?: string | string[]; step?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function QueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireCapability("desk:review");
  const search = await searchParams;
  const { chain, counts } = await reviewQueueCounts(user);
  const asked = one(search.step) as ReviewStep | undefined;
  // Each person's queue opens on the latest step their role takes (the 值班总编 on 终审).
  const step = asked && chain.includes(asked) && REVIEW_STEPS.includes(asked) ? asked : ownStep(chain, user.role);
  const [waiting, approved] = await Promise.all([reviewQueue(user, step), listDeskStories(user, ["APPROVED"])]);
  return (
    <>
      <Flash message={readFlash({ done: one(search.done), seal: one(search.seal) })} />
      <h1 className="mb-4 text-2xl font-bold">待审稿件</h1>
      <nav aria-label="审稿环节" className="mb-4 flex flex-wrap gap-2">
        {chain.map((s) => (
          <Link
            key={s}
            href={`/desk/queue?step=${s}`}
            aria-current={s === step ? "page" : undefined}
            className={`rounded border px-3 py-1.5 text-sm ${s === step ? "border-masthead bg-masthead text-white" : "border-stone-300 bg-white hover:border-masthead"}`}
          >
            待{STEP_LABELS[s]} <span className="tabular-nums" data-testid={`queue-count-${s}`}>{counts[s] ?? 0}</span>
          </Link>
        ))}
      </nav>
      <h2 className="sr-only">待{STEP_LABELS[step]}</h2>
      <ReviewQueueTable stories={waiting} empty={`没有等待${STEP_LABELS[step]}的稿件。`} now={new Date()} />
      <h2 className="mt-8 mb-3 text-lg font-bold">可上版，未排版</h2>
      <StoryTable stories={approved} empty="没有待上版的稿件。" showAuthor />
    </>
  );
}
