import Link from "next/link";
import { liftedPhoto, type GridPlace, type PageBlock, type PageRef, type PhotoSize, type ReservedBlock, type SlotBlock, type StoryBlock } from "@/lib/issues/layout";
import { MAX_DRAWN_LINES } from "@/lib/issues/page-format-css";
import type { SizeClass } from "@/lib/issues/page-plan";
import { RESERVED_KINDS } from "@/lib/issues/page-plan";
import { photoLines, type PageGrid } from "@/lib/issues/page-geometry";
import { SIZE_LABELS } from "@/lib/issues/labels";
import { STATUS_LABELS, type StoryStatus } from "@/lib/stories/workflow";
import { formatMoment } from "@/lib/core/dates";
import { leadText, type PhotoBlock, type StoryBody as StoryBodyType } from "@/lib/stories/body";
import { DATELINE_CLOSED } from "@/lib/import/copy-parser";
import { PhotoImage } from "@/components/reader/PhotoImage";
import type { PageLinks } from "@/components/page/page-links";
import { PhotoSetCaptions, PhotoSetCover, PhotoSetGrid } from "@/components/page/PhotoSetOnPage";
import { introOf } from "@/lib/stories/photo-story";
import { pageLabel } from "@/lib/format";

// The blocks of a printed page on its grid: stories (text set in as many columns as the block
// spans), planned slots and reserved areas (desk only), and others' copy withheld from a viewer.
// Each sits where the layout placed it, on whole columns and whole body lines (the classes come
// from the format's stylesheet, lib/issues/page-format-css.ts), so what is drawn is what is counted.

// Written out so Tailwind generates every one; a page format has at most 12 columns.
const TEXT_COLUMNS = ["columns-1", "columns-2", "columns-3", "columns-4", "columns-5", "columns-6", "columns-7", "columns-8", "columns-9", "columns-10", "columns-11", "columns-12"];
const pick = (table: string[], n: number) => table[Math.min(Math.max(n, 1), table.length) - 1];

/** The classes that put a block on its columns and lines. */
export const placeOf = (at: GridPlace, span: number) => {
  // The stylesheet has classes down to MAX_DRAWN_LINES: a block past it is drawn cut there.
  const row = Math.min(at.row, MAX_DRAWN_LINES);
  return `page-col-${at.column} page-cols-${span} page-row-${row} page-rows-${Math.max(1, Math.min(at.lines, MAX_DRAWN_LINES - row + 1))}`;
};

/** On the proof, the lines of a block that run past the page's room are marked: 超版. */
function Overset({ at, marked }: { at: GridPlace; marked: boolean }) {
  if (!marked || at.overflow === 0) return null;
  return <div className={`overset lines-${at.overflow}`} aria-hidden="true">超版 {at.overflow} 行</div>;
}

export function PageBlockView({ block, grid, links, withheld, markOverflow = false }: { block: PageBlock; grid: PageGrid; links: PageLinks; withheld: boolean; markOverflow?: boolean }) {
  if (block.type === "reserved") return <ReservedArea block={block} columns={grid.columns} marked={markOverflow} />;
  if (withheld) return <WithheldBlock at={block.at} span={block.span} />;
  if (block.type === "slot") return <PlannedSlot block={block} links={links} marked={markOverflow} />;
  return <StoryOnPage block={block} grid={grid} links={links} marked={markOverflow} />;
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

function StoryOnPage({ block, grid, links, marked }: { block: StoryBlock; grid: PageGrid; links: PageLinks; marked: boolean }) {
  const { story, span, gallery, parts } = block;
  const photo = liftedPhoto(block);
  const text = gallery ? introOf(block.body) : photo ? block.body.filter((b) => b !== photo) : block.body;
  const headingId = links ? `h-${block.placementId}` : undefined;
  return (
    <article id={links ? `story-${story.id}` : undefined} aria-labelledby={headingId} className={`page-block ${placeOf(block.at, span)} ${block.at.overflow > 0 ? "overflows" : ""}`}>
      {block.continuedFrom && <JumpLine to={block.continuedFrom} direction="from" storyId={story.id} links={links} />}
      <div id={headingId} className={parts.head > 0 ? `lines-${parts.head}` : undefined}>
        {story.headline ? (
          <PageHeadline kicker={story.kicker} headline={story.headline} subheadline={story.subheadline} href={links?.story(story.id)} size={block.size} />
        ) : (
          <h2 className="sr-only">{headlineOf(story)}</h2>
        )}
      </div>
      {parts.byline > 0 && <p className="page-byline">{story.byline}</p>}
      {photo && <PagePhoto block={photo} size={story.photoSizes[photo.photoId]} lines={parts.photoBox} sizes="(min-width: 1024px) 640px, 100vw" priority={block.isLead} />}
      {gallery?.display === "grid" && <PhotoSetGrid set={gallery} sizes={story.photoSizes} priority={block.isLead} coverLines={parts.cover} rowLines={parts.row} />}
      {gallery?.display === "cover" && (
        <PhotoSetCover set={gallery} sizes={story.photoSizes} href={links?.story(story.id)} imageSizes={span >= 2 ? "(min-width: 1024px) 260px, 100vw" : "(min-width: 1024px) 130px, 100vw"} priority={block.isLead} lines={parts.cover} />
      )}
      <div className={`${pick(TEXT_COLUMNS, span)} page-text`}>
        <PageText body={text} grid={grid} dateline={block.continuedFrom ? undefined : story.dateline} photoSizes={story.photoSizes} opensMidParagraph={block.opensMidParagraph} />
        {gallery?.display === "grid" && <PhotoSetCaptions set={gallery} />}
      </div>
      {gallery && (links ? <Link href={links.story(story.id)} className="page-more text-masthead underline">查看组图（共{gallery.count}幅）</Link> : <p className="page-more">组图（共{gallery.count}幅）</p>)}
      {!story.headline && !gallery && links && (
        <Link href={links.story(story.id)} className="page-more text-masthead underline">查看图片新闻</Link>
      )}
      {block.jumpTo && <JumpLine to={block.jumpTo} direction="next" storyId={story.id} links={links} className="text-right" />}
      <Overset at={block.at} marked={marked} />
    </article>
  );
}

/** 引题 / 主题 / 副题 in 号 by the block's size class (app/globals.css .page-headline-*), as headlineLines counts them. */
function PageHeadline({ kicker, headline, subheadline, href, size }: { kicker: string; headline: string; subheadline: string; href?: string; size: SizeClass }) {
  return (
    <header className="page-headline-group">
      {kicker && <p className={`page-deck-${size}`}>{kicker}</p>}
      <h2 className={`page-headline-${size}`}>{href ? <Link href={href} className="hover:text-masthead hover:underline">{headline}</Link> : headline}</h2>
      {subheadline && <p className={`page-deck-${size}`}>{subheadline}</p>}
    </header>
  );
}

/** A photo in whole column widths, its picture cut to whole lines, its caption and credit under it. */
export function PagePhoto({ block, size, lines, sizes, priority = false }: { block: PhotoBlock; size?: PhotoSize; lines: number; sizes: string; priority?: boolean }) {
  return (
    <figure className="page-photo">
      <div className={`lines-${lines}`}>
        <PhotoImage photo={block} size={size} sizes={sizes} priority={priority} className="h-full w-full object-cover" />
      </div>
      {(block.caption || block.credit) && (
        <figcaption>
          {block.caption}
          {block.credit && <span className="ml-[1em]">{block.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}

/** A story's text as the page sets it: paragraphs indented two characters, no space between them, the dateline opening the first. */
function PageText({ body, grid, dateline, photoSizes, opensMidParagraph }: { body: StoryBodyType; grid: PageGrid; dateline?: string; photoSizes: Record<string, PhotoSize>; opensMidParagraph: boolean }) {
  const firstParagraph = body.findIndex((b) => b.type === "paragraph");
  return (
    <div className="story-text">
      {body.map((block, i) => {
        if (block.type === "subhead") return <h3 key={i}>{block.text}</h3>;
        if (block.type === "photo") return <PagePhoto key={i} block={block} size={photoSizes[block.photoId]} lines={photoLines(grid, 1, photoSizes[block.photoId])} sizes="(min-width: 1024px) 160px, 50vw" />;
        return (
          <p key={i} className={opensMidParagraph && i === firstParagraph ? "continued" : undefined}>
            {i === firstParagraph && dateline && <span className="font-bold">{DATELINE_CLOSED.test(dateline) ? dateline : `${dateline} `}</span>}
            {block.text}
          </p>
        );
      })}
    </div>
  );
}

function PlannedSlot({ block, links, marked }: { block: SlotBlock; links: PageLinks; marked: boolean }) {
  return (
    <div className={`${placeOf(block.at, block.span)} planned-space relative min-w-0 overflow-hidden border-2 border-dashed border-stone-400 p-[2mm] text-sm`}>
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
      <Overset at={block.at} marked={marked} />
    </div>
  );
}

function ReservedArea({ block, columns, marked }: { block: ReservedBlock; columns: number; marked: boolean }) {
  return (
    <div className={`${placeOf(block.at, columns)} relative flex items-center justify-center border-2 border-stone-400 bg-stone-100 text-sm text-stone-700`}>
      {RESERVED_KINDS[block.kind]}
      {block.label && block.label !== RESERVED_KINDS[block.kind] && ` · ${block.label}`} · 占版 {block.share}%
      <Overset at={block.at} marked={marked} />
    </div>
  );
}

function WithheldBlock({ at, span }: { at: GridPlace; span: number }) {
  return (
    <div className={`${placeOf(at, span)} flex items-center justify-center border border-stone-300 bg-stone-100 p-2 text-center text-xs text-stone-600`}>
      其他稿件（见报前仅编辑可见）
    </div>
  );
}
