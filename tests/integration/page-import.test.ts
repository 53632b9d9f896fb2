import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/platform/db";
import { fileImportedStories, publishBackIssuePage } from "@/lib/import/commands";
import { cardsOfPage, storyOfCard, type ImportedCopy } from "@/lib/import/page-import";
import { createIssue } from "@/lib/issues/mutations";
import { issueDateFromString, paperDay } from "@/lib/core/dates";
import { makeUser } from "../support/factories";
import { refusal } from "../support/refusal";

// The page import desk's two ways out, against a real Postgres: who may use them, what they write,
// and that a refused import writes nothing at all.

const tag = () => randomUUID().slice(0, 6);
// A person's name must read as a name (Han characters), so each test's contributor is made of them.
const HAN = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";
const hanName = () => `王${Array.from({ length: 2 }, () => HAN[Math.floor(Math.random() * HAN.length)]).join("")}`;

function pageOf(t: string, name = hanName()): string {
  return [
    "2024年5月8日　星期三　　县区新闻　　第3版",
    "",
    `春耕备耕${t}`,
    "梨树县农资储备充足",
    "",
    `本报讯（通讯员 ${name}）眼下，梨树县各农资门店的化肥、种子已经备齐，`,
    "价格平稳。",
    "",
    `送法进村${t}`,
    "",
    "本报讯（记者 高远）近日，县司法局组织律师走进十个村屯，开展法律咨询。",
    "",
    `金秋稻田${t}`,
    "",
    "图为营城子镇种植户在晾晒新收的稻谷。（本报记者 赵晨 摄）",
  ].join("\n");
}
const storiesOf = (text: string): ImportedCopy[] => cardsOfPage(text).map(storyOfCard);

const count = async () => ({
  stories: await db().story.count(),
  issues: await db().issue.count(),
  pages: await db().page.count(),
  placements: await db().placement.count(),
  audits: await db().auditEvent.count({ where: { action: { in: ["story.import", "issue.import_page"] } } }),
});

let day = 0;
/** A day long past, one per test, so tests never meet on a date. */
const pastDay = () => new Date(Date.UTC(1990, 0, 1) + (++day * 3 + Math.floor(Math.random() * 3)) * 86400_000).toISOString().slice(0, 10);
let issueNo = 0;
const freshNumber = () => 700_000 + Math.floor(Math.random() * 90_000) * 10 + ++issueNo;

let correspondent: Awaited<ReturnType<typeof makeUser>>;
let editor: Awaited<ReturnType<typeof makeUser>>;
let chief: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  correspondent = await makeUser("CORRESPONDENT");
  editor = await makeUser("EDITOR", "导入编辑");
  chief = await makeUser("CHIEF_EDITOR", "导入总编");
});

describe("imported stories filed for the desk", () => {
  it("are refused to a correspondent, and nothing is written", async () => {
    const before = await count();
    const e = await refusal(fileImportedStories(correspondent, storiesOf(pageOf(tag()))));
    expect(e.code).toBe("forbidden");
    expect(await count()).toEqual(before);
  });

  it("go to the queue, filed by the editor, credited to the people the copy names", async () => {
    const t = tag();
    const name = hanName();
    const { ids } = await fileImportedStories(editor, storiesOf(pageOf(t, name)));
    expect(ids).toHaveLength(3);
    const rows = await db().story.findMany({
      where: { id: { in: ids } },
      select: { id: true, headline: true, status: true, authorId: true, submittedAt: true, byline: true, dateline: true, body: true, kind: true, contributors: { select: { role: true, contributor: { select: { name: true } } }, orderBy: { position: "asc" } }, notes: { select: { body: true } }, revisions: { select: { action: true } } },
    });
    const byHeadline = Object.fromEntries(rows.map((r) => [r.headline, r]));
    const brief = byHeadline["梨树县农资储备充足"];
    expect(brief).toMatchObject({ status: "SUBMITTED", authorId: editor.id, byline: `本报通讯员 ${name}`, dateline: `本报讯（通讯员 ${name}）` });
    expect(brief.submittedAt).not.toBeNull();
    expect(brief.contributors.map((c) => [c.role, c.contributor.name])).toEqual([["CORRESPONDENT", name]]);
    expect(brief.revisions).toEqual([{ action: "import" }]);
    // The photo news: no picture can come from text, so its caption is its text and the desk is told.
    const photoNews = rows.find((r) => r.headline === `金秋稻田${t}`)!;
    expect(photoNews.body).toEqual([{ type: "paragraph", text: "图为营城子镇种植户在晾晒新收的稻谷。" }]);
    expect(photoNews.notes[0].body).toContain("原版面配有 1 张图片");
    expect(photoNews.notes[0].body).toContain("本报记者 赵晨 摄");
    expect(await db().auditEvent.count({ where: { action: "story.import", targetId: { in: ids }, actorId: editor.id } })).toBe(3);
  });

  it("credit two people a dateline runs together as two, never the editor who files them", async () => {
    const t = tag();
    const odd = () => "甲乙丙戊己辛壬癸"[Math.floor(Math.random() * 8)];
    const [first, second] = [`刘${odd()}`, `陈${odd()}`];
    const page = [`东河乡新建养老服务站${t}`, "", `本报讯（实习记者 ${first}${second}）近日，东河乡南湾村养老服务站正式投入使用。`].join("\n");
    const { ids } = await fileImportedStories(editor, storiesOf(page));
    const story = await db().story.findUniqueOrThrow({
      where: { id: ids[0] },
      select: { byline: true, dateline: true, contributors: { select: { role: true, contributor: { select: { name: true, userId: true } } }, orderBy: { position: "asc" } } },
    });
    expect(story).toMatchObject({ byline: `本报实习记者 ${first} ${second}`, dateline: `本报讯（实习记者 ${first} ${second}）` });
    expect(story.contributors.map((c) => [c.role, c.contributor.name])).toEqual([
      ["INTERN", first],
      ["INTERN", second],
    ]);
    expect(story.contributors.some((c) => c.contributor.userId === editor.id)).toBe(false);
  });

  it("take forty stories in one transaction", async () => {
    const t = tag();
    const one = storiesOf(pageOf(t))[0];
    const forty = Array.from({ length: 40 }, (_, i) => ({ ...one, headline: `第${i + 1}条简讯${t}` }));
    const { ids } = await fileImportedStories(editor, forty);
    expect(ids).toHaveLength(40);
    expect(await db().story.count({ where: { headline: { endsWith: `条简讯${t}` }, status: "SUBMITTED" } })).toBe(40);
    expect((await refusal(fileImportedStories(editor, [...forty, one]))).message).toBe("一次最多导入 40 篇");
  });

  it("take photo news without its picture and without a headline, as it prints", async () => {
    const { ids } = await fileImportedStories(editor, [{ kind: "PHOTO_NEWS", kicker: "", headline: "", subheadline: "", byline: "本报记者 赵晨", dateline: "", body: [{ type: "photo", caption: `图为新建的冰场迎来第一批游客。${tag()}`, credit: "本报记者 赵晨 摄" }] }]);
    const story = await db().story.findUniqueOrThrow({ where: { id: ids[0] }, select: { kind: true, status: true, body: true } });
    expect(story).toMatchObject({ kind: "PHOTO_NEWS", status: "SUBMITTED" });
  });

  it("are refused whole when one story is bad, naming that story", async () => {
    const stories = storiesOf(pageOf(tag()));
    stories[1] = { ...stories[1], headline: "长".repeat(81) };
    const before = await count();
    const e = await refusal(fileImportedStories(editor, stories));
    expect(e.message).toContain("第 2 篇");
    expect(e.message).toContain("主题不能超过 80 个字");
    // Complete as a submission must be: a headline and a byline (a brief's byline comes from its dateline).
    expect((await refusal(fileImportedStories(editor, stories.map((s, i) => (i === 1 ? { ...s, headline: "" } : s))))).message).toBe("第 2 篇《无标题》：请填写主题（标题）");
    expect((await refusal(fileImportedStories(editor, stories.map((s, i) => (i === 0 ? { ...s, byline: "", dateline: "" } : s))))).message).toContain("第 1 篇《梨树县农资储备充足》：请填写署名");
    stories[1] = { ...stories[1], headline: "", body: [] };
    expect((await refusal(fileImportedStories(editor, stories))).message).toContain("第 2 篇《无标题》：既没有标题也没有正文");
    expect((await refusal(fileImportedStories(editor, []))).message).toBe("没有要导入的稿件");
    const longCaption = stories.map((s, i) => (i === 2 ? { ...s, body: [{ type: "photo" as const, caption: "长".repeat(301), credit: "赵晨 摄" }] } : s));
    expect((await refusal(fileImportedStories(editor, longCaption))).message).toBe("第 3 篇：图片说明不能超过 300 个字");
    expect((await refusal(fileImportedStories(editor, "not a list"))).code).toBe("invalid");
    expect(await count()).toEqual(before);
  });
});

describe("a page of a back issue", () => {
  it("is the chief editor's: an editor is refused and nothing is written", async () => {
    const before = await count();
    const e = await refusal(publishBackIssuePage(editor, { date: pastDay(), issueNumber: String(freshNumber()), pageNumber: "3", pageName: "县区新闻" }, storiesOf(pageOf(tag()))));
    expect(e.code).toBe("forbidden");
    expect(await count()).toEqual(before);
  });

  it("makes the day's issue, a signed page and its published stories, lead first", async () => {
    const date = pastDay();
    const number = freshNumber();
    const done = await publishBackIssuePage(chief, { date, issueNumber: String(number), pageNumber: "3", pageName: "县区新闻" }, storiesOf(pageOf(tag())));
    expect(done).toMatchObject({ date, pageNumber: 3, newIssue: true });
    const issue = await db().issue.findUniqueOrThrow({ where: { date: issueDateFromString(date) }, select: { number: true, status: true, publishedAt: true, pages: { select: { number: true, name: true, status: true, signedById: true, placements: { orderBy: { position: "asc" }, select: { isLead: true, size: true, story: { select: { status: true, publishedAt: true } } } } } } } });
    expect(issue).toMatchObject({ number, status: "PUBLISHED" });
    expect(issue.publishedAt!.toISOString().slice(0, 10) <= date).toBe(true);
    expect(issue.pages).toHaveLength(1);
    const [page] = issue.pages;
    expect(page).toMatchObject({ number: 3, name: "县区新闻", status: "SIGNED", signedById: chief.id });
    expect(page.placements.map((p) => [p.isLead, p.size, p.story!.status])).toEqual([
      [true, "LEAD", "PUBLISHED"],
      [false, "SINGLE", "PUBLISHED"],
      [false, "SINGLE", "PUBLISHED"],
    ]);
    expect(page.placements.every((p) => p.story!.publishedAt!.getTime() === issue.publishedAt!.getTime())).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "issue.import_page", targetId: done.issueId } })).toBe(1);

    // Another page of the same day joins that issue, its number not asked again.
    const second = await publishBackIssuePage(chief, { date, issueNumber: "", pageNumber: "1", pageName: "要闻" }, storiesOf(pageOf(tag())));
    expect(second).toMatchObject({ issueId: done.issueId, newIssue: false });
  });

  it("is made once when two chief editors import the same page at the same moment", async () => {
    const date = pastDay();
    const number = String(freshNumber());
    const other = await makeUser("CHIEF_EDITOR", "另一位总编");
    const page = { date, issueNumber: number, pageNumber: "1", pageName: "要闻" };
    const results = await Promise.allSettled([publishBackIssuePage(chief, page, storiesOf(pageOf(tag()))), publishBackIssuePage(other, page, storiesOf(pageOf(tag())))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [refused] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.reason.message).toMatch(/刚被占用|已有第1版/u);
    const issue = await db().issue.findUniqueOrThrow({ where: { date: issueDateFromString(date) }, select: { pages: { select: { _count: { select: { placements: true } } } } } });
    expect(issue.pages.map((p) => p._count.placements)).toEqual([3]);
  });

  it("is refused, writing nothing, for a page it has, a wrong or taken number, today, or a day still on the desk", async () => {
    const date = pastDay();
    const number = freshNumber();
    await publishBackIssuePage(chief, { date, issueNumber: String(number), pageNumber: "2", pageName: "综合" }, storiesOf(pageOf(tag())));
    const stories = storiesOf(pageOf(tag()));
    const onDesk = pastDay();
    await createIssue(editor, { date: onDesk });
    const before = await count();
    const cases: [Record<string, string>, string][] = [
      [{ date, issueNumber: "", pageNumber: "2", pageName: "综合" }, `总第${number}期已有第2版（综合）`],
      [{ date, issueNumber: String(number + 1), pageNumber: "5", pageName: "副刊" }, `这一天的报纸已是总第${number}期`],
      [{ date: pastDay(), issueNumber: "", pageNumber: "1", pageName: "要闻" }, "请填写总第几期"],
      [{ date: pastDay(), issueNumber: String(number), pageNumber: "1", pageName: "要闻" }, `总第${number}期已是 ${date} 的报纸`],
      [{ date: paperDay(), issueNumber: String(freshNumber()), pageNumber: "1", pageName: "要闻" }, "过刊的出版日期应早于今天"],
      [{ date: onDesk, issueNumber: "", pageNumber: "7", pageName: "要闻" }, "这一天的报纸还在编排中"],
      [{ date: "2024-02-30", issueNumber: "1", pageNumber: "1", pageName: "要闻" }, "请检查过刊的日期、期号和版面"],
      [{ date, issueNumber: "", pageNumber: "0", pageName: "要闻" }, "请检查过刊的日期、期号和版面：版次从 1 开始"],
      [{ date, issueNumber: "", pageNumber: "9", pageName: "" }, "请检查过刊的日期、期号和版面：请填写版名"],
    ];
    for (const [page, message] of cases) {
      const e = await refusal(publishBackIssuePage(chief, page, stories));
      expect(e.message, JSON.stringify(page)).toContain(message);
    }
    expect(await count()).toEqual(before);
  });
});
