import Link from "next/link";
import type { PageBlock, PageRef, ReservedBlock, SlotBlock, StoryBlock } from "@/lib/issues/layout";
import type { SizeClass } from "@/lib/issues/page-plan";
import { RESERVED_KINDS } from "@/lib/issues/page-plan";
import { SIZE_LABELS } from "@/lib/issues/labels";
import { STATUS_LABELS, type StoryStatus } from "@/lib/stories/workflow";
import { formatMoment } from "@/lib/core/dates";
import { leadText } from "@/lib/stories/body";
import { Headline } from "@/components/reader/Headline";
import { StoryBody } from "@/components/reader/StoryBody";
import { StoryPhoto } from "@/components/reader/StoryPhoto";
import type { PageLinks } from "@/components/page/page-links";
import { PhotoSetCaptions, PhotoSetCover, PhotoSetGrid } from "@/components/page/PhotoSetOnPage";
import { introOf } from "@/lib/stories/photo-story";
import { pageLabel } from "@/lib/format";

// The blocks of a printed page on its grid: stories (text set in as many columns as the block
// spans), planned slots and reserved areas (desk only), and others' copy withheld from a viewer.

// Written out so Tailwind generates every one; a page format has at most 12 columns.
const COLUMN_SPANS = ["col-span-1", "col-span-2", "col-span-3", "col-span-4", "col-span-5", "col-span-6", "col-span-7", "col-span-8", "col-span-9", "col-span-10", "col-span-11", "col-span-12"];
const TEXT_COLUMNS = ["columns-1", "columns-2", "columns-3", "columns-4", "columns-5", "columns-6", "columns-7", "columns-8", "columns-9", "columns-10", "columns-11", "columns-12"];
export const GRID_COLUMNS = ["grid-cols-1", "grid-cols-2", "grid-cols-3", "grid-cols-4", "grid-cols-5", "grid-cols-6", "grid-cols-7", "grid-cols-8", "grid-cols-9", "grid-cols-10", "grid-cols-11", "grid-cols-12"];
const pick = (table: string[], n: number) => table[Math.min(Math.max(n, 1), table.length) - 1];

// A reserved area runs across the page; its height is its share of an A3 page (√2 times as tall
// as wide), in steps of 5%.
const RESERVED_HEIGHTS = [
  "aspect-[100/7]", "aspect-[100/14]", "aspect-[100/21]", "aspect-[100/28]", "aspect-[100/35]", "aspect-[100/42]", "aspect-[100/49]",
  "aspect-[100/57]", "aspect-[100/64]", "aspect-[100/71]", "aspect-[100/78]", "aspect-[100/85]", "aspect-[100/92]", "aspect-[100/99]",
  "aspect-[100/106]", "aspect-[100/113]", "aspect-[100/120]", "aspect-[100/127]", "aspect-[100/134]", "aspect-[100/141]",
];

const HEADLINE_SIZES: Record<SizeClass, "xl" | "lg" | "md" | "sm"> = { BANNER: "xl", LEAD: "lg", DOUBLE: "md", SINGLE: "sm" };

export function PageBlockView({ block, links, withheld }: { block: PageBlock; links: PageLinks; withheld: boolean }) {
  if (block.type === "reserved") return <ReservedArea block={block} />;
  if (withheld) return <WithheldBlock span={block.span} />;
  if (block.type === "slot") return <PlannedSlot block={block} links={links} />;
  return <StoryOnPage block={block} links={links} />;
}

/** A story's headline as lists show it; photo news often has none. */
export function headlineOf(story: StoryBlock["story"]): string {
  return story.headline || `${story.kind === "PHOTO_STORY" ? "组图" : "图片新闻"}：${leadText(story.body, 16)}`;
}

/** （下转第N版） / （上接第N版）: links to where the story goes on or comes from. */
export function JumpLine({ to, direction, storyId, links, className = "" }: { to: PageRef; direction: "next" | "from"; storyId: string; links: PageLinks; className?: string }) {
  const text = direction === "next" ? `（下转${pageLabel(to.number)}）` : `（上接${pageLabel(to.number)}）`;
  return (
    <p className={`jump-line text-sm font-semibold ${className}`}>
      {links ? (
        <Link href={`${links.page(to.number)}#story-${storyId}`} className="text-masthead hover:underline">{text}</Link>
      ) : (
        text
      )}
    </p>
  );
}

function StoryOnPage({ block, links }: { block: StoryBlock; links: PageLinks }) {
  const { story, span, gallery } = block;
  // A block two or more columns wide opens with its first photo across the block, as a lead does in print.
  const lifted = !gallery && span >= 2 ? block.body.findIndex((b) => b.type === "photo") : -1;
  const photo = lifted >= 0 ? block.body[lifted] : null;
  const text = gallery ? introOf(block.body) : lifted >= 0 ? block.body.filter((_, i) => i !== lifted) : block.body;
  const headingId = links ? `h-${block.placementId}` : undefined;
  return (
    <article id={links ? `story-${story.id}` : undefined} aria-labelledby={headingId} className={`${pick(COLUMN_SPANS, span)} min-w-0 border-t border-ink/70 pt-2`}>
      {block.continuedFrom && <JumpLine to={block.continuedFrom} direction="from" storyId={story.id} links={links} className="mb-1" />}
      <div id={headingId}>
        {story.headline ? (
          <Headline kicker={story.kicker} headline={story.headline} subheadline={story.subheadline} href={links?.story(story.id)} size={HEADLINE_SIZES[block.size]} />
        ) : (
          <h2 className="sr-only">{headlineOf(story)}</h2>
        )}
      </div>
      {story.byline && story.kind !== "NEWS_BRIEF" && !block.continuedFrom && <p className="mb-2 text-xs text-stone-600">{story.byline}</p>}
      {photo?.type === "photo" && <StoryPhoto block={photo} size={story.photoSizes[photo.photoId]} sizes="(min-width: 1024px) 640px, 100vw" priority={block.isLead} />}
      {gallery?.display === "grid" && <PhotoSetGrid set={gallery} sizes={story.photoSizes} priority={block.isLead} />}
      {gallery?.display === "cover" && (
        <PhotoSetCover set={gallery} sizes={story.photoSizes} href={links?.story(story.id)} imageSizes={span >= 2 ? "(min-width: 1024px) 260px, 100vw" : "(min-width: 1024px) 130px, 100vw"} priority={block.isLead} />
      )}
      <div className={`${pick(TEXT_COLUMNS, span)} page-text columns-newspaper`}>
        <StoryBody body={text} dateline={block.continuedFrom ? undefined : story.dateline} photoSizes={story.photoSizes} opensMidParagraph={block.opensMidParagraph} />
        {gallery?.display === "grid" && <PhotoSetCaptions set={gallery} />}
      </div>
      {gallery && links && (
        <Link href={links.story(story.id)} className="text-sm text-masthead underline">查看组图（共{gallery.count}幅）</Link>
      )}
      {!story.headline && !gallery && links && (
        <Link href={links.story(story.id)} className="text-sm text-masthead underline">查看图片新闻</Link>
      )}
      {block.jumpTo && <JumpLine to={block.jumpTo} direction="next" storyId={story.id} links={links} className="text-right" />}
    </article>
  );
}

function PlannedSlot({ block, links }: { block: SlotBlock; links: PageLinks }) {
  return (
    <div className={`${pick(COLUMN_SPANS, block.span)} planned-space min-h-40 min-w-0 border-2 border-dashed border-stone-400 p-3 text-sm`}>
      <p className="text-xs font-semibold text-stone-600">计划稿 · {SIZE_LABELS[block.size]}{block.isLead ? " · 头条" : ""}</p>
      <p className="my-1 font-serif text-lg font-bold">{block.topic}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-stone-700">
        <dt>记者</dt>
        <dd>{block.assignee?.name ?? "未派"}</dd>
        <dt>字数</dt>
        <dd>{block.targetLength ? `${block.targetLength.toLocaleString("zh-CN")} 字` : "未定"}</dd>
        <dt>截稿</dt>
        <dd>{block.deadline ? formatMoment(block.deadline) : "未定"}</dd>
        {block.filed && (
          <>
            <dt>来稿</dt>
            <dd>
              {links ? <Link href={links.story(block.filed.id)} className="underline">{block.filed.headline || "（无标题）"}</Link> : block.filed.headline}
              （{STATUS_LABELS[block.filed.status as StoryStatus] ?? block.filed.status}）
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}

function ReservedArea({ block }: { block: ReservedBlock }) {
  const step = Math.min(Math.max(Math.round(block.share / 5), 1), RESERVED_HEIGHTS.length);
  return (
    <div className={`col-span-full ${RESERVED_HEIGHTS[step - 1]} flex min-h-8 items-center justify-center border-2 border-stone-400 bg-stone-100 text-sm text-stone-700`}>
      {RESERVED_KINDS[block.kind]}
      {block.label && block.label !== RESERVED_KINDS[block.kind] && ` · ${block.label}`} · 占版 {block.share}%
    </div>
  );
}

function WithheldBlock({ span }: { span: number }) {
  return (
    <div className={`${pick(COLUMN_SPANS, span)} flex min-h-24 items-center justify-center border border-stone-300 bg-stone-100 p-2 text-center text-xs text-stone-600`}>
      其他稿件（见报前仅编辑可见）
    </div>
  );
}
