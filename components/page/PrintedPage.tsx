import Link from "next/link";
import type { ReactNode } from "react";
import type { PageView } from "@/lib/issues/page-view";
import { formatIssueDate } from "@/lib/core/dates";
import { IssueBar } from "@/components/reader/IssueBar";
import { Masthead } from "@/components/page/Masthead";
import { PageFoot } from "@/components/page/PageFoot";
import { PageBlockView } from "@/components/page/PageBlocks";
import { SheetViewport } from "@/components/page/SheetViewport";
import { formatClass, formatStylesheetHref, paperWidthPx } from "@/lib/issues/page-format-css";
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
      <div inert className="page-miniature w-max">
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
        <SheetViewport paperWidthPx={paperWidthPx(view.layout.grid)}>
          <Sheet view={view} mode={mode} links={links} />
        </SheetViewport>
        <HeadlineNav layout={layout} withheld={view.withheld} links={links} />
      </div>
      <nav aria-label="翻版" className="no-print mt-8 flex justify-between text-sm">
        {previous ? <Link href={links.page(previous.number)} className="hover:text-masthead">← 上一版：{previous.name}</Link> : <span />}
        {next ? <Link href={links.page(next.number)} className="hover:text-masthead">下一版：{next.name} →</Link> : <span />}
      </nav>
    </>
  );
}

/**
 * The sheet itself, at the paper's real size: the page head above the type area (版心), the
 * masthead and the blocks on the format's grid of columns and body lines, the credits under it.
 * Its sizes come from the format's stylesheet (linked here, hoisted into the head by React), so it
 * draws right wherever it is rendered, at 100 % when nothing scales it.
 */
export function Sheet({ view, mode, links }: { view: PageView; mode: PageMode; links: PageLinks }) {
  const { issue, layout, masthead, withheld } = view;
  const { page, grid } = layout;
  // Readers never see planned space or reserved areas: the e-paper carries neither slots nor ads.
  const blocks = mode === "reader" ? layout.blocks.filter((b) => b.type === "story") : layout.blocks;
  return (
    // A miniature carries no ids: the board shows many pages at once, and a continued story is on two.
    <article aria-labelledby={links ? "page-title" : undefined} className={`printed-page ${formatClass(grid)} ${mode === "miniature" ? "miniature border border-stone-300" : "md:border md:border-stone-300 md:shadow-sm"} min-w-0 bg-white`}>
      <link rel="stylesheet" href={formatStylesheetHref(grid)} precedence="page-format" />
      <div className={`page-head flex flex-wrap items-end justify-between gap-2 ${masthead ? "" : "page-head-rule"}`}>
        <h1 id={links ? "page-title" : undefined} className="font-serif text-lg font-bold">
          {pageLabel(page.number)} · {page.name}
        </h1>
        {!masthead && <p className="text-sm text-stone-700">{formatIssueDate(issue.date)}</p>}
      </div>
      <div className="page-area">
        {blocks.length === 0 && !masthead && <p className="py-10 text-center text-stone-600">本版暂无稿件。</p>}
        <div className={`page-grid ${mode === "miniature" ? "grid" : "hidden md:grid"}`}>
          {masthead && (
            <div className={`page-col-1 page-cols-${grid.columns} page-row-1 page-rows-${layout.masthead} min-w-0 overflow-hidden`}>
              <Masthead masthead={masthead} pageCount={issue.pages.length} />
            </div>
          )}
          {blocks.map((block, i) => (
            <PageBlockView key={block.type === "reserved" ? `reserved-${i}` : block.placementId} block={block} grid={grid} links={links} withheld={block.type !== "reserved" && withheld.includes(block.placementId)} markOverflow={mode !== "reader"} />
          ))}
        </div>
        {blocks.length === 0 && masthead && <p className="py-10 text-center text-stone-600 md:hidden">本版暂无稿件。</p>}
      </div>
      {links && <HeadlineCards layout={{ ...layout, blocks }} withheld={withheld} links={links} />}
      <PageFoot credits={page.credits} />
    </article>
  );
}
