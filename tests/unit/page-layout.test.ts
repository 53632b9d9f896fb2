import { describe, expect, it } from "vitest";
import { layoutPage, splitForJump, type LayoutItem, type LayoutStory, type PagePlan } from "@/lib/issues/layout";
import type { StoryBody } from "@/lib/stories/body";

const broadsheet = { code: "broadsheet", name: "对开", columns: 8, capacity: 12000 };
const plan = (over: Partial<PagePlan> = {}): PagePlan => ({
  number: 1,
  name: "要闻",
  format: broadsheet,
  credits: { editor: "刘明", designer: "王芳", proofreader: "李静" },
  reserved: [],
  status: "COMPOSING",
  version: 1,
  ...over,
});
const paragraphs = (...lengths: number[]): StoryBody => lengths.map((n, i) => ({ type: "paragraph", text: String.fromCharCode(0x4e00 + i).repeat(n) }));
const story = (id: string, body: StoryBody, kind: LayoutStory["kind"] = "FEATURE"): LayoutStory => ({
  id, kind, kicker: "", headline: `标题${id}`, subheadline: "", byline: "本报记者 李雪", dateline: "", body, photoSizes: {},
});
const item = (id: string, body: StoryBody, over: Partial<Extract<LayoutItem, { kind: "story" }>> = {}): LayoutItem => ({
  kind: "story", placementId: `p${id}`, isLead: false, size: "SINGLE", continuesOn: null, story: story(id, body), ...over,
});
const slot = (over: Partial<Extract<LayoutItem, { kind: "slot" }>> = {}): LayoutItem => ({
  kind: "slot", placementId: "slot1", isLead: false, size: "DOUBLE", topic: "秋粮收购进度", assignee: { id: "u1", name: "张晗" }, targetLength: 1500, deadline: null, filed: null, ...over,
});

describe("page layout", () => {
  it.each<[string, PagePlan, LayoutItem[], string[]]>([
    ["an empty page", plan(), [], ["EMPTY", "UNSIGNED"]],
    ["a page of ads only is still empty of copy", plan({ reserved: [{ kind: "AD", label: "商业广告", share: 50 }] }), [], ["EMPTY", "UNSIGNED"]],
    ["stories without a lead", plan(), [item("a", paragraphs(300))], ["NO_LEAD", "UNSIGNED"]],
    ["a signed page with its lead", plan({ status: "SIGNED" }), [item("a", paragraphs(300), { isLead: true })], []],
    ["an open slot", plan({ status: "SIGNED" }), [item("a", paragraphs(300), { isLead: true }), slot()], ["OPEN_SLOTS"]],
    ["more copy than the page holds", plan({ status: "SIGNED" }), [item("a", paragraphs(5000, 5000), { isLead: true }), item("b", paragraphs(3000))], ["OVER"]],
    ["an ad that leaves too little room", plan({ status: "SIGNED", reserved: [{ kind: "AD", label: "半版广告", share: 50 }] }), [item("a", paragraphs(4000, 3000), { isLead: true })], ["OVER"]],
  ])("flags %s", (_what, page, items, flags) => {
    expect(layoutPage(page, items).flags).toEqual(flags);
  });

  it("counts text by characters, photos by the size they run at, slots by their target and reserved areas by their share", () => {
    const photo = { type: "photo" as const, photoId: "ph1", caption: "图说四字", credit: "赵晨 摄", altText: "" };
    const layout = layoutPage(plan({ reserved: [{ kind: "AD", label: "广告", share: 25 }] }), [
      item("a", [...paragraphs(1000), photo], { isLead: true, size: "LEAD" }),
      slot({ targetLength: 800 }),
    ]);
    // 1000 text + (0.08 × 12000 + 4 caption) + 800 planned + 25% of 12000
    expect(layout.fill).toEqual({ used: 1000 + 960 + 4 + 800 + 3000, capacity: 12000 });
  });

  it("puts the lead first and keeps the editor's order for the rest", () => {
    const layout = layoutPage(plan(), [item("a", paragraphs(10)), item("b", paragraphs(10), { isLead: true }), item("c", paragraphs(10))]);
    expect(layout.blocks.map((b) => (b.type === "story" ? b.id : b.type))).toEqual(["b", "a", "c"]);
  });

  it("gives each size its columns on broadsheet and tabloid", () => {
    const sizes = ["BANNER", "LEAD", "DOUBLE", "SINGLE"] as const;
    const spans = (format: PagePlan["format"]) =>
      layoutPage(plan({ format }), sizes.map((size, i) => item(String(i), paragraphs(10), { size }))).blocks.map((b) => (b.type === "story" ? b.span : 0));
    expect(spans(broadsheet)).toEqual([8, 5, 2, 1]);
    expect(spans({ code: "tabloid", name: "四开", columns: 5, capacity: 6000 })).toEqual([5, 4, 2, 1]);
  });
});

describe("jumps (转版)", () => {
  const long = paragraphs(1500, 1500, 1500, 1500, 1500); // 7,500 characters
  it("breaks at the size's share of the page and the two halves meet on the other page", () => {
    const { here, rest } = splitForJump(long, "LEAD", 12000); // the lead holds 3,600 before jumping
    expect(here).toHaveLength(2);
    expect([...here, ...rest]).toEqual(long);
    const first = layoutPage(plan(), [item("a", long, { isLead: true, size: "LEAD", continuesOn: { number: 3, name: "县区新闻" } })]);
    const second = layoutPage(plan({ number: 3, name: "县区新闻" }), [], [{ placementId: "pa", from: { number: 1, name: "要闻" }, size: "LEAD", originCapacity: 12000, story: story("a", long) }]);
    const a = first.blocks[0];
    const b = second.blocks[0];
    expect(a.type === "story" && a.jumpTo).toEqual({ number: 3, name: "县区新闻" });
    expect(b.type === "story" && b.continuedFrom).toEqual({ number: 1, name: "要闻" });
    expect([...(a.type === "story" ? a.body : []), ...(b.type === "story" ? b.body : [])]).toEqual(long);
    // Both pages list it in 标题导航.
    expect(first.headlines.map((h) => h.id)).toEqual(["a"]);
    expect(second.headlines.map((h) => h.id)).toEqual(["a"]);
    expect(second.flags).not.toContain("EMPTY");
  });
  it("a story of one paragraph cannot break: it runs whole and nothing continues", () => {
    const short = paragraphs(50);
    const first = layoutPage(plan(), [item("a", short, { isLead: true, continuesOn: { number: 3, name: "县区新闻" } })]);
    const second = layoutPage(plan({ number: 3 }), [], [{ placementId: "pa", from: { number: 1, name: "要闻" }, size: "SINGLE", originCapacity: 12000, story: story("a", short) }]);
    const a = first.blocks[0];
    expect(a.type === "story" && [a.jumpTo, a.body]).toEqual([null, short]);
    expect(second.blocks).toEqual([]);
    expect(second.flags).toContain("EMPTY");
  });

  it("a page with only a planned slot carries no copy yet", () => {
    expect(layoutPage(plan(), [slot({ isLead: true })]).flags).toEqual(["EMPTY", "OPEN_SLOTS", "UNSIGNED"]);
  });

  it("leaves at least one paragraph on each side however short the story", () => {
    expect(splitForJump(paragraphs(10, 10), "SINGLE", 12000)).toEqual({ here: paragraphs(10, 10).slice(0, 1), rest: paragraphs(10, 10).slice(1) });
    expect(splitForJump(paragraphs(9000, 10), "SINGLE", 12000).here).toHaveLength(1);
  });
});
