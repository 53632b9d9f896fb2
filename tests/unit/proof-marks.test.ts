import { describe, expect, it } from "vitest";
import { anchorIn, applyMark, BLOCK_BREAK, checkMark, expectedText, fieldText, markProblem, withFieldText, type Anchor, type MarkKind } from "@/lib/proofing/marks";

// 三校's marks against copy a proofreader would see: full-width punctuation, repeated phrases, a
// paragraph edited elsewhere between rounds. Expected answers are written out by hand.

const story = {
  kicker: "冬季供暖",
  headline: "全市供热管网完成检修",
  subheadline: "",
  dateline: "本报讯（记者 韩冰）",
  body: [
    { type: "paragraph" as const, text: "入冬以来，全市供热企业对管网进行检修，检修管线120公里。" },
    { type: "subhead" as const, text: "检修到楼栋" },
    { type: "paragraph" as const, text: "各供热企业开通服务热线，检修人员入户测温，发现问题及时处理。" },
  ],
};

function mark(text: string, quote: string, kind: MarkKind, suggestion = "", occurrence = 0): Anchor & { kind: MarkKind; suggestion: string } {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  const anchor = anchorIn(text, start, start + quote.length);
  if ("problem" in anchor) throw new Error(anchor.problem);
  return { ...anchor, kind, suggestion };
}

describe("a mark's place in a story's text", () => {
  it("counts the body as its paragraphs, subheads and captions, one break between each", () => {
    expect(fieldText(story, "body")).toBe(["入冬以来，全市供热企业对管网进行检修，检修管线120公里。", "检修到楼栋", "各供热企业开通服务热线，检修人员入户测温，发现问题及时处理。"].join(BLOCK_BREAK));
    expect(fieldText(story, "headline")).toBe("全市供热管网完成检修");
  });

  it("gives each block its text back", () => {
    const text = fieldText(story, "body").replace("120公里", "一百二十公里");
    expect(withFieldText(story, "body", text).body[0]).toEqual({ type: "paragraph", text: "入冬以来，全市供热企业对管网进行检修，检修管线一百二十公里。" });
    expect(withFieldText(story, "body", text).body[1]).toEqual(story.body[1]);
  });

  it("keeps a few characters either side, and refuses a range across two paragraphs or outside the text", () => {
    const text = fieldText(story, "body");
    expect(anchorIn(text, 2, 4)).toEqual({ start: 2, end: 4, quote: "以来", before: "入冬", after: "，全市供热企业对" });
    expect(anchorIn(text, 25, 35)).toEqual({ problem: "一处标记只能在一段之内" });
    expect(anchorIn(text, 5, 5)).toEqual({ problem: "请先在稿件上选中要标记的文字" });
    expect(anchorIn(text, 0, text.length + 1)).toEqual({ problem: "请先在稿件上选中要标记的文字" });
  });
});

describe("what a mark asks for", () => {
  it("a wrong character or punctuation is replaced, an extra one removed, a missing one inserted after the quote", () => {
    expect(expectedText({ kind: "WRONG_CHAR", quote: "检修", suggestion: "维修" })).toBe("维修");
    expect(expectedText({ kind: "PUNCTUATION", quote: "，", suggestion: "。" })).toBe("。");
    expect(expectedText({ kind: "EXTRA", quote: "进行", suggestion: "" })).toBe("");
    expect(expectedText({ kind: "MISSING", quote: "测温", suggestion: "并记录" })).toBe("测温并记录");
    expect(expectedText({ kind: "QUERY", quote: "120公里", suggestion: "" })).toBeNull();
  });

  it("refuses a mark that says nothing to do", () => {
    expect(markProblem({ kind: "WRONG_CHAR", quote: "检修", suggestion: "", note: "" })).toBe("请写明正确的文字");
    expect(markProblem({ kind: "WRONG_CHAR", quote: "检修", suggestion: "检修", note: "" })).toBe("正确的文字与原文相同");
    expect(markProblem({ kind: "PUNCTUATION", quote: "，", suggestion: "", note: "" })).toBe("请写明正确的标点");
    expect(markProblem({ kind: "MISSING", quote: "测温", suggestion: "", note: "" })).toBe("请写明漏掉的文字");
    expect(markProblem({ kind: "QUERY", quote: "120公里", suggestion: "", note: "" })).toBe("请写明要问编辑的问题");
    expect(markProblem({ kind: "EXTRA", quote: "进行", suggestion: "", note: "" })).toBeNull();
  });
});

describe("applying a mark and 核红", () => {
  const text = fieldText(story, "body");

  it("applies at the marked place even where the same words come twice", () => {
    // "检修" is in the first paragraph twice and the third once: the second one is marked.
    const m = mark(text, "检修", "WRONG_CHAR", "巡检", 1);
    const fixed = applyMark(text, m)!;
    expect(fixed.split(BLOCK_BREAK)[0]).toBe("入冬以来，全市供热企业对管网进行检修，巡检管线120公里。");
    expect(checkMark(fixed, m)).toBe("FIXED");
    expect(checkMark(text, m)).toBe("MISSED");
  });

  it("finds a mark again after another paragraph was edited (offsets moved)", () => {
    const m = mark(text, "测温", "MISSING", "并登记");
    const edited = text.replace("入冬以来，", "今年入冬以来，");
    expect(checkMark(edited, m)).toBe("MISSED");
    const fixed = applyMark(edited, m)!;
    expect(fixed.endsWith("检修人员入户测温并登记，发现问题及时处理。")).toBe(true);
    expect(checkMark(fixed, m)).toBe("FIXED");
  });

  it("says 错改 when the marked place was changed, but not as marked", () => {
    const m = mark(text, "进行", "EXTRA");
    expect(checkMark(text.replace("进行检修", "开展检修"), m)).toBe("WRONG");
    expect(checkMark(text.replace("进行检修", "检修"), m)).toBe("FIXED");
    const p = mark(text, "。", "PUNCTUATION", "！");
    expect(checkMark(text.replace("120公里。", "120公里！"), p)).toBe("FIXED");
  });

  it("cannot apply a mark whose text is gone, and has no 核红 for a question", () => {
    const m = mark(text, "服务热线", "WRONG_CHAR", "服务专线");
    expect(applyMark(text.replace("开通服务热线，", "设立咨询电话，"), m)).toBeNull();
    expect(checkMark(text, { ...mark(text, "120公里", "QUERY") })).toBeNull();
  });
});
