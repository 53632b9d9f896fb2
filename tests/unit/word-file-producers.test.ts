import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readWordFile } from "@/lib/import/word-file";
import { parseParagraphs } from "@/lib/import/copy-parser";

// .docx files saved by LibreOffice Writer (tests/fixtures/import/word/README.md), read as the Word
// door reads them: what a real producer writes, not only what our test helper builds.
const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, "../fixtures/import/word", name));

describe("a .docx saved by LibreOffice Writer", () => {
  it("reads a brief: centred head lines, byline, dateline, a bold subhead, the picture and its caption", async () => {
    const doc = await readWordFile(fixture("brief-with-photo.docx"));
    expect(doc.pictures).toHaveLength(1);
    expect(doc.pictures[0].data.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(parseParagraphs(doc.paragraphs)).toMatchObject({
      kicker: "筑牢民生底线",
      headline: "铁东区为六千户困难家庭送去冬季取暖补贴",
      subheadline: "——全区今冬取暖保障工作全面启动",
      byline: "本报通讯员 李晓萌",
      contributors: [{ name: "李晓萌", role: "CORRESPONDENT" }],
      dateline: "本报讯（通讯员 李晓萌）",
      body: [
        { type: "paragraph", text: "11月25日，铁东区民政局完成今冬第一批取暖补贴发放，六千余户低保、特困家庭每户领到八百元补贴。" },
        { type: "subhead", text: "入户核查 一户不落" },
        { type: "paragraph", text: "补贴发放前，各街道工作人员逐户走访，核实家庭人口、住房和取暖方式，确保应发尽发。" },
        { type: "photo", caption: "图为工作人员在新兴街道为困难群众讲解补贴政策。", credit: "李晓萌 摄", picture: 0 },
        { type: "paragraph", text: "区民政局还开通了取暖求助热线，群众遇到供暖问题可随时反映。" },
      ],
    });
  });

  it("reads a feature: Heading 1 as the headline, Heading 2 as subheads, a table row as one paragraph", async () => {
    const story = parseParagraphs((await readWordFile(fixture("feature-with-table.docx"))).paragraphs);
    expect(story).toMatchObject({
      kind: "FEATURE",
      kicker: "",
      headline: "一座县城的“冰雪经济”账本",
      subheadline: "——东丰县冬季旅游带火乡村民宿",
      contributors: [
        { name: "周书航", role: "REPORTER" },
        { name: "田甜", role: "INTERN" },
      ],
    });
    expect(story.body.map((b) => [b.type, b.type === "photo" ? b.caption : b.text])).toEqual([
      ["paragraph", "入冬以来，东丰县的滑雪场、冰雪乐园陆续开放，周边村屯的民宿几乎天天客满。"],
      ["subhead", "民宿住满了"],
      ["paragraph", "在小四平镇，村民王德林把自家老房改成民宿，今年冬天的房间已经订到了春节以后。"],
      ["paragraph", "项目｜去年｜今年"],
      ["paragraph", "接待游客（万人次）｜12｜19"],
      ["subhead", "链条拉长了"],
      ["paragraph", "县里把冰雪项目和农家菜、梅花鹿养殖串成线路，游客一天能转三个村。"],
    ]);
  });
});
