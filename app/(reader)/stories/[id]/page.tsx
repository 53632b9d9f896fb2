import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import type { Metadata } from "next";
import { isWithdrawn, storyView } from "@/lib/reader/queries";
import { Headline } from "@/components/reader/Headline";
import { StoryBody } from "@/components/reader/StoryBody";
import { JsonLd } from "@/components/reader/JsonLd";
import { pageLabel, photoUrl } from "@/lib/format";
import { leadText } from "@/lib/stories/body";
import { KIND_LABELS } from "@/lib/stories/schema";
import { PAPER } from "@/lib/paper";
import { siteUrl } from "@/lib/platform/env";
import { formatIssueDate, formatMoment } from "@/lib/core/dates";
import { isRecordId } from "@/lib/core/ids";
import { Byline } from "@/components/reader/LinkedNames";
import { Gallery } from "@/components/reader/Gallery";
import { introOf, photosOf } from "@/lib/stories/photo-story";

// None at build time: each address is rendered on its first visit, then kept (see the reader layout).
export const generateStaticParams = () => [];

type Props = { params: Promise<{ id: string }> };

async function load(params: Props["params"]) {
  const { id } = await params;
  return isRecordId(id) ? storyView(id) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const story = await load(params);
  if (!story) return { title: "找不到这篇稿件" };
  const title = story.headline || KIND_LABELS[story.kind];
  const description = leadText(story.body, 100);
  const [photo] = photosOf(story.body);
  return {
    title,
    description,
    alternates: { canonical: `/stories/${story.id}` },
    openGraph: {
      type: "article",
      title,
      description,
      url: `/stories/${story.id}`,
      publishedTime: story.publishedAt ?? undefined,
      authors: [story.byline],
      tags: story.tags.map((t) => t.name),
      images: photo ? [{ url: photoUrl(photo.photoId, "w1600"), alt: photo.altText || photo.caption }] : undefined,
    },
  };
}

export default async function StoryPage({ params }: Props) {
  const story = await load(params);
  if (!story) {
    // Pages cannot answer 410 Gone themselves; the withdrawn story's own address for it can.
    const { id } = await params;
    if (isRecordId(id) && (await isWithdrawn(id))) redirect(`/stories/${id}/withdrawn`);
    notFound();
  }
  const base = siteUrl();
  const photos = photosOf(story.body);
  // A 组图 reads as its introduction, then its photos one at a time; other stories as printed.
  const isPhotoStory = story.kind === "PHOTO_STORY" && photos.length > 0;
  const headline = story.headline || KIND_LABELS[story.kind];
  return (
    <article className="mx-auto max-w-3xl" aria-labelledby="story-title">
      <JsonLd
        data={{
          "@context": "https://schema.org",
          "@type": "NewsArticle",
          headline,
          alternativeHeadline: story.subheadline || undefined,
          description: leadText(story.body, 100),
          datePublished: story.publishedAt ?? undefined,
          author: story.credits.map((c) => ({ "@type": "Person", name: c.name, url: `${base}/authors/${c.slug}` })),
          publisher: { "@type": "NewsMediaOrganization", name: PAPER.name, url: base },
          image: photos.length > 0 ? photos.map((p) => ({ "@type": "ImageObject", url: `${base}${photoUrl(p.photoId, "w1600")}`, caption: p.caption || undefined, creditText: p.credit || undefined })) : undefined,
          keywords: story.tags.map((t) => t.name).join(",") || undefined,
          mainEntityOfPage: `${base}/stories/${story.id}`,
          printEdition: pageLabel(story.page.number),
          printSection: story.page.name,
        }}
      />
      <nav aria-label="位置" className="no-print mb-4 text-sm text-stone-600">
        <Link href={`/issues/${story.issueDate}`} className="hover:text-masthead">{formatIssueDate(story.issueDate, false)}</Link>
        <span className="mx-2">›</span>
        <Link href={`/issues/${story.issueDate}/pages/${story.page.number}`} className="hover:text-masthead">
          {pageLabel(story.page.number)} {story.page.name}
        </Link>
      </nav>
      <div id="story-title">
        <Headline as="h1" size="lg" kicker={story.kicker} headline={headline} subheadline={story.subheadline} />
      </div>
      <p className="mb-6 text-sm text-stone-600">
        <Byline byline={story.byline} credits={story.credits} />
        {story.publishedAt && (
          <time dateTime={story.publishedAt} className="ml-3">
            发布于 {formatMoment(story.publishedAt)}
          </time>
        )}
        <span className="ml-3">刊于{formatIssueDate(story.issueDate, false)}{pageLabel(story.page.number)}</span>
      </p>
      {isPhotoStory ? (
        <>
          <StoryBody body={introOf(story.body)} dateline={story.dateline} photoSizes={story.photoSizes} subheadAs="h2" />
          <Gallery photos={photos} sizes={story.photoSizes} credits={story.credits} />
        </>
      ) : (
        <StoryBody body={story.body} dateline={story.dateline} photoSizes={story.photoSizes} firstPhotoPriority credits={story.credits} subheadAs="h2" />
      )}
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
        <ul aria-label="标签" className="no-print mt-8 flex flex-wrap gap-2 text-sm">
          {story.tags.map((t) => (
            <li key={t.name}>
              <Link href={`/tags/${encodeURIComponent(t.name)}`} className="inline-block rounded-full border border-stone-300 bg-white px-3 py-1 text-stone-700 hover:border-masthead">
                <span className="mr-1 text-xs text-stone-500">{t.kind === "PLACE" ? "地点" : "话题"}</span>
                {t.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="本版稿件" className="no-print mt-8 grid gap-3 border-t border-stone-300 pt-4 text-sm sm:grid-cols-2">
        {story.previous ? (
          <Link href={`/stories/${story.previous.id}`} rel="prev" className="hover:text-masthead">
            <span className="block text-xs text-stone-500">本版上一篇</span>
            {story.previous.headline}
          </Link>
        ) : <span />}
        {story.next ? (
          <Link href={`/stories/${story.next.id}`} rel="next" className="text-right hover:text-masthead">
            <span className="block text-xs text-stone-500">本版下一篇</span>
            {story.next.headline}
          </Link>
        ) : <span />}
      </nav>
    </article>
  );
}
