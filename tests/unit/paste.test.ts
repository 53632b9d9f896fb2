import { describe, expect, it } from "vitest";
import { isMultiLinePaste, parsePastedBody } from "@/lib/import/paste";

// What a reporter pastes into a story's body: from a PDF, an e-paper, a chat message.
describe("text pasted into the body", () => {
  it.each([
    [
      "lines broken where a column ended are joined, a subhead stays a subhead",
      "　　入冬以来，全镇组织志愿者\n为独居老人送去米面。\n敲开门 问冷暖\n　　志愿者挨家挨户检查\n取暖设施和用电线路。",
      [
        { type: "paragraph", text: "入冬以来，全镇组织志愿者为独居老人送去米面。" },
        { type: "subhead", text: "敲开门 问冷暖" },
        { type: "paragraph", text: "志愿者挨家挨户检查取暖设施和用电线路。" },
      ],
    ],
    [
      "where paragraphs keep their indents, a short line cut at a column end is not taken for a subhead",
      "　　今年以来，城南街道利用边角空地\n新建两座口袋公园。\n绿地连片 方便群众\n　　公园内设有健身步道和儿童\n游乐区。",
      [
        { type: "paragraph", text: "今年以来，城南街道利用边角空地新建两座口袋公园。" },
        { type: "subhead", text: "绿地连片 方便群众" },
        { type: "paragraph", text: "公园内设有健身步道和儿童游乐区。" },
      ],
    ],
    [
      "paragraphs that end their sentences stay apart",
      "第一段写完了。\n第二段也写完了。",
      [
        { type: "paragraph", text: "第一段写完了。" },
        { type: "paragraph", text: "第二段也写完了。" },
      ],
    ],
    [
      "a dateline stays at the head of its paragraph; no byline is made up from it",
      "本报讯（记者 骆晓飞 通讯员 孙桢怡）近日，梨树县组织农机\n抢收抢运。\n　　目前，收获已过九成。",
      [
        { type: "paragraph", text: "本报讯（记者 骆晓飞 通讯员 孙桢怡）近日，梨树县组织农机抢收抢运。" },
        { type: "paragraph", text: "目前，收获已过九成。" },
      ],
    ],
    [
      "a headline pasted along stays, as a paragraph for the reporter to move",
      "全县秋粮收获进入尾声\n　　近年来，全县持续优化营商\n环境。",
      [
        { type: "paragraph", text: "全县秋粮收获进入尾声" },
        { type: "paragraph", text: "近年来，全县持续优化营商环境。" },
      ],
    ],
    [
      "a caption pasted along stays as its text, credit and all",
      "图为工人在新建厂房内安装生产线设备。（本报记者 赵晨 摄）\n　　近日，县城新建的停车场投入使用。",
      [
        { type: "paragraph", text: "图为工人在新建厂房内安装生产线设备。（本报记者 赵晨 摄）" },
        { type: "paragraph", text: "近日，县城新建的停车场投入使用。" },
      ],
    ],
  ])("%s", (_case, text, blocks) => {
    expect(parsePastedBody(text).blocks).toEqual(blocks);
  });

  it("counts what it did, for the notice under the body", () => {
    const pasted = parsePastedBody("　　入冬以来，全镇组织志愿者\n为独居老人送去米面。\n敲开门 问冷暖\n　　志愿者挨家挨户检查。");
    expect(pasted).toMatchObject({ paragraphs: 2, subheads: 1, joinedLines: 1 });
  });

  it.each([
    ["一行字", false],
    ["一行字\n\n", false],
    ["第一行\n第二行", true],
    ["第一行\r\n第二行", true],
  ])("%j is a multi-line paste: %s", (text, multi) => {
    expect(isMultiLinePaste(text)).toBe(multi);
  });
});
