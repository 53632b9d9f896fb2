import Link from "next/link";
import type { Metadata } from "next";
import { env } from "@/lib/platform/env";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/core/session";
import { getStoryForEdit, listTags } from "@/lib/stories/queries";
import { DomainError } from "@/lib/core/errors";
import { StoryEditor } from "@/components/desk/StoryEditor";
import { accountCredit } from "@/lib/contributors/byline";
import { AfterPublicationForms } from "@/components/desk/AfterPublicationForms";
import { can } from "@/lib/core/roles";
import { NoteThread } from "@/components/desk/NoteThread";
import { StatusBadge } from "@/components/desk/StatusBadge";
import { afterPublicationAction, noteAction, rateStoryAction } from "../actions";
import { RatingPanel } from "@/components/desk/RatingPanel";
import { storyRating } from "@/lib/fees/ratings";
import { storyEditorCalls } from "../editor-calls";
import { formatIssueDate, issueDateToString } from "@/lib/core/dates";
import { readFlash } from "@/lib/core/flash";
import { pageLabel } from "@/lib/format";
import { isReaderVisible } from "@/lib/print-record/in-print";
import { contentOf } from "@/lib/stories/schema";
import { ReviewChain } from "@/components/desk/ReviewChain";
import { decideReview, dueStep, sendBackTargets, STEP_LABELS } from "@/lib/stories/review-chain";
import { sheetRevisions } from "@/lib/stories/reviews";
import { BEFORE_PUBLICATION_ON_DESK, passActionOf } from "@/lib/stories/workflow";


export const metadata: Metadata = { title: "稿件" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string; seal?: string }> };

export default async function StoryPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const { done, seal } = await searchParams;
  const story = await getStoryForEdit(user, id).catch((e) => {
    if (e instanceof DomainError && e.code === "not_found") notFound();
    throw e;
  });
  const tags = await listTags(user);
  // The chain is shown for copy under review, and for any copy that has sheets to show.
  const underReview = (BEFORE_PUBLICATION_ON_DESK as readonly string[]).includes(story.status);
  const review = story.review && (underReview || story.review.sheets.length > 0) ? story.review : null;
  const revisions = review ? await sheetRevisions(story.id, review.sheets) : null;
  // Offered to the desk once copy is going in, and after; rateStory (lib/fees/ratings.ts) decides.
  const gradable = can(user.role, "desk:review") && ["APPROVED", "PLACED", "PUBLISHED", "WITHDRAWN"].includes(story.status);
  const rating = gradable ? await storyRating(user, story.id) : null;
  const due = review ? dueStep(review.chain, review.reviewedTo) : null;
  // Why this reviewer is not offered the step due, when the chain is the reason (two steps, own copy).
  const verdict = review && underReview && due && !story.actions.includes(passActionOf(due)) ? decideReview("PASS", due, review, user) : null;
  const sendBackTo = review && story.actions.includes("sendBack")
    ? sendBackTargets(review).map((step) => ({ step, label: `${STEP_LABELS[step]}（${review.passedBy[step]?.name ?? ""}）` }))
    : [];
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{story.headline || "（无标题）"}</h1>
        <StatusBadge status={story.status} />
        <span className="text-sm text-stone-600">发稿账号：{story.author.name}</span>
        {story.placement && (
          <span className="text-sm text-stone-600">
            {formatIssueDate(issueDateToString(story.placement.issueDate), false)} {pageLabel(story.placement.pageNumber)} {story.placement.pageName}
          </span>
        )}
        {isReaderVisible(story) && (
          <Link href={`/stories/${story.id}`} className="text-sm text-masthead underline">在读者版查看</Link>
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
        <StoryEditor
          key={story.id}
          story={{ ...contentOf(story), id: story.id, version: story.version, updatedAt: story.updatedAt.toISOString() }}
          actions={story.actions}
          server={storyEditorCalls}
          allTags={tags}
        photoMaxBytes={env().PHOTO_MAX_BYTES}
          canTakeOver={can(user.role, "desk:review") && story.actions.includes("edit")}
          confirmation={readFlash({ done, seal })}
          filer={story.author.id === user.id ? accountCredit(user) : undefined}
          sendBackTo={sendBackTo}
        />
        <aside className="space-y-4">
          {review && revisions && <ReviewChain storyId={story.id} review={review} revisions={revisions} />}
          {verdict && !verdict.allowed && (
            <p role="note" data-testid="review-refusal" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
              {verdict.reason}
            </p>
          )}
          {(story.actions.includes("correct") || story.actions.includes("withdraw")) && (
            <AfterPublicationForms
              storyId={story.id}
              version={story.version}
              canCorrect={story.actions.includes("correct")}
              canWithdraw={story.actions.includes("withdraw")}
              action={afterPublicationAction}
            />
          )}
          {gradable && <RatingPanel storyId={story.id} rating={rating} action={rateStoryAction} />}
          <NoteThread notes={story.notes} storyId={story.id} noteAction={story.actions.includes("note") ? noteAction : undefined} />
          <Link href={`/desk/stories/${story.id}/history`} className="btn w-full justify-center">历史版本与对比</Link>
        </aside>
      </div>
    </>
  );
}
