import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { storyView } from "@/lib/reader/queries";
import { Headline } from "@/components/reader/Headline";
import { StoryBody } from "@/components/reader/StoryBody";
import { formatIssueDate, formatMoment } from "@/lib/format";
import { leadText } from "@/lib/stories/body";
import { KIND_LABELS } from "@/lib/validation/story";

export const revalidate = 3600;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ id: string }> };

async function load(params: Props["params"]) {
  const { id } = await params;
  return /^[a-z0-9]{10,40}$/i.test(id) ? storyView(id) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const story = await load(params);
  if (!story) return { title: "找不到这篇稿件" };
  return { title: story.headline || KIND_LABELS[story.kind], description: leadText(story.body, 100) };
}

export default async function StoryPage({ params }: Props) {
  const story = await load(params);
  if (!story) notFound();
  return (
    <article className="mx-auto max-w-3xl" aria-labelledby="story-title">
      <nav aria-label="位置" className="no-print mb-4 text-sm text-stone-600">
        <Link href={`/issues/${story.issueDate}`} className="hover:text-masthead">{formatIssueDate(story.issueDate, false)}</Link>
        <span className="mx-2">›</span>
        <Link href={`/issues/${story.issueDate}/pages/${story.page.number}`} className="hover:text-masthead">
          第{story.page.number}版 {story.page.name}
        </Link>
      </nav>
      <div id="story-title">
        <Headline as="h1" size="lg" kicker={story.kicker} headline={story.headline || KIND_LABELS[story.kind]} subheadline={story.subheadline} />
      </div>
      <p className="mb-6 text-sm text-stone-600">
        <span>{story.byline}</span>
        {story.publishedAt && (
          <time dateTime={story.publishedAt} className="ml-3">
            发布于 {formatMoment(story.publishedAt)}
          </time>
        )}
      </p>
      <StoryBody body={story.body} dateline={story.dateline} photoSizes={story.photoSizes} firstPhotoPriority />
      {story.corrections.length > 0 && (
        <aside aria-label="更正" className="mt-6 border-l-4 border-amber-500 bg-amber-50 p-3 text-sm">
          {story.corrections.map((c, i) => (
            <p key={i}>
              <strong>更正（{formatMoment(c.createdAt)}）：</strong>
              {c.body}
            </p>
          ))}
        </aside>
      )}
      {story.tags.length > 0 && (
        <ul aria-label="标签" className="mt-8 flex flex-wrap gap-2 text-sm">
          {story.tags.map((t) => (
            <li key={t.name} className="rounded-full border border-stone-300 bg-white px-3 py-1 text-stone-700">
              <span className="mr-1 text-xs text-stone-500">{t.kind === "PLACE" ? "地点" : "话题"}</span>
              {t.name}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
