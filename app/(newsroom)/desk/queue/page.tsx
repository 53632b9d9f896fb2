import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { listDeskStories } from "@/lib/stories/queries";
import { StoryTable } from "@/components/desk/StoryTable";
import { Flash } from "@/components/desk/Flash";
import { readFlash } from "@/lib/core/flash";

export const metadata: Metadata = { title: "待审稿件" };

export default async function QueuePage({ searchParams }: { searchParams: Promise<{ done?: string; seal?: string }> }) {
  const user = await requireCapability("desk:review");
  const [waiting, approved, { done, seal }] = await Promise.all([
    listDeskStories(user, ["SUBMITTED", "IN_EDIT"]),
    listDeskStories(user, ["APPROVED"]),
    searchParams,
  ]);
  return (
    <>
      <Flash message={readFlash({ done, seal })} />
      <h1 className="mb-4 text-2xl font-bold">待审稿件</h1>
      <StoryTable stories={waiting} empty="没有等待审阅的稿件。" showAuthor />
      <h2 className="mt-8 mb-3 text-lg font-bold">已通过，待上版</h2>
      <StoryTable stories={approved} empty="没有待上版的稿件。" showAuthor />
    </>
  );
}
