import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  bodyToText,
  cardsOfPage,
  fileableBody,
  findInSource,
  importProblem,
  lineAtOffset,
  mergeWithNext,
  partsInSource,
  readFolio,
  nameChecks,
  splitAtLine,
  storyOfCard,
  textToBody,
  type ImportCard,
} from "@/lib/import/page-import";

// The page import desk's working copy: the body as text, merge, split, where parts stand in the
// source, and the folio read off the page.

const pages = path.resolve(import.meta.dirname, "../fixtures/import/pages");
const page = (name: string) => readFileSync(path.join(pages, name), "utf8");

const PAGE = [
  "2026年3月5日　星期四　　县区新闻　　第3版",
  "",
  "春耕备耕",
  "梨树县农资储备充足",
  "",
  "本报讯（通讯员 王可）眼下，梨树县各农资门店的化肥、种子已经备齐，",
  "价格平稳。",
  "",
  "送法进村",
  "",
  "本报讯（记者 高远）近日，县司法局组织律师走进十个村屯，开展法律咨询。",
  "活动共解答群众问题三百余个。",
].join("\n");

describe("the body as one box of lines", () => {
  it.each([
    ["a paragraph", [{ type: "paragraph", text: "正文一段。" }], "正文一段。"],
    ["a subhead", [{ type: "subhead", text: "农机下田" }], "【小标题】农机下田"],
    ["a photo with its credit", [{ type: "photo", caption: "图为收割现场。", credit: "本报记者 赵晨 摄" }], "【图】图为收割现场。（本报记者 赵晨 摄）"],
    ["a photo without a credit", [{ type: "photo", caption: "图为收割现场。", credit: "" }], "【图】图为收割现场。"],
  ] as const)("writes and reads back %s", (_name, body, text) => {
    expect(bodyToText(body)).toBe(text);
    expect(textToBody(text)).toEqual(body);
  });

  it("drops blank lines and trims, and an empty subhead mark is nothing", () => {
    expect(textToBody("  第一段。 \n\n【小标题】  \n第二段。")).toEqual([
      { type: "paragraph", text: "第一段。" },
      { type: "paragraph", text: "第二段。" },
    ]);
  });

  it("keeps a bracket that is not a credit as part of the caption", () => {
    expect(textToBody("【图】图为新建的文化广场（位于县城东部）。")).toEqual([{ type: "photo", caption: "图为新建的文化广场（位于县城东部）。", credit: "" }]);
  });
});

describe("finding copy in the source", () => {
  it("finds text across line breaks, indents and extraction spaces", () => {
    const source = "前言\n　　梨树县农资\n储备 充足\n后记";
    const found = findInSource(source, "梨树县农资储备充足");
    expect(found).not.toBeNull();
    expect(source.slice(...found!)).toBe("梨树县农资\n储备 充足");
  });

  it("looks only inside the range it is given, and treats regex characters as text", () => {
    expect(findInSource("甲乙丙甲乙丙", "甲乙", 1)).toEqual([3, 5]);
    expect(findInSource("甲乙丙", "甲乙", 0, 1)).toBeNull();
    expect(findInSource("价格(元)*2", "(元)*")).toEqual([2, 6]);
    expect(findInSource("任何", "")).toBeNull();
  });
});

describe("cards of a page", () => {
  const cards = cardsOfPage(PAGE);

  it("reads the briefs as cards with their ranges", () => {
    expect(cards.map((c) => c.headline)).toEqual(["梨树县农资储备充足", "送法进村"]);
    expect(cards[0].kicker).toBe("春耕备耕");
    expect(PAGE.slice(...cards[0].range)).toMatch(/^春耕备耕[\s\S]*价格平稳。$/u);
    expect(cards[1].bodyText).toBe("近日，县司法局组织律师走进十个村屯，开展法律咨询。\n活动共解答群众问题三百余个。");
  });

  it("marks each part where it stands in the source", () => {
    const marks = partsInSource(PAGE, cards[0]);
    // The byline was composed from the dateline (本报通讯员 王可), so it is not printed anywhere to mark.
    expect(cards[0].byline).toBe("本报通讯员 王可");
    expect(marks.map((m) => [m.part, PAGE.slice(m.start, m.end)])).toEqual([
      ["kicker", "春耕备耕"],
      ["headline", "梨树县农资储备充足"],
      ["dateline", "本报讯（通讯员 王可）"],
    ]);
    const feature = page("p01-yaowen.txt");
    const subheads = partsInSource(feature, cardsOfPage(feature)[0]).filter((m) => m.part === "subhead");
    expect(subheads.map((m) => feature.slice(m.start, m.end))).toContain("引进龙头企业 补齐加工短板");
  });

  it("merges a story into the one before: its head lines become subheads, its dateline opens its text", () => {
    const merged = mergeWithNext(cards, 0);
    expect(merged).toHaveLength(1);
    expect(merged[0].headline).toBe("梨树县农资储备充足");
    expect(merged[0].range).toEqual([cards[0].range[0], cards[1].range[1]]);
    const lines = merged[0].bodyText.split("\n");
    expect(lines).toContain("【小标题】送法进村");
    expect(lines).toContain("本报讯（记者 高远）近日，县司法局组织律师走进十个村屯，开展法律咨询。");
    expect(mergeWithNext(cards, 1)).toEqual(cards);
  });

  it("puts a merged story's dateline before its first paragraph, not on a caption", () => {
    const a = { ...cards[0] };
    const b = { ...cards[1], bodyText: "【图】图为现场。（赵晨 摄）\n近日，县里开会。" };
    const [merged] = mergeWithNext([a, b], 0);
    expect(merged.bodyText.split("\n").slice(-2)).toEqual(["【图】图为现场。（赵晨 摄）", "本报讯（记者 高远）近日，县里开会。"]);
  });

  it("splits a story at a line: that line is the new headline, the source range is cut where it stands", () => {
    const joined = mergeWithNext(cards, 0);
    const at = joined[0].bodyText.split("\n").indexOf("【小标题】送法进村");
    const split = splitAtLine(joined, 0, at, PAGE);
    expect(split.map((c) => c.headline)).toEqual(["梨树县农资储备充足", "送法进村"]);
    expect(split[0].range[1]).toBe(PAGE.indexOf("送法进村"));
    expect(split[1].range).toEqual([PAGE.indexOf("送法进村"), joined[0].range[1]]);
    // The merged story's dateline, which merging put back at the head of its paragraph, is read again.
    expect(split[1]).toMatchObject({ dateline: "本报讯（记者 高远）", byline: "本报记者 高远", kind: "NEWS_BRIEF" });
    expect(split[1].bodyText.startsWith("近日，县司法局")).toBe(true);
    expect(split[1].key).not.toBe(split[0].key);
    // Cutting before the first line or past the last changes nothing.
    expect(splitAtLine(joined, 0, 0, PAGE)).toEqual(joined);
    expect(splitAtLine(joined, 0, 99, PAGE)).toEqual(joined);
  });

  it("splits off photo news at its caption: the caption stays its body, with no headline to invent", () => {
    const source = "本报讯（通讯员 林晓）6月17日，市图书馆少儿阅览室重新开放。\n\n图为农民在田间查看秧苗长势。（本报记者 赵晨 摄）";
    const [card] = cardsOfPage(source);
    expect(card.bodyText.split("\n")).toHaveLength(2);
    const split = splitAtLine([card], 0, 1, source);
    expect(split[1]).toMatchObject({ headline: "", kind: "PHOTO_NEWS", byline: "本报记者 赵晨 摄", bodyText: "【图】图为农民在田间查看秧苗长势。（本报记者 赵晨 摄）" });
    expect(split[1].range[0]).toBe(source.indexOf("图为"));
    expect(split[0]).toMatchObject({ dateline: "本报讯（通讯员 林晓）", bodyText: "6月17日，市图书馆少儿阅览室重新开放。" });
  });

  it("reads the new story's head lines again at each split: headline, dateline, byline and kind", () => {
    // What the desk once read as one story: a brief with its photo, the next brief's headline and
    // dateline (two 实习记者 written together), and a 组图 of a title and two captions.
    const card = {
      ...cardsOfPage("白石镇温室草莓上市\n本报讯（记者 周敏）走进兴隆村的草莓大棚。")[0],
      bodyText: [
        "走进兴隆村的草莓大棚。",
        "【图】图为村民在大棚里采摘草莓。（韩晓东 摄）",
        "东河乡新建养老服务站",
        "本报讯（实习记者 刘洋陈思）近日，东河乡南湾村养老服务站投入使用。",
        "冰雪嘉年华开幕",
        "【图】游客在冰面上体验雪地摩托。（李振华 摄）",
        "【图】小朋友在冰雪乐园里玩冰滑梯。（王蕾 摄）",
      ].join("\n"),
    };
    const once = splitAtLine([card], 0, 2, "");
    expect(once[1]).toMatchObject({ kicker: "", headline: "东河乡新建养老服务站", dateline: "本报讯（实习记者 刘洋 陈思）", byline: "本报实习记者 刘洋 陈思" });
    expect(once[1].bodyText.split("\n")[1]).toBe("【小标题】冰雪嘉年华开幕");
    const twice = splitAtLine(once, 1, 1, "");
    expect(twice.map((c) => [c.kind, c.headline, c.dateline, c.byline])).toEqual([
      ["NEWS_BRIEF", "白石镇温室草莓上市", "本报讯（记者 周敏）", "本报记者 周敏"],
      ["NEWS_BRIEF", "东河乡新建养老服务站", "本报讯（实习记者 刘洋 陈思）", "本报实习记者 刘洋 陈思"],
      ["PHOTO_STORY", "冰雪嘉年华开幕", "", ""],
    ]);
    expect(twice[1].bodyText).toBe("近日，东河乡南湾村养老服务站投入使用。");
    // The card asks for the names it took apart to be checked, until the editor writes them otherwise.
    expect(nameChecks(twice[1])).toEqual(["电头里连写的“刘洋陈思”读作 刘洋、陈思，请核对"]);
    expect(nameChecks({ ...twice[1], dateline: "本报讯（实习记者 刘洋陈 思）" })).toEqual([]);
    expect(twice[2].bodyText).toBe("【图】游客在冰面上体验雪地摩托。（李振华 摄）\n【图】小朋友在冰雪乐园里玩冰滑梯。（王蕾 摄）");
  });

  it("counts the cursor's line as the split does, blank lines left out", () => {
    const text = "一\n\n二\n三";
    expect(lineAtOffset(text, 0)).toBe(0);
    expect(lineAtOffset(text, text.indexOf("二"))).toBe(1);
    expect(lineAtOffset(text, text.indexOf("三") + 1)).toBe(2);
  });

  it("sends a card as the story's fields, trimmed, with a known kind", () => {
    const card: ImportCard = { ...cards[0], headline: "  标题 ", kind: "NOT_A_KIND" as never, bodyText: "【小标题】一\n段。" };
    expect(storyOfCard(card)).toMatchObject({ kind: "NEWS_BRIEF", headline: "标题", body: [{ type: "subhead", text: "一" }, { type: "paragraph", text: "段。" }] });
  });
});

describe("what an imported story is filed with", () => {
  const photo = { type: "photo" as const, caption: "图为冰场。", credit: "赵晨 摄" };
  it("leaves pictures out, keeping captions as text only for copy that has no other", () => {
    expect(fileableBody([{ type: "paragraph", text: "正文。" }, photo])).toEqual([{ type: "paragraph", text: "正文。" }]);
    expect(fileableBody([{ type: "subhead", text: "冰场" }, photo])).toEqual([{ type: "subhead", text: "冰场" }, { type: "paragraph", text: "图为冰场。" }]);
  });

  it.each([
    ["complete", { kind: "NEWS_BRIEF", headline: "标题", byline: "本报记者 赵晨", text: "正文。" }, null],
    ["no headline", { kind: "NEWS_BRIEF", headline: "", byline: "本报记者 赵晨", text: "正文。" }, "请填写主题（标题）"],
    ["photo news without a headline", { kind: "PHOTO_NEWS", headline: "", byline: "本报记者 赵晨", text: "图为冰场。" }, null],
    ["no byline", { kind: "FEATURE", headline: "标题", byline: "", text: "正文。" }, "请填写署名，例如“本报通讯员 张晗”"],
    ["nothing", { kind: "NEWS_BRIEF", headline: "", byline: "", text: "" }, "既没有标题也没有正文，请补上或不导入这一篇"],
  ] as const)("says what is missing: %s", (_name, s, problem) => {
    expect(importProblem({ kind: s.kind, headline: s.headline, byline: s.byline, body: s.text ? [{ type: "paragraph", text: s.text }] : [] })).toBe(problem);
  });
});

describe("the folio printed on a page", () => {
  it.each([
    ["date, page name and number on one line", "2026年11月20日　星期五　　要闻　　第1版\n\n标题", { date: "2026-11-20", pageNumber: "1", pageName: "要闻", issueNumber: "" }],
    ["number before the name, date on its own line", "第4版　图片新闻\n\n2026年11月22日　星期日\n", { date: "2026-11-22", pageNumber: "4", pageName: "图片新闻", issueNumber: "" }],
    ["name before the number, running number", "乡村振兴　第6版\n2026年1月7日 星期三 总第 8812 期", { date: "2026-01-07", pageNumber: "6", pageName: "乡村振兴", issueNumber: "8812" }],
    ["a page name on its own line, the masthead left out", "四平日报\n县区新闻\n\n2026年11月21日　星期六\n", { date: "2026-11-21", pageNumber: "", pageName: "县区新闻", issueNumber: "" }],
    ["the lunar date left out of the page name", "2024年4月16日 星期二 农历三月初八 第2版 县区新闻", { date: "2024-04-16", pageNumber: "2", pageName: "县区新闻", issueNumber: "" }],
    ["a page number in Chinese numerals", "第十二版　副刊\n2024年4月16日", { date: "2024-04-16", pageNumber: "12", pageName: "副刊", issueNumber: "" }],
    ["a lettered page", "A2版　要闻\n2024年4月16日", { date: "2024-04-16", pageNumber: "2", pageName: "要闻", issueNumber: "" }],
    ["a 转版 mark not taken for the page", "（下转第5版）\n2024年4月16日 综合 第3版", { date: "2024-04-16", pageNumber: "3", pageName: "综合", issueNumber: "" }],
    ["a page printing none", "标题\n正文。", { date: "", pageNumber: "", pageName: "", issueNumber: "" }],
  ])("reads %s", (_name, text, folio) => {
    expect(readFolio(text)).toEqual(folio);
  });

  it("reads the labelled pages' folios", () => {
    expect(readFolio(page("p01-yaowen.txt"))).toMatchObject({ date: "2026-11-20", pageNumber: "1", pageName: "要闻" });
    expect(readFolio(page("p03-tupian.txt"))).toMatchObject({ date: "2026-11-22", pageNumber: "4", pageName: "图片新闻" });
  });
});
