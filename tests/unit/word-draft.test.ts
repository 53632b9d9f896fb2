import { describe, expect, it } from "vitest";
import { withImportedDraft } from "@/lib/import/word-draft";
import { wordImportNotice } from "@/lib/import/word-notice";
import type { ImportedDraft } from "@/lib/import/word-import";
import type { Credit } from "@/lib/contributors/byline";

// The 写新稿 form after a Word import: the copy's people, or an empty byline to be asked for; the
// filing account's default never survives, what the author typed does.
type Form = { byline: string; contributors: Credit[]; bylineEdited: boolean };
const ACCOUNT: Form = { byline: "本报通讯员 王宇", contributors: [{ name: "王宇", role: "CORRESPONDENT" }], bylineEdited: false };
const draftOf = (credits: Pick<ImportedDraft, "byline" | "contributors">): ImportedDraft => ({
  kind: "NEWS_BRIEF",
  kicker: "",
  headline: "北岗区为社区配齐急救箱",
  subheadline: "",
  dateline: "",
  body: [{ type: "paragraph", text: "近日，北岗区配发急救箱。" }],
  bylineEdited: false,
  ...credits,
});
const NAMED = { byline: "本报记者 郭丽娜 杜红梅", contributors: [{ name: "郭丽娜", role: "REPORTER" as const }, { name: "杜红梅", role: "REPORTER" as const }] };
const TYPED: Form = { byline: "本报记者 孟凡", contributors: [{ name: "孟凡", role: "REPORTER" }], bylineEdited: false };

describe("withImportedDraft", () => {
  const CASES: [string, Form, Pick<ImportedDraft, "byline" | "contributors">, string][] = [
    ["the copy's people replace the account's default", ACCOUNT, NAMED, "本报记者 郭丽娜 杜红梅"],
    ["a file naming no one empties the account's default", ACCOUNT, { byline: "", contributors: [] }, ""],
    ["a file naming no one keeps what the author typed", TYPED, { byline: "", contributors: [] }, "本报记者 孟凡"],
    ["the copy's people replace what the author typed (the import was confirmed)", TYPED, NAMED, "本报记者 郭丽娜 杜红梅"],
  ];
  it.each(CASES)("%s", (_, form, credits, byline) => {
    const after = withImportedDraft(form, draftOf(credits), ACCOUNT);
    expect(after.byline).toBe(byline);
    expect(after.contributors.map((c) => c.name).join(" ")).toBe(byline.replace(/^本报\S+\s?/u, "").replace(/\s?通讯员/u, ""));
  });
});

describe("the Word import notice", () => {
  const read = { filename: "急救箱.docx", paragraphs: 1, subheads: 0, photos: 0, skippedPictures: 0, nameRuns: [] };
  it("asks for the author when the file names no one", () => {
    expect(wordImportNotice({ draft: draftOf({ byline: "", contributors: [] }), read })).toBe("已从《急救箱.docx》读入：标题、1 段正文。文件里没有读出署名，请填写作者。请核对后保存。");
  });
  it("asks the author to check names the dateline ran together", () => {
    const draft = { ...draftOf(NAMED), dateline: "本报讯（记者 郭丽娜 杜红梅）" };
    const runs = [{ written: "郭丽娜杜红梅", names: ["郭丽娜", "杜红梅"] }];
    expect(wordImportNotice({ draft, read: { ...read, nameRuns: runs } })).toBe("已从《急救箱.docx》读入：标题、署名、电头、1 段正文。电头里连写的“郭丽娜杜红梅”读作 郭丽娜、杜红梅，请核对。请核对后保存。");
  });
  it("says the byline was read when it was", () => {
    expect(wordImportNotice({ draft: draftOf(NAMED), read })).toBe("已从《急救箱.docx》读入：标题、署名、1 段正文。请核对后保存。");
  });
});
