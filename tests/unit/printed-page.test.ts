import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { layoutPage, type LayoutItem, type PagePlan } from "@/lib/issues/layout";
import type { PageView } from "@/lib/issues/page-view";
import { PrintedPage } from "@/components/page/PrintedPage";
import type { PageMode } from "@/components/page/page-links";
import { pageGrid, STANDARD_GEOMETRY } from "@/lib/issues/page-geometry";

// The one page component in its three modes, drawn from one model: what each mode links to and
// what it leaves out. (The browser tests look at the pages themselves.)

const plan: PagePlan = {
  number: 1,
  name: "要闻",
  format: { code: "broadsheet", name: "对开", ...STANDARD_GEOMETRY.broadsheet, capacity: pageGrid(STANDARD_GEOMETRY.broadsheet).capacity },
  credits: { editor: "刘明", designer: "", proofreader: "李静" },
  reserved: [{ kind: "AD", label: "商业广告", share: 25 }],
  status: "COMPOSING",
  version: 1,
};
const story = (id: string, headline: string, text: string) => ({
  id, kind: "NEWS_BRIEF" as const, kicker: "", headline, subheadline: "", byline: "本报记者 李雪", dateline: "", body: [{ type: "paragraph" as const, text }, { type: "paragraph" as const, text: `${text}（续）` }], photoSizes: {},
});
// The lead is longer than its space (0.3 of the page's 9,792 characters): it breaks and goes on on page 3.
const items: LayoutItem[] = [
  { kind: "story", placementId: "pa", isLead: true, size: "LEAD", continuesOn: { number: 3, name: "县区新闻" }, story: story("sa", "城乡公交通到家门口", "入冬以来新线路运行平稳。".repeat(200)) },
  { kind: "story", placementId: "pb", isLead: false, size: "DOUBLE", continuesOn: null, story: story("sb", "老旧小区供热管网完成排查", "连日来供热部门排查管网。") },
  { kind: "slot", placementId: "pc", isLead: false, size: "DOUBLE", topic: "冬季供暖保障调度会", assignee: { id: "u1", name: "杜雯" }, targetLength: 1200, deadline: "2031-03-03T10:00:00.000Z", filed: null },
];
const view: PageView = {
  issue: { id: "issue1", date: "2026-02-17", number: 9200, pages: [{ number: 1, name: "要闻" }, { number: 3, name: "县区新闻" }], previousDate: null, nextDate: null },
  pageId: "page1",
  layout: layoutPage(plan, items),
  masthead: { name: "吉平日报", cnNumber: "CN 22-0099", postalCode: "11-35", publisher: "吉平日报社出版", date: "2026-02-17", number: 9200, lunar: "农历丙午年正月初一" },
  withheld: [],
};
const draw = (mode: PageMode, v: PageView = view) => renderToStaticMarkup(createElement(PrintedPage, { view: v, mode }));
// Links a reader follows; the sheet's stylesheet <link> is not one.
const hrefs = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]);

describe("the printed page", () => {
  it("prints the masthead with 农历 and 总第N期 on page 1, and the credits that are filled", () => {
    const html = draw("reader");
    expect(html).toContain("农历丙午年正月初一");
    expect(html).toContain("总第9200期");
    expect(html).toContain("CN 22-0099");
    expect(html).toContain("责任编辑 刘明");
    expect(html).toContain("校对 李静");
    expect(html).not.toContain("美术编辑");
  });

  it("leads readers to stories and pages of the e-paper, and shows them no planned space or ads", () => {
    const html = draw("reader");
    expect(hrefs(html)).toEqual(expect.arrayContaining(["/stories/sa", "/issues/2026-02-17/pages/3#story-sa", "/issues/2026-02-17/pages/3"]));
    expect(hrefs(html).some((h) => h.startsWith("/desk"))).toBe(false);
    expect(html).toContain("（下转第3版）");
    expect(html).not.toContain("冬季供暖保障调度会");
    expect(html).not.toContain("商业广告");
  });

  it("leads the desk to its own story pages and proofs, with slots and reserved areas drawn", () => {
    const html = draw("proof");
    expect(hrefs(html)).toEqual(expect.arrayContaining(["/desk/stories/sa", "/desk/issues/issue1/pages/3#story-sa", "/desk/issues/issue1"]));
    expect(hrefs(html).some((h) => h.startsWith("/stories/") || h.startsWith("/issues/"))).toBe(false);
    expect(html).toContain("冬季供暖保障调度会");
    expect(html).toContain("杜雯");
    expect(html).toContain("1,200 字");
    expect(html).toContain("3月3日 18:00");
    expect(html).toContain("广告 · 商业广告 · 占版 25%");
    expect(html).toContain("组版中");
  });

  it("draws a miniature small and inert: no links, no navigation, no ids", () => {
    const html = draw("miniature");
    // The format's stylesheet goes first (React hoists it into the head of a page), then the inert sheet.
    expect(html).toMatch(/^<link rel="stylesheet" href="\/page-formats.css\?g=3900x5400x3500x4900-8c40-2s50&amp;v=2"[^>]*\/><div inert=""/);
    expect(html).toContain("城乡公交通到家门口");
    expect(html).toContain("冬季供暖保障调度会");
    expect(hrefs(html)).toEqual([]);
    expect(html).not.toMatch(/ id="/);
    expect(html).not.toContain("标题导航");
    expect(html).not.toContain("版面导航");
  });

  it("draws withheld copy as taken space, never its text", () => {
    // The component alone keeps it out: the model here still holds the other writer's text.
    const withheld = { ...view, withheld: ["pb"] };
    const html = draw("proof", withheld);
    expect(html).toContain("其他稿件（见报前仅编辑可见）");
    expect(html).toContain("城乡公交通到家门口");
    expect(html).not.toContain("老旧小区供热管网完成排查");
    expect(html).not.toContain("连日来供热部门排查管网");
  });
});

describe("a 组图 on the printed page", () => {
  const photos = Array.from({ length: 5 }, (_, i) => ({ type: "photo" as const, photoId: `ph${i + 1}`, caption: `第${i + 1}幅的图说`, credit: "易跃跃 摄", altText: `第${i + 1}幅` }));
  const photoStory = { ...story("sg", "新桥通车", "连接两岸的新桥今天通车。"), kind: "PHOTO_STORY" as const, body: [{ type: "paragraph" as const, text: "连接两岸的新桥今天通车。" }, ...photos], photoSizes: Object.fromEntries(photos.map((p) => [p.photoId, { width: 1200, height: 800 }])) };
  const onPage = (size: "LEAD" | "DOUBLE", mode: PageMode = "reader") =>
    draw(mode, { ...view, layout: layoutPage({ ...plan, reserved: [] }, [{ kind: "story", placementId: "pg", isLead: size === "LEAD", size, continuesOn: null, story: photoStory }]) });
  const sheetOf = (html: string) => html.slice(html.indexOf('class="page-grid'), html.indexOf('aria-label="本版稿件"'));
  const cardsOf = (html: string) => html.slice(html.indexOf('aria-label="本版稿件"'));
  const images = (html: string) => [...html.matchAll(/<img [^>]*src="\/api\/photos\/(ph\d)\//g)].map((m) => m[1]);

  it("in a wide block prints every photo in a grid, each caption numbered with its credit", () => {
    const sheet = sheetOf(onPage("LEAD"));
    expect(images(sheet)).toEqual(["ph1", "ph2", "ph3", "ph4", "ph5"]);
    expect(sheet).toContain("图①</span> 第1幅的图说");
    expect(sheet).toContain("图⑤</span> 第5幅的图说");
    expect(sheet).toContain("易跃跃 摄");
    expect(sheet).toMatch(/width="1200" height="800"/);
  });

  it("in a narrow block shows its cover with 组图 共N幅, never a silent single photo", () => {
    const sheet = sheetOf(onPage("DOUBLE"));
    expect(images(sheet)).toEqual(["ph1"]);
    expect(sheet).toContain("组图 共5幅");
    expect(hrefs(sheet)).toContain("/stories/sg");
    expect(sheet).not.toContain("第2幅的图说");
  });

  it("on a phone's list shows the cover with the count, and in 标题导航 the count beside the headline", () => {
    const html = onPage("LEAD");
    expect(images(cardsOf(html))).toEqual(["ph1"]);
    expect(cardsOf(html)).toContain("组图 共5幅");
    expect(html.slice(html.indexOf('aria-label="标题导航"'))).toMatch(/新桥通车<\/span><span[^>]*>组图 共5幅/);
  });

  it("in a miniature draws the same set, inert", () => {
    const html = onPage("DOUBLE", "miniature");
    expect(html).toContain("组图 共5幅");
    expect(hrefs(html)).toEqual([]);
  });
});

describe("the sheet drawn to scale", () => {
  it("is drawn with its format's class and stylesheet, each block on its columns and lines", () => {
    const html = draw("proof");
    expect(html).toContain('class="printed-page fmt-3900x5400x3500x4900-8c40-2s50');
    // Page 1's masthead takes the top eighth (13 of 102 lines); the lead starts under it in column 1, five columns wide.
    expect(html).toContain("page-col-1 page-cols-8 page-row-1 page-rows-13");
    expect(html).toMatch(/id="story-sa"[^>]*class="page-block page-col-1 page-cols-5 page-row-14 page-rows-\d+/);
    // The 25% ad sits across the page foot: 26 of 102 lines, from line 77.
    expect(html).toContain("page-col-1 page-cols-8 page-row-77 page-rows-26");
  });

  it("marks lines past the page's room on the proof, never for readers", () => {
    const long = { ...view, layout: layoutPage({ ...plan, reserved: [] }, [{ kind: "story", placementId: "pa", isLead: true, size: "SINGLE", continuesOn: null, story: story("sa", "城乡公交通到家门口", "新线路运行平稳。".repeat(200)) }]) };
    expect(long.layout.flags).toContain("OVER");
    expect(draw("proof", long)).toMatch(/<div class="overset lines-\d+" aria-hidden="true">超版 \d+ 行<\/div>/);
    expect(draw("reader", long)).not.toContain("超版");
  });
});
