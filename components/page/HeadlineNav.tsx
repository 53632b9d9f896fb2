import Link from "next/link";
import type { PageLayout, StoryBlock } from "@/lib/issues/layout";
import { leadText } from "@/lib/stories/body";
import { pageLabel, photoUrl } from "@/lib/format";
import { SIZE_LABELS } from "@/lib/issues/labels";
import { formatMoment } from "@/lib/core/dates";
import { headlineOf, JumpLine } from "@/components/page/PageBlocks";
import type { PageLinks } from "@/components/page/page-links";
import { PhotoSetCover } from "@/components/page/PhotoSetOnPage";
import { photoSetLabel } from "@/lib/stories/photo-story";

// 标题导航: the page's headlines. Beside the page on a desktop; on a phone it stands in for the
// page itself, each story as its headline, first lines and first photo, linking to the story.

function storyBlocks(layout: PageLayout, withheld: string[]): Map<string, StoryBlock> {
  return new Map(layout.blocks.flatMap((b) => (b.type === "story" && !withheld.includes(b.placementId) ? [[b.id, b] as const] : [])));
}

export function HeadlineNav({ layout, withheld, links }: { layout: PageLayout; withheld: string[]; links: NonNullable<PageLinks> }) {
  const blocks = storyBlocks(layout, withheld);
  // Only what this viewer may read: another writer's unreleased copy is not listed at all.
  const headlines = layout.headlines.filter((h) => blocks.has(h.id));
  return (
    <nav aria-label="标题导航" className="headline-nav no-print hidden border-t-2 border-masthead pt-2 lg:sticky lg:top-4 lg:block">
      <h2 className="mb-2 text-sm font-semibold text-masthead">标题导航</h2>
      {headlines.length === 0 && <p className="text-sm text-stone-500">本版暂无稿件</p>}
      <ol className="space-y-2 text-sm">
        {headlines.map((h) => {
          const block = blocks.get(h.id);
          return (
            <li key={h.id} className="border-b border-stone-200 pb-2">
              <Link href={links.story(h.id)} className="block hover:text-masthead hover:underline">
                {h.kicker && <span className="block text-xs text-stone-600">{h.kicker}</span>}
                <span className={block?.isLead ? "font-serif font-bold" : ""}>{block && headlineOf(block.story)}</span>
                {block?.gallery && <span className="ml-1 whitespace-nowrap text-xs text-masthead">{photoSetLabel(block.gallery.count)}</span>}
              </Link>
              {h.continuedFrom && <span className="text-xs text-stone-500">上接{pageLabel(h.continuedFrom.number)}</span>}
              {h.jumpTo && <span className="text-xs text-stone-500">下转{pageLabel(h.jumpTo.number)}</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The page on a phone: every story shortened to what makes a reader open it. */
export function HeadlineCards({ layout, withheld, links }: { layout: PageLayout; withheld: string[]; links: NonNullable<PageLinks> }) {
  return (
    <ol aria-label="本版稿件" className="page-cards space-y-4 md:hidden">
      {layout.blocks.map((block, i) => {
        if (block.type === "reserved") return null;
        if (withheld.includes(block.placementId)) {
          return <li key={block.placementId} className="bg-stone-100 p-2 text-xs text-stone-600">其他稿件（见报前仅编辑可见）</li>;
        }
        if (block.type === "slot") {
          return (
            <li key={block.placementId} className="planned-space border-2 border-dashed border-stone-400 p-3 text-sm">
              <p className="text-xs font-semibold text-stone-600">计划稿 · {SIZE_LABELS[block.size]}</p>
              <p className="font-serif font-bold">{block.topic}</p>
              <p className="text-xs text-stone-700">
                {block.assignee?.name ?? "未派"} · {block.targetLength ?? "字数未定"}字{block.deadline && ` · 截稿 ${formatMoment(block.deadline)}`}
              </p>
            </li>
          );
        }
        return <StoryCard key={block.placementId} block={block} links={links} first={i === 0} />;
      })}
    </ol>
  );
}

function StoryCard({ block, links, first }: { block: StoryBlock; links: NonNullable<PageLinks>; first: boolean }) {
  const { story, gallery } = block;
  // A 组图 always shows its cover with the count: its photos are what a reader opens it for.
  const photo = gallery ? null : block.body.find((b) => b.type === "photo");
  const size = photo?.type === "photo" ? story.photoSizes[photo.photoId] : undefined;
  // The lead's photo runs across the screen; the others sit small beside their headline.
  const wide = first && block.isLead;
  return (
    <li className="border-b border-stone-300 pb-4">
      {block.continuedFrom && <JumpLine to={block.continuedFrom} direction="from" storyId={story.id} links={links} className="mb-1" />}
      {photo?.type === "photo" && wide && (
        <img src={photoUrl(photo.photoId, "w960")} width={size?.width ?? 960} height={size?.height ?? 640} alt={photo.altText || photo.caption} className="mb-2 h-auto w-full bg-stone-200" />
      )}
      {gallery && <PhotoSetCover set={gallery} sizes={story.photoSizes} href={links.story(story.id)} imageSizes="100vw" priority={first} />}
      <div className="flex gap-3">
        <div className="min-w-0 flex-1">
          {story.kicker && <p className="font-serif text-sm text-stone-700">{story.kicker}</p>}
          <h2 className={`font-serif font-bold leading-snug ${wide ? "text-2xl" : "text-lg"}`}>
            <Link href={links.story(story.id)} className="hover:text-masthead hover:underline">{headlineOf(story)}</Link>
          </h2>
          <p className="mt-1 line-clamp-3 text-sm leading-relaxed text-stone-700">{leadText(block.body, 70)}</p>
        </div>
        {photo?.type === "photo" && !wide && (
          <img src={photoUrl(photo.photoId, "w480")} width={size?.width ?? 480} height={size?.height ?? 320} alt={photo.altText || photo.caption} loading="lazy" className="h-auto w-24 shrink-0 self-start bg-stone-200" />
        )}
      </div>
      {block.jumpTo && <JumpLine to={block.jumpTo} direction="next" storyId={story.id} links={links} className="mt-1" />}
    </li>
  );
}
