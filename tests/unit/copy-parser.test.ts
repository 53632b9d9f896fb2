import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { guessKind, isPageFurniture, joinBrokenLines, parseParagraphs, parseStory, splitPage, type ImportedStory } from "@/lib/import/copy-parser";

// Each rule of the copy parser on a small piece of invented copy, in the forms county and city
// papers print. The scored pages are in tests/fixtures/import (tests/unit/copy-parser-bench.test.ts).

describe("joinBrokenLines", () => {
  const CASES: [string, string[], string[]][] = [
    ["a line cut where a column ended goes on the next", ["全镇今年新修村路十二公里，还给沿线的", "六个村装上了路灯。"], ["全镇今年新修村路十二公里，还给沿线的六个村装上了路灯。"]],
    ["a finished sentence ends the paragraph", ["第一段说完了。", "第二段另起。"], ["第一段说完了。", "第二段另起。"]],
    ["a closing quote after the full stop still ends it", ["他说：“明年还来。”", "活动持续三天。"], ["他说：“明年还来。”", "活动持续三天。"]],
    ["a line ending in a comma runs on", ["镇长说，", "雪停了就清路。"], ["镇长说，雪停了就清路。"]],
    ["full-width indents are trimmed", ["\u3000\u3000近日，县里开了会。"], ["近日，县里开了会。"]],
    ["stray spaces between Chinese characters go", ["农 产品 加工园 已投产。"], ["农产品加工园已投产。"]],
    ["spaces between Latin words stay", ["全县推广 App Store 上架的应用。"], ["全县推广App Store上架的应用。"]],
    ["a Latin word split over a break keeps a space", ["新系统叫 Smart", "Farm，已上线。"], ["新系统叫Smart Farm，已上线。"]],
    ["blank lines are skipped", ["", "一句。", "  ", "二句。"], ["一句。", "二句。"]],
    ["a run of three broken lines is one paragraph", ["入冬以来，全县出动铲雪车86台", "（次），清运积雪", "3.4万立方米。"], ["入冬以来，全县出动铲雪车86台（次），清运积雪3.4万立方米。"]],
    ["an ellipsis ends a sentence", ["课程有家政、电商……", "下一段。"], ["课程有家政、电商……", "下一段。"]],
    ["a question mark ends a sentence", ["学了管不管用？", "下一段。"], ["学了管不管用？", "下一段。"]],
  ];
  it.each(CASES)("%s", (_, lines, paragraphs) => {
    expect(joinBrokenLines(lines)).toEqual(paragraphs);
  });
});

describe("page furniture", () => {
  const FURNITURE = ["第3版", "A3版", "2026年11月27日 星期五", "责任编辑：刘明 美术编辑：周丽 校对：李静", "县区新闻", "总第8123期", "- 3 -", "2026年11月27日", "2026年11月27日　星期五　　县区新闻　　第3版", "四平日报"];
  const NOT_FURNITURE = ["全县第3版规划已印发。", "修好一条路 富了一个村", "本报通讯员 张晗", "乡村振兴"];
  it.each(FURNITURE)("drops %s", (line) => expect(isPageFurniture(line)).toBe(true));
  it.each(NOT_FURNITURE)("keeps %s", (line) => expect(isPageFurniture(line)).toBe(false));
});

type Fields = Partial<Pick<ImportedStory, "kind" | "kicker" | "headline" | "subheadline" | "byline" | "dateline">>;

describe("parseStory: the headline group, byline and dateline", () => {
  const CASES: [string, string, Fields][] = [
    ["a headline alone", "县城新添三处口袋公园\n\n近日，县城新建的三处口袋公园向市民开放。", { kicker: "", headline: "县城新添三处口袋公园", subheadline: "" }],
    ["kicker above the headline", "问需于企 解忧于企\n双辽市开通涉企服务“直通车”\n本报讯（通讯员 王雨）近日，窗口开通。", { kicker: "问需于企 解忧于企", headline: "双辽市开通涉企服务“直通车”" }],
    ["a dash subheadline", "稻田里的新把式\n——梨树县推进秸秆还田见闻\n本报记者 李雪\n秋收刚过，田里就忙开了。", { headline: "稻田里的新把式", subheadline: "——梨树县推进秸秆还田见闻", byline: "本报记者 李雪" }],
    ["a single dash is read as the house dash", "稻田里的新把式\n—梨树县推进秸秆还田见闻\n本报记者 李雪\n秋收刚过。", { subheadline: "——梨树县推进秸秆还田见闻" }],
    ["kicker, headline and a plain subheadline", "项目建设看一线\n铁东区新开工项目二十个\n总投资12.6亿元\n本报讯（记者 韩秋）日前，项目集中开工。", { kicker: "项目建设看一线", headline: "铁东区新开工项目二十个", subheadline: "总投资12.6亿元" }],
    ["a headline split over two lines is joined", "村村有了图书角 农家书屋添新书\n三千册\n本报讯（通讯员 杜雯）近日，新书送到了村里。", { kicker: "", headline: "村村有了图书角 农家书屋添新书三千册" }],
    ["a dateline opens the first paragraph and names the byline", "县医院开设夜间门诊\n本报讯（记者 何文涛 通讯员 陈秀英）近日，县医院开设夜间门诊。", { dateline: "本报讯（记者 何文涛 通讯员 陈秀英）", byline: "本报记者 何文涛 通讯员 陈秀英", kind: "NEWS_BRIEF" }],
    ["a half-width dateline is printed full-width", "县医院开设夜间门诊\n本报讯(通讯员 吕长顺)近日，门诊开了。", { dateline: "本报讯（通讯员 吕长顺）", byline: "本报通讯员 吕长顺" }],
    ["a county 讯 dateline", "镇里建起烘干塔\n梨树讯（通讯员 邵广林）连日来，烘干塔满负荷运转。", { dateline: "梨树讯（通讯员 邵广林）", byline: "本报通讯员 邵广林" }],
    ["agency copy keeps the agency's reporter", "全省冬季农业生产工作会议召开\n新华社长春11月22日电（记者 孙宏伟）全省会议22日召开。", { dateline: "新华社长春11月22日电（记者 孙宏伟）", byline: "新华社记者 孙宏伟" }],
    ["a byline line with two titles", "山沟里的电商课\n本报记者 骆晓飞 通讯员 孙桢怡\n课堂设在村部。", { byline: "本报记者 骆晓飞 通讯员 孙桢怡", kind: "FEATURE" }],
    ["an intern's byline", "山沟里的电商课\n实习记者 王一鸣\n课堂设在村部。", { byline: "实习记者 王一鸣" }],
    ["two byline lines are one byline", "山沟里的电商课\n本报记者 骆晓飞\n通讯员 孙桢怡\n课堂设在村部。", { byline: "本报记者 骆晓飞 通讯员 孙桢怡" }],
    ["a commentary label is not a kicker", "短评\n培训要问一句管不管用\n□ 本报评论员 周敏\n培训办得多是好事。", { kicker: "", headline: "培训要问一句管不管用", byline: "本报评论员 周敏", kind: "COMMENTARY" }],
  ];
  it.each(CASES)("%s", (_, text, fields) => {
    expect(parseStory(text)).toMatchObject(fields);
  });

  it("reads the people of the byline as contributors", () => {
    expect(parseStory("山沟里的电商课\n本报记者 骆晓飞 通讯员 孙桢怡\n课堂设在村部。").contributors).toEqual([
      { name: "骆晓飞", role: "REPORTER" },
      { name: "孙桢怡", role: "CORRESPONDENT" },
    ]);
  });
});

describe("parseStory: the body", () => {
  const CASES: [string, string, object[]][] = [
    ["the dateline is not repeated in the first paragraph", "县医院开设夜间门诊\n本报讯（记者 何文涛）近日，\n县医院开设夜间门诊。", [{ type: "paragraph", text: "近日，县医院开设夜间门诊。" }]],
    [
      "a short line between paragraphs is a subhead",
      "稻田里的新把式\n本报记者 李雪\n秋收刚过，田里就忙开了。\n科学还田 土地增肥\n今年全县还田面积过半。",
      [
        { type: "paragraph", text: "秋收刚过，田里就忙开了。" },
        { type: "subhead", text: "科学还田 土地增肥" },
        { type: "paragraph", text: "今年全县还田面积过半。" },
      ],
    ],
    [
      "a paragraph start cut at a column end is not a subhead",
      "稻田里的新把式\n本报记者 李雪\n秋收刚过，田里就忙开了。\n今年\n全县还田面积过半。",
      [
        { type: "paragraph", text: "秋收刚过，田里就忙开了。" },
        { type: "paragraph", text: "今年全县还田面积过半。" },
      ],
    ],
    [
      "a brief has no subheads: a short line there is a cut paragraph",
      "县医院开设夜间门诊\n本报讯（记者 何文涛）近日，门诊开了。\n据介绍门诊开设\n内科、儿科两个诊室。",
      [
        { type: "paragraph", text: "近日，门诊开了。" },
        { type: "paragraph", text: "据介绍门诊开设内科、儿科两个诊室。" },
      ],
    ],
    [
      "a caption printed inside a paragraph does not cut it",
      "稻田里的新把式\n本报记者 李雪\n秋收刚过，合作社的\n图为农机手在田间作业。（本报记者 赵晨 摄）\n农机就开进了田里。",
      [
        { type: "paragraph", text: "秋收刚过，合作社的农机就开进了田里。" },
        { type: "photo", caption: "图为农机手在田间作业。", credit: "本报记者 赵晨 摄" },
      ],
    ],
    [
      "图为 with its credit on the next line",
      "稻田里的新把式\n本报记者 李雪\n秋收刚过。\n图为农机手在田间作业。\n本报记者 赵晨 摄\n田里忙开了。",
      [
        { type: "paragraph", text: "秋收刚过。" },
        { type: "photo", caption: "图为农机手在田间作业。", credit: "本报记者 赵晨 摄" },
        { type: "paragraph", text: "田里忙开了。" },
      ],
    ],
    [
      "a supplied picture's credit",
      "秋收\n图为村民晾晒玉米。\n县委宣传部 提供",
      [{ type: "photo", caption: "图为村民晾晒玉米。", credit: "县委宣传部 提供" }],
    ],
  ];
  it.each(CASES)("%s", (_, text, body) => {
    expect(parseStory(text).body).toEqual(body);
  });
});

describe("parseStory: photo news and 组图", () => {
  it("a caption with its credit and no headline is photo news", () => {
    const story = parseStory("近日，县城南关小学的孩子们在操场上堆起了雪人。\n本报通讯员 葛春燕 摄");
    expect(story).toMatchObject({ kind: "PHOTO_NEWS", headline: "", byline: "本报通讯员 葛春燕 摄" });
    expect(story.captions).toEqual([{ caption: "近日，县城南关小学的孩子们在操场上堆起了雪人。", credit: "本报通讯员 葛春燕 摄" }]);
  });
  it("a credit in brackets after the caption", () => {
    const story = parseStory("粮满仓\n图为种粮大户在晾晒新粮。（本报记者 赵晨 摄）");
    expect(story).toMatchObject({ kind: "PHOTO_NEWS", headline: "粮满仓", byline: "本报记者 赵晨 摄" });
  });
  it("numbered captions under one headline and credit are a photo story", () => {
    const story = parseStory("金秋稻田\n本报记者 赵晨 摄\n连日来，各地水稻进入收获期。\n①村民在田间收割水稻。\n②新米装袋入仓。\n③烘干塔满负荷运转。");
    expect(story).toMatchObject({ kind: "PHOTO_STORY", headline: "金秋稻田", byline: "本报记者 赵晨 摄" });
    expect(story.captions.map((c) => c.caption)).toEqual(["①村民在田间收割水稻。", "②新米装袋入仓。", "③烘干塔满负荷运转。"]);
    expect(story.captions.every((c) => c.credit === "本报记者 赵晨 摄")).toBe(true);
  });
});

describe("guessKind", () => {
  const para = { type: "paragraph" as const, text: "一段。" };
  const photo = { type: "photo" as const, caption: "图为。", credit: "某某 摄" };
  const CASES: [string, Parameters<typeof guessKind>[0], ReturnType<typeof guessKind>][] = [
    ["a dateline makes a brief", { byline: "本报通讯员 张晗", dateline: "本报讯（通讯员 张晗）", body: [para], headline: "某" }, "NEWS_BRIEF"],
    ["a byline line makes a feature", { byline: "本报记者 李雪", dateline: "", body: [para], headline: "某" }, "FEATURE"],
    ["a 评论员 byline makes a commentary", { byline: "本报评论员", dateline: "", body: [para], headline: "某" }, "COMMENTARY"],
    ["one photo and no text is photo news", { byline: "", dateline: "", body: [photo], headline: "" }, "PHOTO_NEWS"],
    ["two photos and no text is a photo story", { byline: "", dateline: "", body: [photo, photo], headline: "" }, "PHOTO_STORY"],
    ["a headline, an introduction and photos is a photo story", { byline: "", dateline: "", body: [para, photo, photo], headline: "某" }, "PHOTO_STORY"],
    ["numbered pictures under a headline are a photo story, however long the text", { byline: "本报记者 赵晨 摄", dateline: "", body: [para, para, para, { ...photo, caption: "①某。" }, { ...photo, caption: "②某。" }], headline: "某" }, "PHOTO_STORY"],
    ["a feature with two unnumbered pictures stays a feature", { byline: "本报记者 李雪", dateline: "", body: [para, para, para, photo, photo], headline: "某" }, "FEATURE"],
    ["nothing else is a brief", { byline: "", dateline: "", body: [para], headline: "某" }, "NEWS_BRIEF"],
  ];
  it.each(CASES)("%s", (_, story, kind) => expect(guessKind(story)).toBe(kind));
});

describe("splitPage", () => {
  const PAGE = [
    "2026年11月20日　星期五　　县区新闻　　第3版",
    "稻田里的新把式",
    "——梨树县推进秸秆还田见闻",
    "本报记者 李雪",
    "秋收刚过，合作社的",
    "农机就开进了田里。",
    "近日，县城南关小学的孩子们在操场上堆起了雪人。",
    "本报通讯员 葛春燕 摄",
    "问需于企 解忧于企",
    "双辽市开通涉企服务“直通车”",
    "本报讯（通讯员 王雨）近日，窗口开通。",
    "责任编辑：刘明　美术编辑：周丽　校对：李静",
  ].join("\n");

  it("finds where each story begins and ends, and drops the furniture", () => {
    const stories = splitPage(PAGE);
    expect(stories.map((s) => [s.kind, s.headline])).toEqual([
      ["FEATURE", "稻田里的新把式"],
      ["PHOTO_NEWS", ""],
      ["NEWS_BRIEF", "双辽市开通涉企服务“直通车”"],
    ]);
    expect(PAGE.slice(...stories[0].range)).toMatch(/^稻田里的新把式[\s\S]*农机就开进了田里。$/u);
    expect(PAGE.slice(...stories[2].range)).toMatch(/^问需于企[\s\S]*窗口开通。$/u);
    expect(stories.some((s) => JSON.stringify(s).includes("责任编辑"))).toBe(false);
  });

  it("a run of 本报讯 paragraphs without headlines is one story each", () => {
    const stories = splitPage("简讯\n本报讯（通讯员 张晗）县图书馆延长开放时间。\n本报讯（通讯员 杜雯）铁西区举办招聘会。");
    expect(stories.map((s) => s.dateline)).toEqual(["本报讯（通讯员 张晗）", "本报讯（通讯员 杜雯）"]);
  });

  it("a subhead in a feature does not start a story", () => {
    expect(splitPage("稻田里的新把式\n本报记者 李雪\n秋收刚过。\n科学还田 土地增肥\n今年过半。")).toHaveLength(1);
  });

  it("drops 转版 marks, and the rest of a story from another page (上接) is a story of its own", () => {
    const page = "冰雪旅游热起来\n本报讯（记者 王芳）入冬以来，全市冰雪旅游持续升温。（下转第2版）\n图为游客在南湖冰场滑冰。（本报记者 赵晨 摄）\n（上接第一版）\n滑雪场负责人介绍，今年新增了夜场，\n吸引了不少上班族。";
    const stories = splitPage(page);
    expect(stories.map((s) => s.body.map((b) => (b.type === "photo" ? b.caption : b.text)))).toEqual([
      ["入冬以来，全市冰雪旅游持续升温。", "图为游客在南湖冰场滑冰。"],
      ["滑雪场负责人介绍，今年新增了夜场，吸引了不少上班族。"],
    ]);
    expect(page.slice(...stories[1].range)).toBe("（上接第一版）\n滑雪场负责人介绍，今年新增了夜场，\n吸引了不少上班族。");
  });

  it("a column label such as 记者手记 is not a byline", () => {
    const [story] = splitPage("记者手记\n冰雪里的热情\n新华社长春11月26日电（记者 李明）吉林省今冬冰雪季正式开幕。");
    expect(story).toMatchObject({ kicker: "记者手记", headline: "冰雪里的热情", byline: "新华社记者 李明" });
  });

  it("a dateline printed without brackets keeps its spaces and names its people", () => {
    const [story] = splitPage("县里开通冬季供暖热线\n本报讯 记者 王芳 通讯员 李可 报道 近日，县住建局开通冬季供暖热线。");
    expect(story).toMatchObject({ dateline: "本报讯 记者 王芳 通讯员 李可 报道", byline: "本报记者 王芳 通讯员 李可" });
    expect(story.body).toEqual([{ type: "paragraph", text: "近日，县住建局开通冬季供暖热线。" }]);
  });

  it("a headline longer than a subhead may be is still a headline; inside a story such a line is text", () => {
    const long = "全市各县区扎实推进冬季清洁取暖改造工程让二十万户城乡居民在今冬用上更加安全稳定的清洁热源";
    const [story] = splitPage(`${long}\n本报记者 王芳\n入冬以来，全市完成改造。`);
    expect(story).toMatchObject({ headline: long, byline: "本报记者 王芳" });
    const [inside] = splitPage(`标题\n本报记者 王芳\n入冬以来，全市完成改造。\n${long}\n改造工作还在继续。`);
    expect(inside.body.map((b) => b.type)).toEqual(["paragraph", "paragraph", "paragraph"]);
  });

  it("a dateline without brackets may end in a colon, which stays with it", () => {
    const [story] = splitPage("供暖热线开通\n本报讯 记者 王芳：日前，县住建局开通冬季供暖热线。");
    expect(story).toMatchObject({ dateline: "本报讯 记者 王芳：", byline: "本报记者 王芳" });
    expect(story.body).toEqual([{ type: "paragraph", text: "日前，县住建局开通冬季供暖热线。" }]);
  });

  it("drops 转版 marks printed bare on a line of their own", () => {
    const stories = splitPage("县里召开冬季安全会议\n本报讯（记者 王芳）近日，县里召开会议，\n下转第2版\n\n上接第一版\n各村要备足融雪物资。");
    expect(stories.map((s) => s.body.map((b) => (b.type === "photo" ? b.caption : b.text)))).toEqual([["近日，县里召开会议，"], ["各村要备足融雪物资。"]]);
  });

  it("an empty page has no stories", () => {
    expect(splitPage("\n第3版\n")).toEqual([]);
  });
});

describe("splitPage: a page copied from a PDF, lines cut at column ends", () => {
  // Kicker, headline, a dateline cut inside its bracket, a caption whose "某某 摄" is cut and runs
  // straight into the next headline, two 实习记者 written together, a 组图 of a title and four captions.
  const PAGE = readFileSync(path.resolve(import.meta.dirname, "../fixtures/import/pdf-page.txt"), "utf8").trimEnd().split("\n");
  const read = (text: string) =>
    splitPage(text).map((s) => ({ kind: s.kind, kicker: s.kicker, headline: s.headline, dateline: s.dateline, byline: s.byline, captions: s.captions, paragraphs: s.body.flatMap((b) => (b.type === "paragraph" ? [b.text] : [])) }));
  const STORIES = [
    {
      kind: "NEWS_BRIEF",
      kicker: "冬闲变冬忙",
      headline: "白石镇温室草莓上市",
      dateline: "本报讯（记者 周敏 通讯员 韩晓东）",
      byline: "本报记者 周敏 通讯员 韩晓东",
      captions: [{ caption: "图为村民在大棚里采摘草莓。", credit: "韩晓东 摄" }],
      paragraphs: ["走进白石镇兴隆村的草莓大棚，一垄垄草莓苗长势喜人，红彤彤的果实挂满枝头，村民们忙着采摘、分拣、装箱。"],
    },
    {
      kind: "NEWS_BRIEF",
      kicker: "",
      headline: "东河乡新建养老服务站",
      dateline: "本报讯（实习记者 刘洋 陈思）",
      byline: "本报实习记者 刘洋 陈思",
      captions: [],
      paragraphs: ["近日，东河乡南湾村养老服务站正式投入使用，村里68名留守老人有了就餐、休息、娱乐的好去处。"],
    },
    {
      kind: "PHOTO_STORY",
      kicker: "",
      headline: "冰雪嘉年华开幕",
      dateline: "",
      byline: "",
      captions: [
        { caption: "游客在冰面上体验雪地摩托。", credit: "李振华 摄" },
        { caption: "小朋友在冰雪乐园里玩冰滑梯。", credit: "王蕾 摄" },
        { caption: "白石镇文艺队为游客表演秧歌。", credit: "孙立军 摄" },
        { caption: "游客在冰雕作品前拍照留念。", credit: "郑洁 摄" },
      ],
      paragraphs: [],
    },
  ];
  const FORMS: [string, string][] = [
    ["as extracted", PAGE.join("\n")],
    ["with a blank line after every line", PAGE.join("\n\n")],
    ["with commas and brackets half-width", PAGE.join("\n").replaceAll("，", ",").replaceAll("（", "(")],
  ];
  it.each(FORMS)("reads the three stories %s", (_, text) => {
    expect(read(text)).toEqual(STORIES);
  });

  it("a short line between two briefs' paragraphs heads a story of its own", () => {
    const page = [
      "松岭县举办电商培训班",
      "本报讯（通讯员 杜红梅）近",
      "日，县商务局举办农村电商带",
      "头人培训班，来自各乡镇的85",
      "名合作社负责人参加培训。",
      "白石镇完成秸秆离田",
      "入冬以来，白石镇组织农",
      "机合作社开展秸秆打包离田作",
      "业，全镇已完成秸秆离田2.6",
      "万吨，离田率达到92%。",
    ].join("\n");
    expect(read(page).map((s) => [s.headline, s.dateline, s.paragraphs])).toEqual([
      ["松岭县举办电商培训班", "本报讯（通讯员 杜红梅）", ["近日，县商务局举办农村电商带头人培训班，来自各乡镇的85名合作社负责人参加培训。"]],
      ["白石镇完成秸秆离田", "", ["入冬以来，白石镇组织农机合作社开展秸秆打包离田作业，全镇已完成秸秆离田2.6万吨，离田率达到92%。"]],
    ]);
  });

  it("a column that ends at a full stop does not end its paragraph", () => {
    const page = ["县里建起草莓大棚", "本报讯（记者 周敏）走进兴", "隆村的草莓大棚，一垄垄草莓", "苗长势喜人，果实挂满枝头。", "村民们忙着采摘、分拣、装箱，", "赶在元旦前送进市区商超。", "据了解，全村今年种了45", "亩草莓，产值可达120万元。"].join("\n");
    expect(read(page)[0].paragraphs).toEqual(["走进兴隆村的草莓大棚，一垄垄草莓苗长势喜人，果实挂满枝头。村民们忙着采摘、分拣、装箱，赶在元旦前送进市区商超。", "据了解，全村今年种了45亩草莓，产值可达120万元。"]);
  });
});

describe("parseParagraphs: a Word file's whole paragraphs", () => {
  it("never joins a paragraph that ends without a full stop to the next", () => {
    const story = parseParagraphs([{ text: "县城新添三处口袋公园" }, { text: "近日，县城新建的三处口袋公园向市民开放，" }, { text: "市民纷纷前来游玩。" }]);
    expect(story.body).toEqual([
      { type: "paragraph", text: "近日，县城新建的三处口袋公园向市民开放，" },
      { type: "paragraph", text: "市民纷纷前来游玩。" },
    ]);
  });

  it("takes the Title paragraph as the headline: a line above is the kicker, a line below the subheadline", () => {
    const story = parseParagraphs([
      { text: "项目建设看一线", role: "heading" },
      { text: "铁东区新开工项目二十个", role: "title" },
      { text: "总投资12.6亿元", role: "heading" },
      { text: "本报讯（记者 韩秋）日前，项目集中开工。" },
    ]);
    expect(story).toMatchObject({ kicker: "项目建设看一线", headline: "铁东区新开工项目二十个", subheadline: "总投资12.6亿元", dateline: "本报讯（记者 韩秋）" });
  });

  it("keeps a short last line of a brief as its own block rather than gluing it to the next", () => {
    const story = parseParagraphs([{ text: "镇里建起烘干塔" }, { text: "梨树讯（通讯员 邵广林）连日来，烘干塔满负荷运转。" }, { text: "一期工程" }, { text: "日处理粮食三百吨。" }]);
    expect(story.body.map((b) => b.type)).toEqual(["paragraph", "subhead", "paragraph"]);
  });

  it("reads a heading-styled line with a comma as a subhead", () => {
    const story = parseParagraphs([{ text: "稻田里的新把式", role: "title" }, { text: "秋收刚过，田里就忙开了。" }, { text: "一、早备种子，早修农机", role: "heading" }, { text: "县里提前调运了种子。" }]);
    expect(story.body[1]).toEqual({ type: "subhead", text: "一、早备种子，早修农机" });
  });

  it.each([
    ["a 图为 caption with the credit after its full stop", [{ text: "图为村民在新修的路上散步。 张三 摄" }], "图为村民在新修的路上散步。", "张三 摄"],
    ["a caption with a bracketed credit", [{ text: "村民在新修的路上散步（本报记者 赵晨 摄）" }], "村民在新修的路上散步", "本报记者 赵晨 摄"],
    ["a caption and its credit in two paragraphs", [{ text: "村民在新修的路上散步。" }, { text: "张三 摄" }], "村民在新修的路上散步。", "张三 摄"],
    ["only a credit", [{ text: "张三 摄" }], "", "张三 摄"],
  ])("a picture takes %s", (_, below, caption, credit) => {
    const story = parseParagraphs([{ text: "新路通到家门口", role: "title" }, { text: "全镇新修村路十二公里。" }, { picture: 0 }, ...below, { text: "下一段。" }]);
    expect(story.body).toEqual([
      { type: "paragraph", text: "全镇新修村路十二公里。" },
      { type: "photo", picture: 0, caption, credit },
      { type: "paragraph", text: "下一段。" },
    ]);
  });

  it("leaves a body paragraph below a picture as a paragraph", () => {
    const story = parseParagraphs([{ text: "新路通到家门口", role: "title" }, { picture: 0 }, { text: "本报讯（通讯员 王雨）全镇新修村路十二公里。" }]);
    expect(story.body).toEqual([
      { type: "photo", picture: 0, caption: "", credit: "" },
      { type: "paragraph", text: "全镇新修村路十二公里。" },
    ]);
    expect(story.dateline).toBe("本报讯（通讯员 王雨）");
  });
});
