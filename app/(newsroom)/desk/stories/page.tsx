import Link from "next/link";
import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { listMyStories } from "@/lib/stories/queries";
import { StoryTable } from "@/components/desk/StoryTable";
import { Flash } from "@/components/desk/Flash";
import { readFlash } from "@/lib/core/flash";

export const metadata: Metadata = { title: "我的稿件" };

export default async function MyStoriesPage({ searchParams }: { searchParams: Promise<{ done?: string; seal?: string }> }) {
  const user = await requireCapability("story:file");
  const [stories, { done, seal }] = await Promise.all([listMyStories(user), searchParams]);
  return (
    <>
      <Flash message={readFlash({ done, seal })} />
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-bold">我的稿件</h1>
        <Link href="/desk/stories/new" className="btn-primary">写新稿</Link>
      </div>
      <StoryTable stories={stories} empty="你还没有稿件。点“写新稿”开始。" />
    </>
  );
}
