import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { fileImportedStories, publishBackIssuePage } from "@/lib/import/commands";
import type { ImportedCopy } from "@/lib/import/page-import";
import { importWordFile } from "@/lib/import/word-import";
import { makeUser } from "../support/factories";
import { refusal } from "../support/refusal";
import { docxZip, makeDocx, photoBytes, type DocxParagraph } from "../support/docx-files";

// Every way an import can be refused — the page import desk's two ways out, and the Word door —
// speaks Chinese in the user's words, never a validation library's English ("Invalid input",
// "Too big: expected array…"), and writes nothing.

const story = (over: Partial<Record<keyof ImportedCopy, unknown>> = {}) => ({
  kind: "NEWS_BRIEF",
  kicker: "",
  headline: "梨树县春耕备耕忙",
  subheadline: "",
  byline: "本报记者 高远",
  dateline: "本报讯",
  body: [{ type: "paragraph", text: "眼下，梨树县各农资门店的化肥、种子已经备齐。" }],
  ...over,
});
const page = (over: Record<string, unknown> = {}) => ({ date: "1991-03-08", issueNumber: "812345", pageNumber: "3", pageName: "县区新闻", ...over });
const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ type: "paragraph", text: `第${i + 1}段。` }));

const written = async () => ({
  stories: await db().story.count(),
  issues: await db().issue.count(),
  pages: await db().page.count(),
  photos: await db().photo.count(),
  audits: await db().auditEvent.count(),
});

// Names the newsroom itself says in Latin letters; any other English word is a validation library's.
const PRODUCT_NAMES = /Word|WPS|\.docx?\b|JPEG|PNG|WebP/g;

/** A message a newsroom reads: Chinese, and no English word in it. */
function expectChinese(texts: string[]) {
  for (const text of texts) {
    expect(text).toMatch(/\p{Script=Han}/u);
    expect(text.replace(PRODUCT_NAMES, "")).not.toMatch(/[A-Za-z]{2,}/);
  }
}

let chief: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  chief = await makeUser("CHIEF_EDITOR", "导入总编");
});

const STORIES: [string, unknown, RegExp][] = [
  ["no list at all", "稿件", /导入内容格式不正确/],
  ["nothing", null, /导入内容格式不正确/],
  ["an empty list", [], /^没有要导入的稿件$/],
  ["41 stories", Array.from({ length: 41 }, () => story()), /^一次最多导入 40 篇$/],
  ["a story that is not one", ["稿件"], /^第 1 篇：导入内容格式不正确/],
  ["a story without its fields", [{}], /^第 1 篇：导入内容格式不正确/],
  ["a headline that is a number", [story({ headline: 12 })], /^第 1 篇：导入内容格式不正确/],
  ["a body that is not a list", [story({ body: "正文" })], /^第 1 篇：导入内容格式不正确/],
  ["a body of 401 lines", [story(), story({ body: lines(401) })], /^第 2 篇：正文超过 400 行/],
  ["a body of 201 paragraphs", [story({ body: lines(201) })], /^第 1 篇《梨树县春耕备耕忙》：正文最多 200 段$/],
  ["a block of a kind nobody sends", [story({ body: [{ type: "table", text: "表" }] })], /^第 1 篇：导入内容格式不正确/],
  ["a paragraph whose text is a number", [story({ body: [{ type: "paragraph", text: 5 }] })], /^第 1 篇：导入内容格式不正确/],
  ["a caption with a NUL", [story({ body: [...lines(1), { type: "photo", caption: "图为\u0000稻田", credit: "赵晨 摄" }] })], /^第 1 篇：图片说明含有无法保存的字符/],
  ["a headline of 81 characters", [story({ headline: "长".repeat(81) })], /主题不能超过 80 个字$/],
  ["a story without a byline", [story({ byline: "" })], /请填写署名/],
];

describe("filing imported stories (待审稿件)", () => {
  it.each(STORIES)("refuses %s in Chinese and writes nothing", async (_, input, message) => {
    const before = await written();
    const e = await refusal(fileImportedStories(chief, input));
    expect(e.message).toMatch(message);
    expectChinese([e.message, ...Object.values(e.fieldErrors).flat()]);
    expect(await written()).toEqual(before);
  });
});

const PAGES: [string, unknown, RegExp][] = [
  ["no page at all", null, /导入内容格式不正确/],
  ["a page that is a word", "第3版", /导入内容格式不正确/],
  ["a date that is a number", page({ date: 19910308 }), /请填写出版日期/],
  ["no date", page({ date: undefined }), /请填写出版日期/],
  ["a day that does not exist", page({ date: "1991-02-30" }), /请填写出版日期/],
  ["a running number of letters", page({ issueNumber: "abc" }), /期号应为正整数/],
  ["a running number with a fraction", page({ issueNumber: "1.5" }), /期号应为正整数/],
  ["a negative running number", page({ issueNumber: "-3" }), /期号应为正整数/],
  ["a running number of eight digits", page({ issueNumber: "99999999" }), /期号过大/],
  ["a running number that is a list", page({ issueNumber: ["1"] }), /期号应为正整数/],
  ["a page number of letters", page({ pageNumber: "三" }), /版次应为数字/],
  ["a page number with a fraction", page({ pageNumber: "1.5" }), /版次应为整数/],
  ["page 65", page({ pageNumber: "65" }), /版次不能超过 64/],
  ["no page name", page({ pageName: "" }), /请填写版名/],
  ["a page name that is a number", page({ pageName: 3 }), /版名格式不正确/],
];

describe("a back issue's page (过刊版面)", () => {
  it.each(PAGES)("refuses %s in Chinese and writes nothing", async (_, input, message) => {
    const before = await written();
    const e = await refusal(publishBackIssuePage(chief, input, [story()]));
    expect(e.message).toMatch(message);
    expectChinese([e.message, ...Object.values(e.fieldErrors).flat()]);
    expect(await written()).toEqual(before);
  });

  it("says which field is wrong beside it", async () => {
    const e = await refusal(publishBackIssuePage(chief, page({ issueNumber: "十二" }), [story()]));
    expect(e.fieldErrors).toEqual({ issueNumber: ["期号应为正整数"] });
  });
});

const WORD_FILES: [string, () => Promise<Buffer>, RegExp][] = [
  ["random bytes", async () => Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 251)), /不是 Word 文件/],
  ["an old .doc", async () => Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(2048)]), /已加密或是旧版 \.doc/],
  ["a cut-off file", async () => (await makeDocx([{ text: "标题" }, { text: "正文。" }])).subarray(0, 600), /已损坏/],
  ["a zip without the document", async () => makeDocx([{ text: "正文。" }], { omitDocument: true }), /不是 Word 文件/],
  ["an empty document", async () => makeDocx([]), /没有文字或图片/],
  [
    "parts of zeros",
    async () => {
      const zip = await docxZip([{ text: "标题" }, { text: "正文。" }]);
      for (let i = 0; i < 20; i++) zip.file(`word/media/zeros${i}.bin`, Buffer.alloc(1024 * 1024));
      return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    },
    /解压后是原来的 100 多倍/,
  ],
  ["31 pictures", async () => makeDocx([{ text: "组图" }, ...Array.from({ length: 31 }, (): DocxParagraph => ({ picture: Buffer.from([0xff, 0xd8, 0xff]), type: "jpeg" }))]), /最多导入 30 张图片/],
];

describe("the Word door (从 Word 文件导入)", () => {
  it.each(WORD_FILES)("refuses %s in Chinese and stores nothing", async (_, make, message) => {
    const author = await makeUser("CORRESPONDENT");
    const before = await written();
    const e = await refusal(importWordFile(author, { data: await make(), filename: "稿件.docx" }));
    expect(e.message).toMatch(message);
    expectChinese([e.message, ...Object.values(e.fieldErrors).flat()]);
    expect(await written()).toEqual(before);
  });

  it("refuses an account that files no copy in Chinese", async () => {
    const admin = await makeUser("ADMIN");
    const e = await refusal(importWordFile(admin, { data: await makeDocx([{ text: "正文。" }, { picture: await photoBytes(), type: "jpeg" }]), filename: "稿件.docx" }));
    expectChinese([e.message]);
  });
});
