import { describe, expect, it } from "vitest";
import { layoutPage, photoSetGridColumns, STORY_GAP_LINES, type LayoutItem, type LayoutStory, type PagePlan } from "@/lib/issues/layout";
import { splitForJump } from "@/lib/issues/jump";
import type { StoryBody } from "@/lib/stories/body";
import { pageGrid, STANDARD_GEOMETRY } from "@/lib/issues/page-geometry";

// 对开: 12 characters a line, 102 lines a column, 8 columns: 9,792 characters.
const format = (code: "broadsheet" | "tabloid", name: string) => ({ code, name, ...STANDARD_GEOMETRY[code], capacity: pageGrid(STANDARD_GEOMETRY[code]).capacity });
const broadsheet = format("broadsheet", "对开");
const tabloid = format("tabloid", "四开");
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
    ["more copy than the page holds", plan({ status: "SIGNED", number: 2 }), [item("a", paragraphs(5000, 5000), { isLead: true, size: "BANNER" }), item("b", paragraphs(3000))], ["OVER"]],
    ["an ad that leaves too little room", plan({ status: "SIGNED", number: 2, reserved: [{ kind: "AD", label: "半版广告", share: 50 }] }), [item("a", paragraphs(4000, 3000), { isLead: true, size: "BANNER" })], ["OVER"]],
  ])("flags %s", (_what, page, items, flags) => {
    expect(layoutPage(page, items).flags).toEqual(flags);
  });

  it.each<[number, number]>([
    // [characters of one paragraph in a single column, lines it takes]: 12 a line, the first two indented.
    [10, 1],
    [11, 2],
    [22, 2],
    [23, 3],
    [118, 10],
    [119, 11],
  ])("a paragraph of %i characters in one column takes %i lines", (chars, lines) => {
    const layout = layoutPage(plan({ number: 2 }), [item("a", paragraphs(chars), { story: { ...story("a", paragraphs(chars)), headline: "", byline: "" } })]);
    const block = layout.blocks[0];
    if (block.type !== "story") throw new Error("expected a story");
    expect(block.parts.text).toBe(lines);
    // Photo news without a headline has its 查看图片新闻 line under it, and every story a blank line of air, which is not copy.
    expect(block.at).toEqual({ column: 1, row: 1, lines: lines + 1 + STORY_GAP_LINES, overflow: 0 });
    expect(layout.fill).toEqual({ used: (lines + 1) * 12, capacity: 9792 });
  });

  it("fills exactly: a column of text as long as the page's columns hold is full, not over; one line more is 超版", () => {
    const bare = (id: string, chars: number) => item(id, paragraphs(chars), { story: { ...story(id, paragraphs(chars)), headline: "标", byline: "" } });
    // A single-column headline of one character: 四号 (4.94 mm × 1.25 = 6.2 mm) is 2 body lines and a blank one, and each column then holds 99 lines of text.
    const column = 99 * 12 - 2;
    const full = layoutPage(plan({ number: 2 }), Array.from({ length: 8 }, (_, i) => bare(String(i), column)));
    expect(full.fill).toEqual({ used: 9792, capacity: 9792 });
    expect([full.flags.includes("OVER"), full.overflow]).toEqual([false, 0]);
    const over = layoutPage(plan({ number: 2 }), [...Array.from({ length: 7 }, (_, i) => bare(String(i), column)), bare("7", column + 1)]);
    expect([over.flags.includes("OVER"), over.overflow, over.fill.used]).toEqual([true, 1, 9792 + 12]);
    const last = over.blocks[7];
    expect(last.type === "story" && last.at).toEqual({ column: 8, row: 1, lines: 103 + STORY_GAP_LINES, overflow: 1 });
  });

  it("places the lead top left, the rest where the columns are least filled, the masthead on page 1 and ads at the foot", () => {
    const layout = layoutPage(plan({ reserved: [{ kind: "AD", label: "广告", share: 25 }] }), [
      item("a", paragraphs(300), { isLead: true, size: "LEAD" }),
      item("b", paragraphs(100), { size: "DOUBLE" }),
      item("c", paragraphs(100), { size: "DOUBLE" }),
      slot({ targetLength: 800 }),
    ]);
    expect(layout.masthead).toBe(13);
    const at = layout.blocks.map((b) => [b.type, b.at.column, b.at.row]);
    expect(at[0]).toEqual(["story", 1, 14]);
    expect(at[1]).toEqual(["story", 6, 14]);
    // The third block goes under the shorter of the first two: a two-column block fits only in columns 6-7 beside the lead.
    expect(at[4]).toEqual(["reserved", 1, 102 - 26 + 1]);
    expect(layout.blocks[4].at.lines).toBe(26);
    // Used: every column down to its lowest block (a story's line of air under it is not copy), and the ad across the page.
    const air = (b: (typeof layout.blocks)[number]) => (b.type === "story" ? STORY_GAP_LINES : 0);
    const tops = [1, 2, 3, 4, 5, 6, 7, 8].map((c) => {
      const lowest = layout.blocks.filter((b) => b.type !== "reserved" && b.at.column <= c && c < b.at.column + b.span).sort((x, y) => y.at.row + y.at.lines - (x.at.row + x.at.lines))[0];
      return lowest ? lowest.at.row - 1 + lowest.at.lines - air(lowest) : 13;
    });
    expect(layout.fill.used).toBe((tops.reduce((a, b) => a + b, 0) + 26 * 8) * 12);
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
    expect(spans(tabloid)).toEqual([5, 4, 2, 1]);
  });
});

describe("jumps (转版)", () => {
  const long = paragraphs(1500, 1500, 1500, 1500, 1500); // 7,500 characters
  it("breaks at the size's share of the page and the two halves meet on the other page", () => {
    const { here, rest } = splitForJump(long, "LEAD", 12000); // the lead holds 3,600 before jumping
    expect(here).toHaveLength(2);
    expect([...here, ...rest]).toEqual(long);
    const first = layoutPage(plan(), [item("a", long, { isLead: true, size: "LEAD", continuesOn: { number: 3, name: "县区新闻" } })]);
    const second = layoutPage(plan({ number: 3, name: "县区新闻" }), [], [{ placementId: "pa", from: { number: 1, name: "要闻" }, size: "LEAD", originCapacity: broadsheet.capacity, story: story("a", long) }]);
    const a = first.blocks[0];
    const b = second.blocks[0];
    expect(a.type === "story" && a.jumpTo).toEqual({ number: 3, name: "县区新闻" });
    expect(b.type === "story" && [b.continuedFrom, b.opensMidParagraph]).toEqual([{ number: 1, name: "要闻" }, false]);
    expect([...(a.type === "story" ? a.body : []), ...(b.type === "story" ? b.body : [])]).toEqual(long);
    // Both pages list it in 标题导航.
    expect(first.headlines.map((h) => h.id)).toEqual(["a"]);
    expect(second.headlines.map((h) => h.id)).toEqual(["a"]);
    expect(second.flags).not.toContain("EMPTY");
  });
  it("one long paragraph and a photo: the text breaks at a sentence where page 1's space ends, its rest and the photo run on page 3", () => {
    const sentences = Array.from({ length: 120 }, (_, i) => `第${i + 1}句说的是城乡公交开到家门口的变化。`);
    const photo = { type: "photo" as const, photoId: "ph1", caption: "村民在村口候车", credit: "赵晨 摄", altText: "" };
    const body: StoryBody = [{ type: "paragraph", text: sentences.join("") }, photo];
    const to = { number: 3, name: "县区新闻" };
    const first = layoutPage(plan(), [item("a", body, { size: "DOUBLE", continuesOn: to })]);
    const third = layoutPage(plan({ number: 3, name: "县区新闻" }), [], [{ placementId: "pa", from: { number: 1, name: "要闻" }, size: "DOUBLE", originCapacity: broadsheet.capacity, story: story("a", body) }]);
    const [a, b] = [first.blocks[0], third.blocks[0]];
    if (a.type !== "story" || b.type !== "story") throw new Error("expected story blocks");
    const text = (part: StoryBody) => part.map((x) => (x.type === "photo" ? "" : x.text)).join("");
    // A two-column story holds 0.15 of the page's 9,792 characters (1,468): the first part ends on a whole sentence within them.
    expect(text(a.body)).toMatch(/变化。$/);
    expect(text(a.body).length).toBeLessThanOrEqual(1468);
    expect(text(a.body).length).toBeGreaterThan(1468 - sentences[119].length);
    expect(text(b.body)).toMatch(/^第\d+句/);
    expect(b.body.at(-1)).toEqual(photo);
    expect(text(a.body) + text(b.body)).toBe(sentences.join(""));
    expect([a.jumpTo, b.continuedFrom]).toEqual([to, { number: 1, name: "要闻" }]);
    // Page 3 opens inside the paragraph page 1 broke: no new first-line indent there.
    expect([a.opensMidParagraph, b.opensMidParagraph]).toEqual([false, true]);
    expect([first.headlines, third.headlines].map((h) => h.map((x) => [x.id, x.jumpTo?.number ?? null, x.continuedFrom?.number ?? null]))).toEqual([[["a", 3, null]], [["a", null, 1]]]);
  });

  it("a short story set to jump fits: it runs whole and nothing continues", () => {
    const short = paragraphs(50);
    const first = layoutPage(plan(), [item("a", short, { isLead: true, continuesOn: { number: 3, name: "县区新闻" } })]);
    const second = layoutPage(plan({ number: 3 }), [], [{ placementId: "pa", from: { number: 1, name: "要闻" }, size: "SINGLE", originCapacity: broadsheet.capacity, story: story("a", short) }]);
    const a = first.blocks[0];
    expect(a.type === "story" && [a.jumpTo, a.body]).toEqual([null, short]);
    expect(second.blocks).toEqual([]);
    expect(second.flags).toContain("EMPTY");
  });

  it("a page with only a planned slot carries no copy yet", () => {
    expect(layoutPage(plan(), [slot({ isLead: true })]).flags).toEqual(["EMPTY", "OPEN_SLOTS", "UNSIGNED"]);
  });

  it("a story that fits its space runs whole; the desk still sees the page it was set to continue on", () => {
    const fits = layoutPage(plan(), [item("a", paragraphs(350, 350), { isLead: true, continuesOn: { number: 3, name: "县区新闻" } })]).blocks[0];
    expect(fits.type === "story" && [fits.jumpTo, fits.plannedJump, fits.body.length]).toEqual([null, { number: 3, name: "县区新闻" }, 2]);
    // One paragraph with no sentence end in it stays whole; the next goes on.
    expect(splitForJump(paragraphs(9000, 10), "SINGLE", 12000).here).toEqual(paragraphs(9000));
  });
});

const photoLinesOf = (span: number) => Math.ceil((span * 40.25 + (span - 1) * 4) * (2 / 3) / (9 * 1.5 * 25.4 / 72));

describe("组图 (photo stories) on the page", () => {
  const photos = (n: number): StoryBody =>
    Array.from({ length: n }, (_, i) => ({ type: "photo" as const, photoId: `ph${i + 1}`, caption: "图说".repeat(i + 1), credit: "易跃跃 摄", altText: "" }));
  const setStory = (id: string, n: number) => story(id, [...paragraphs(100), ...photos(n)], "PHOTO_STORY");
  const photoStory = (id: string, n: number, over: Partial<Extract<LayoutItem, { kind: "story" }>> = {}): LayoutItem => item(id, [], { story: setStory(id, n), ...over });
  const blockOf = (layout: ReturnType<typeof layoutPage>) => {
    const b = layout.blocks[0];
    if (b.type !== "story") throw new Error("expected a story block");
    return b;
  };

  it.each<[string, LayoutItem, PagePlan["format"], "grid" | "cover", number, number]>([
    ["five photos in a lead block show as a grid", photoStory("a", 5, { size: "LEAD", isLead: true }), broadsheet, "grid", 5, 5],
    ["five photos in a two-column block show the cover and the count", photoStory("a", 5, { size: "DOUBLE" }), broadsheet, "cover", 1, 5],
    ["one column is too narrow for a grid", photoStory("a", 5, { size: "SINGLE" }), broadsheet, "cover", 1, 5],
    ["a tabloid's lead (four columns) is wide enough", photoStory("a", 6, { size: "LEAD", isLead: true }), tabloid, "grid", 6, 6],
    ["a set of one is its cover, however wide", photoStory("a", 1, { size: "BANNER" }), broadsheet, "cover", 1, 1],
    ["a grid prints the cover and two rows; the count tells the whole set", photoStory("a", 9, { size: "BANNER" }), broadsheet, "grid", 7, 9],
  ])("%s", (_what, it, format, display, shown, count) => {
    const set = blockOf(layoutPage(plan({ format }), [it])).gallery;
    expect(set).toMatchObject({ display, count });
    expect(set?.photos.map((p) => p.photoId)).toEqual(Array.from({ length: shown }, (_, i) => `ph${i + 1}`));
  });

  it("leaves every other kind of story as it was, photos and all", () => {
    const feature = item("f", [...paragraphs(100), ...photos(3)], { size: "LEAD", isLead: true });
    expect(blockOf(layoutPage(plan(), [feature])).gallery).toBeNull();
  });

  it("counts a 组图 on the grid: its cover across the block, its rows of small photos cut 4:3, its numbered captions in the text", () => {
    const block = blockOf(layoutPage(plan({ number: 2 }), [photoStory("a", 5, { size: "LEAD", isLead: true })]));
    // Five columns (217.25 mm) of a 3:2 cover (no size known): 144.8 mm, 31 lines; rows of two 108.1 mm photos at 4:3: 81.1 mm, 18 lines.
    expect([block.parts.cover, block.parts.row, block.parts.rows]).toEqual([31, 18, 2]);
    // Text: 100 characters (indent 2) take 9 lines; captions "图① 图说… 易跃跃 摄" of 11, 13, 15, 17 and 19 characters take 1 + 2 + 2 + 2 + 2: 18 lines in five columns, 4 deep, and a line of slack for the columns' balancing.
    expect(block.parts.text).toBe(Math.ceil((9 + 9) / 5) + 1);
    const cover = blockOf(layoutPage(plan({ number: 2 }), [photoStory("a", 5, { size: "DOUBLE" })]));
    expect([cover.parts.cover, cover.parts.rows]).toEqual([photoLinesOf(2), 0]);
  });

  it("pairs the photos after the cover two to a row when they pair off, else three", () => {
    expect([1, 2, 3, 4, 5, 6].map(photoSetGridColumns)).toEqual([3, 2, 3, 2, 3, 3]);
  });

  it("never breaks across pages: a 组图 set to jump runs whole and nothing continues", () => {
    const set = photoStory("a", 5, { size: "LEAD", isLead: true, continuesOn: { number: 3, name: "县区新闻" } });
    const first = blockOf(layoutPage(plan(), [set]));
    expect([first.jumpTo, first.body.length]).toEqual([null, 6]);
    const second = layoutPage(plan({ number: 3 }), [], [{ placementId: "pa", from: { number: 1, name: "要闻" }, size: "LEAD", originCapacity: broadsheet.capacity, story: setStory("a", 5) }]);
    expect(second.blocks).toEqual([]);
  });
});
