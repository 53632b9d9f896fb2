import Link from "next/link";
import type { PageView, ReaderStory } from "@/lib/reader/queries";
import { Headline } from "@/components/reader/Headline";
import { StoryBody } from "@/components/reader/StoryBody";
import { StoryPhoto } from "@/components/reader/StoryPhoto";
import { IssueBar } from "@/components/reader/IssueBar";
import { leadText } from "@/lib/stories/body";

// One printed page rebuilt with CSS: the lead across the top in columns, photo news beside the
// briefs below it. Every story links to its own page.
export function PageLayout({ view }: { view: PageView }) {
  const { issue, page, stories } = view;
  const [lead, ...rest] = stories;
  const photoNews = rest.filter((s) => s.kind === "PHOTO_NEWS");
  const others = rest.filter((s) => s.kind !== "PHOTO_NEWS");
  const index = issue.pages.findIndex((p) => p.number === page.number);
  const previous = issue.pages[index - 1];
  const next = issue.pages[index + 1];
  return (
    <>
      <IssueBar issue={issue} currentPage={page.number} />
      <h1 className="mb-4 text-sm font-semibold tracking-wide text-masthead">
        第{page.number}版 · {page.name}
      </h1>
      {stories.length === 0 && <p className="text-stone-600">本版暂无稿件。</p>}
      {lead && (
        <article className="mb-8 border-b-2 border-ink pb-6" aria-labelledby={`h-${lead.id}`}>
          <StoryHeadline story={lead} size="xl" />
          <p className="mb-3 text-sm text-stone-600">{lead.byline}</p>
          <div className="columns-newspaper md:columns-2 lg:columns-3">
            <StoryBody body={lead.body} dateline={lead.dateline} photoSizes={lead.photoSizes} firstPhotoPriority />
          </div>
        </article>
      )}
      <div className="grid gap-8 md:grid-cols-3">
        {photoNews.length > 0 && (
          <div className="space-y-6 md:col-span-1">
            {photoNews.map((s) => (
              <PhotoNews key={s.id} story={s} />
            ))}
          </div>
        )}
        <div className={`space-y-6 ${photoNews.length > 0 ? "md:col-span-2" : "md:col-span-3 md:columns-2 md:block"}`}>
          {others.map((s) => (
            <article key={s.id} className="break-inside-avoid border-b border-stone-300 pb-4" aria-labelledby={`h-${s.id}`}>
              <StoryHeadline story={s} size="md" />
              {s.kind !== "NEWS_BRIEF" && s.byline && <p className="mb-2 text-sm text-stone-600">{s.byline}</p>}
              <StoryBody body={s.body} dateline={s.dateline} photoSizes={s.photoSizes} />
            </article>
          ))}
        </div>
      </div>
      <nav aria-label="翻版" className="no-print mt-8 flex justify-between text-sm">
        {previous ? <Link href={`/issues/${issue.date}/pages/${previous.number}`} className="hover:text-masthead">← 上一版：{previous.name}</Link> : <span />}
        {next ? <Link href={`/issues/${issue.date}/pages/${next.number}`} className="hover:text-masthead">下一版：{next.name} →</Link> : <span />}
      </nav>
    </>
  );
}

function StoryHeadline({ story, size }: { story: ReaderStory; size: "xl" | "md" }) {
  return (
    <div id={`h-${story.id}`}>
      <Headline kicker={story.kicker} headline={story.headline || "图片新闻"} subheadline={story.subheadline} href={`/stories/${story.id}`} size={size} />
    </div>
  );
}

function PhotoNews({ story }: { story: ReaderStory }) {
  const photo = story.body.find((b) => b.type === "photo");
  const text = story.body.filter((b) => b.type === "paragraph");
  return (
    <article className="break-inside-avoid" aria-label={story.headline || leadText(story.body, 20)}>
      {story.headline && (
        <h2 className="font-serif text-lg font-bold">
          <Link href={`/stories/${story.id}`} className="hover:text-masthead hover:underline">{story.headline}</Link>
        </h2>
      )}
      {photo && photo.type === "photo" && <StoryPhoto block={photo} size={story.photoSizes[photo.photoId]} sizes="(max-width: 768px) 100vw, 360px" />}
      {text.map((b, i) => (
        <p key={i} className="text-sm leading-relaxed">{b.type === "paragraph" ? b.text : null}</p>
      ))}
      {!story.headline && (
        <Link href={`/stories/${story.id}`} className="text-sm text-masthead underline">查看图片新闻</Link>
      )}
    </article>
  );
}
