import Link from "next/link";
import type { ReactNode } from "react";
import type { PageView } from "@/lib/issues/page-view";
import { formatIssueDate } from "@/lib/core/dates";
import { IssueBar } from "@/components/reader/IssueBar";
import { Masthead } from "@/components/page/Masthead";
import { PageFoot } from "@/components/page/PageFoot";
import { GRID_COLUMNS, PageBlockView } from "@/components/page/PageBlocks";
import { HeadlineCards, HeadlineNav } from "@/components/page/HeadlineNav";
import { ProofBar } from "@/components/page/ProofBar";
import { pageLinks, type PageLinks, type PageMode } from "@/components/page/page-links";
import { pageLabel } from "@/lib/format";

/**
 * One printed page (版面), drawn from the page-view model for readers (`reader`), for the desk's
 * proof before release (`proof`: stories lead to the desk, planned slots and reserved areas show)
 * and for the board (`miniature`: the sheet alone, small and inert). `actions` fills the proof's
 * command slot (sign-off).
 */
export function PrintedPage({ view, mode, actions }: { view: PageView; mode: PageMode; actions?: ReactNode }) {
  const links = pageLinks(mode, view.issue);
  if (!links) {
    return (
      <div inert className="w-[1000px] [zoom:0.25]">
        <Sheet view={view} mode={mode} links={links} />
      </div>
    );
  }
  const { issue, layout } = view;
  const at = issue.pages.findIndex((p) => p.number === layout.page.number);
  const previous = issue.pages[at - 1];
  const next = issue.pages[at + 1];
  return (
    <>
      {mode === "proof" && <ProofBar view={view} actions={actions} />}
      <IssueBar issue={issue} currentPage={layout.page.number} issueHref={links.issue} pageHref={links.page} archive={mode === "reader"} />
      <div className="page-with-nav lg:grid lg:grid-cols-[minmax(0,1fr)_12rem] lg:items-start lg:gap-6">
        <Sheet view={view} mode={mode} links={links} />
        <HeadlineNav layout={layout} withheld={view.withheld} links={links} />
      </div>
      <nav aria-label="翻版" className="no-print mt-8 flex justify-between text-sm">
        {previous ? <Link href={links.page(previous.number)} className="hover:text-masthead">← 上一版：{previous.name}</Link> : <span />}
        {next ? <Link href={links.page(next.number)} className="hover:text-masthead">下一版：{next.name} →</Link> : <span />}
      </nav>
    </>
  );
}

/** The sheet itself: masthead or page head, the blocks on the format's grid, the credits at the foot. */
export function Sheet({ view, mode, links }: { view: PageView; mode: PageMode; links: PageLinks }) {
  const { issue, layout, masthead, withheld } = view;
  const { page } = layout;
  // Readers never see planned space or reserved areas: the e-paper carries neither slots nor ads.
  const blocks = mode === "reader" ? layout.blocks.filter((b) => b.type === "story") : layout.blocks;
  const grid = `${GRID_COLUMNS[Math.min(Math.max(page.format.columns, 1), 12) - 1]} gap-x-4 gap-y-4 grid-flow-row-dense items-start`;
  // On a desktop the sheet keeps A3's proportion and grows with its copy; a miniature keeps it exactly.
  const sheet = mode === "miniature" ? "aspect-[297/420] overflow-hidden border border-stone-300 p-6" : "lg:aspect-[297/420] lg:border lg:border-stone-300 lg:p-6 lg:shadow-sm";
  return (
    // A miniature carries no ids: the board shows many pages at once, and a continued story is on two.
    <article aria-labelledby={links ? "page-title" : undefined} className={`printed-page min-w-0 bg-white ${sheet}`}>
      {masthead && <Masthead masthead={masthead} pageCount={issue.pages.length} />}
      <div className={`mb-3 flex flex-wrap items-baseline justify-between gap-2 ${masthead ? "" : "border-b-2 border-ink pb-1"}`}>
        <h1 id={links ? "page-title" : undefined} className="font-serif text-lg font-bold">
          {pageLabel(page.number)} · {page.name}
        </h1>
        {!masthead && <p className="text-sm text-stone-700">{formatIssueDate(issue.date)}</p>}
      </div>
      {blocks.length === 0 && <p className="py-10 text-center text-stone-600">本版暂无稿件。</p>}
      <div className={`page-grid ${grid} ${mode === "miniature" ? "grid" : "hidden lg:grid"}`}>
        {blocks.map((block, i) => (
          <PageBlockView key={block.type === "reserved" ? `reserved-${i}` : block.placementId} block={block} links={links} withheld={block.type !== "reserved" && withheld.includes(block.placementId)} />
        ))}
      </div>
      {links && <HeadlineCards layout={{ ...layout, blocks }} withheld={withheld} links={links} />}
      <PageFoot credits={page.credits} />
    </article>
  );
}
