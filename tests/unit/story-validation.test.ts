import { describe, expect, it } from "vitest";
import { countCharacters, leadText, storyBody } from "@/lib/stories/body";
import { completenessErrors, HEAD_FIELD_NAMES, HEAD_FIELDS, storyDraft, type StoryDraft } from "@/lib/stories/schema";

const base: StoryDraft = {
  kind: "NEWS_BRIEF",
  kicker: "",
  headline: "铁东区开通冬季供暖服务热线",
  subheadline: "",
  byline: "本报通讯员 张晗",
  contributors: [{ name: "张晗", role: "CORRESPONDENT" }],
  bylineEdited: false,
  dateline: "本报讯(通讯员 张晗)",
  body: [{ type: "paragraph", text: "日前，铁东区住建局开通冬季供暖服务热线，居民家中暖气不热可随时拨打。" }],
  tags: [],
};

describe("character count (字数)", () => {
  it("counts Chinese characters and punctuation, not whitespace", () => {
    expect(countCharacters([{ type: "paragraph", text: "秋收 忙，\n粮满仓。" }])).toBe(8);
  });
  it("includes subheads and photo captions", () => {
    expect(
      countCharacters([
        { type: "subhead", text: "小标题" },
        { type: "paragraph", text: "正文" },
        { type: "photo", photoId: "p", caption: "图说四字", credit: "本报记者 赵晨 摄", altText: "" },
      ]),
    ).toBe(9);
  });
  it("counts a character outside the basic plane once", () => {
    expect(countCharacters([{ type: "paragraph", text: "𠀋字" }])).toBe(2);
  });
});

describe("story body schema", () => {
  it("refuses unknown block types and raw HTML containers", () => {
    expect(storyBody.safeParse([{ type: "html", text: "<b>x</b>" }]).success).toBe(false);
  });
  it("refuses a photo block without a photo id", () => {
    expect(storyBody.safeParse([{ type: "photo", photoId: "", caption: "", credit: "", altText: "" }]).success).toBe(false);
  });
  it("trims text and enforces length limits with Chinese messages", () => {
    const r = storyBody.safeParse([{ type: "subhead", text: "长".repeat(61) }]);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0].message).toBe("小标题不能超过 60 个字");
  });
  it("leadText cuts long text with an ellipsis", () => {
    expect(leadText([{ type: "paragraph", text: "一二三四五六" }], 4)).toBe("一二三四…");
  });
});

describe("draft and submission rules", () => {
  it("a draft may be unfinished", () => {
    const r = storyDraft.safeParse({ ...base, headline: "", byline: "", body: [] });
    expect(r.success).toBe(true);
  });
  it("a complete brief has no completeness errors", () => {
    expect(completenessErrors(base)).toEqual({});
  });
  it("submission needs a headline, a byline and body text", () => {
    expect(completenessErrors({ ...base, headline: "", byline: "", body: [{ type: "paragraph", text: "" }] })).toEqual({
      headline: ["请填写主题（标题）"],
      byline: ["请填写署名，例如“本报通讯员 张晗”"],
      body: ["正文不能为空"],
    });
  });
  it("photo news needs a photo with caption and credit, not a headline", () => {
    const photoNews: StoryDraft = { ...base, kind: "PHOTO_NEWS", headline: "", body: [] };
    expect(completenessErrors(photoNews)).toEqual({ body: ["图片新闻至少需要一张图片"] });
    const withPhoto: StoryDraft = { ...photoNews, body: [{ type: "photo", photoId: "p1", caption: "", credit: "", altText: "" }] };
    expect(completenessErrors(withPhoto).body).toEqual(["每张图片都需要图片说明", "第 1 张图片没有摄影署名：请在图片下填写拍摄者，例如“李文涛 摄”"]);
  });
  it("a 组图 whose every photo is credited needs no byline; one photo without its credit asks for both", () => {
    const photo = (credit: string) => ({ type: "photo" as const, photoId: "p1", caption: "冰面上的渔网。", credit, altText: "" });
    const set: StoryDraft = { ...base, kind: "PHOTO_STORY", byline: "", contributors: [], body: [{ type: "paragraph", text: "导语。" }, photo("钱晓峰 摄"), photo("孟雪 摄")] };
    expect(completenessErrors(set)).toEqual({});
    const oneMissing = { ...set, body: [...set.body.slice(0, 2), photo("")] };
    expect(completenessErrors(oneMissing)).toEqual({
      byline: ["组图的每张图片都有摄影署名时可不填署名；请给每张图片填上摄影署名，或在这里填写署名"],
      body: ["第 2 张图片没有摄影署名：请在图片下填写拍摄者，例如“李文涛 摄”"],
    });
    expect(completenessErrors({ ...set, kind: "FEATURE" }).byline).toEqual(["请填写署名，例如“本报通讯员 张晗”"]);
  });
  it("refuses tags with separators and unknown kinds", () => {
    expect(storyDraft.safeParse({ ...base, tags: [{ name: "梨树县,铁西区", kind: "PLACE" }] }).success).toBe(false);
    expect(storyDraft.safeParse({ ...base, tags: [{ name: "梨树县", kind: "CITY" }] }).success).toBe(false);
  });
});

// The head's lines are described once (HEAD_FIELDS): the draft's limits and messages come from there.
describe("the story's head fields", () => {
  it.each(HEAD_FIELD_NAMES)("%s takes up to its limit and refuses one character more, by its name", (field) => {
    const { max, label } = HEAD_FIELDS[field];
    const draft = (text: string) => ({ kind: "NEWS_BRIEF", kicker: "", headline: "标题", subheadline: "", byline: "", dateline: "", body: [], tags: [], [field]: text });
    expect(storyDraft.safeParse(draft("字".repeat(max))).success).toBe(true);
    const refused = storyDraft.safeParse(draft("字".repeat(max + 1)));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: [field], message: `${label}不能超过 ${max} 个字` });
  });
});
