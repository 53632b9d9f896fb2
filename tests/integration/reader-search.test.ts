import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { findStories, RESULT_CAP, type SearchInput } from "@/lib/reader/search";
import { searchTextOf } from "@/lib/stories/body";
import { createIssue } from "@/lib/issues/mutations";
import { releaseNow } from "@/lib/issues/release";
import { changeStory, createStory, withdrawStory } from "@/lib/desk/story-commands";
import type { StoryStatus } from "@/lib/generated/prisma/client";
import { completeDraft, makeUser, pagesOf, placeAtEnd, readyForRelease } from "../support/factories";

// Reader search against a real Postgres: which stories it finds, in the order the page promises
// (a word in the headline, then in the kicker or subheadline, then the rest, newest first), page by
// page, for rare words (every match ranked at once) and for common ones (more than RESULT_CAP
// matches, answered from the headline index and a newest-first walk).

/** A word no other test writes: two characters from CJK Extension A. */
const word = () => String.fromCodePoint(...[0, 1].map(() => 0x3400 + Math.floor(Math.random() * 6000)));
const hour = (n: number) => new Date(Date.UTC(2061, 0, 1) + n * 3600_000);

type Made = { kicker?: string; headline?: string; subheadline?: string; text: string; status?: StoryStatus; at?: number };
let authorId: string;

/** Stories written straight into the database, with the search text the app writes. Returns their ids. */
async function stories(list: Made[]): Promise<string[]> {
  const data = list.map((m, i) => {
    const content = { kicker: m.kicker ?? "", headline: m.headline ?? "无关的标题", subheadline: m.subheadline ?? "", byline: "本报记者 测试", body: [{ type: "paragraph" as const, text: m.text }] };
    const status = m.status ?? "PUBLISHED";
    const published = status === "PUBLISHED" || status === "WITHDRAWN";
    return { id: `srch${randomUUID().replace(/-/g, "")}`, kind: "NEWS_BRIEF" as const, status, ...content, searchText: searchTextOf(content), authorId, publishedAt: published ? hour(m.at ?? i) : null };
  });
  await db().story.createMany({ data });
  return data.map((d) => d.id);
}

async function search(q: string, page = 1, more: Partial<SearchInput> = {}) {
  const result = await findStories({ q, page, ...more });
  if (result.kind !== "results") throw new Error(`no results for ${q}: ${result.kind}`);
  return result;
}
const idsOf = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);

/** Every page a reader can reach, one after another. */
async function allPages(q: string) {
  const first = await search(q);
  const ids = idsOf(first);
  for (let page = 2; page <= first.totalPages; page++) ids.push(...idsOf(await search(q, page)));
  return { first, ids };
}

beforeAll(async () => {
  authorId = (await makeUser("CORRESPONDENT")).id;
});

describe("reader search", () => {
  it("finds a word in the body of published stories only, newest first", async () => {
    const w = word();
    const [older, newer, newest] = await stories([
      { text: `今年${w}工作稳步推进。`, at: 1 },
      { text: `${w}。`, at: 2 },
      { text: `开展${w}活动`, at: 3 },
    ]);
    await stories([
      ...(["DRAFT", "SUBMITTED", "APPROVED", "PLACED", "SPIKED", "WITHDRAWN"] as const).map((status) => ({ text: `${w}不应出现`, status, at: 9 })),
      { text: "没有这个词", at: 10 },
    ]);
    const found = await search(w);
    expect(idsOf(found)).toEqual([newest, newer, older]);
    expect(found).toMatchObject({ total: 3, capped: false, totalPages: 1, terms: [w] });
    expect(found.hits[0].snippet).toContainEqual({ text: w, hit: true });
    expect(idsOf(await search(word()))).toEqual([]);
  });

  it("puts a word in the headline first, then in the kicker or subheadline, then the rest by date", async () => {
    const w = word();
    const [inBody, inHeadline, inKicker, inSubheadline, inBoth] = await stories([
      { text: `正文里有${w}`, at: 10 },
      { headline: `标题有${w}`, text: "正文", at: 1 },
      { kicker: `引题有${w}`, text: "正文", at: 5 },
      { subheadline: `副题有${w}`, text: "正文", at: 6 },
      { kicker: `引题有${w}`, headline: `标题有${w}`, text: "正文", at: 0 },
    ]);
    expect(idsOf(await search(w))).toEqual([inBoth, inHeadline, inSubheadline, inKicker, inBody]);
  });

  it("wants every term, and ranks by each of them", async () => {
    const [a, b] = [word(), word()];
    const [, , bothInBody, aInHeadline, bInHeadline] = await stories([
      { text: `只有${a}`, at: 1 },
      { text: `只有${b}`, at: 2 },
      { text: `${a}，${b}`, at: 3 },
      { headline: `标题${a}`, text: `正文${b}`, at: 0 },
      { headline: `标题${b}`, kicker: `引题${a}`, text: "正文", at: 1 },
    ]);
    expect(idsOf(await search(`${a} ${b}`))).toEqual([bInHeadline, aInHeadline, bothInBody]);
    expect(idsOf(await search(`${b}，${a}`))).toEqual([bInHeadline, aInHeadline, bothInBody]);
  });

  it("ignores letter case, and takes % and _ as themselves", async () => {
    const w = word();
    const [g5, percent] = await stories([
      { text: `${w}建成5G基站`, at: 1 },
      { text: `${w}增长50%`, at: 2 },
    ]);
    expect(idsOf(await search(`5g ${w}`))).toEqual([g5]);
    expect(idsOf(await search(`5G ${w}`))).toEqual([g5]);
    expect(idsOf(await search(`0% ${w}`))).toEqual([percent]);
    expect(idsOf(await search(`0_ ${w}`))).toEqual([]);
  });

  it("pages through a rare word's matches in one order", async () => {
    const w = word();
    const made: Made[] = Array.from({ length: 45 }, (_, i) => (i % 9 === 0 ? { headline: `${w}标题${i}`, text: "正文", at: i } : { text: `正文${w}${i}`, at: i }));
    const ids = await stories(made);
    const headlines = ids.filter((_, i) => i % 9 === 0).reverse();
    const rest = ids.filter((_, i) => i % 9 !== 0).reverse();
    const { first, ids: paged } = await allPages(w);
    expect(first).toMatchObject({ total: 45, capped: false, totalPages: 3 });
    expect(paged).toEqual([...headlines, ...rest]);
    expect(idsOf(await search(w, 4))).toEqual([]);
  });

  it("pages through a common word's first thousand matches in the same order", async () => {
    const [w, also] = [word(), word()];
    // 26 headlines (27 with the lonely one): page 1 is all headlines, page 2 has the last few and the newest of the rest.
    const made: Made[] = Array.from({ length: RESULT_CAP + 40 }, (_, i) =>
      i % 40 === 7 ? { headline: `${w}标题${i}`, text: `正文${also}`, at: i } : { text: `正文${w}，${also}${i}`, at: i },
    );
    const ids = await stories(made);
    const [lonely] = await stories([{ headline: `${w}标题`, text: "正文里没有另一个词", at: RESULT_CAP + 100 }]);
    const both = [...ids.filter((_, i) => i % 40 === 7).reverse(), ...ids.filter((_, i) => i % 40 !== 7).reverse()];
    const { first, ids: paged } = await allPages(w);
    expect(first).toMatchObject({ total: RESULT_CAP, capped: true, totalPages: RESULT_CAP / 20 });
    expect(paged).toEqual([lonely, ...both].slice(0, RESULT_CAP));
    // Two terms, both common: only stories with both, in the same order, the headline counting for the first.
    for (const page of [1, 2, 3, RESULT_CAP / 20]) {
      expect(idsOf(await search(`${w} ${also}`, page)), `page ${page}`).toEqual(both.slice((page - 1) * 20, page * 20));
    }
  });

  it("narrows by the issue's date and by tag", async () => {
    const w = word();
    const [early, late, tagged] = await stories([{ text: `${w}一` }, { text: `${w}二` }, { text: `${w}三` }]);
    for (const [storyId, date] of [[early, "2061-02-01"], [late, "2061-02-03"]]) {
      const issue = await db().issue.create({ data: { date: new Date(`${date}T00:00:00Z`), number: 900_000 + Math.floor(Math.random() * 90_000), status: "PUBLISHED" } });
      const page = await db().page.create({ data: { issueId: issue.id, number: 1, name: "要闻" } });
      await db().placement.create({ data: { pageId: page.id, storyId, position: 0 } });
    }
    const tag = `专题${w}`;
    await db().story.update({ where: { id: tagged }, data: { tags: { create: { name: tag, kind: "TOPIC" } } } });
    expect(idsOf(await search(w, 1, { from: "2061-02-02" }))).toEqual([late]);
    expect(idsOf(await search(w, 1, { to: "2061-02-02" }))).toEqual([early]);
    expect(idsOf(await search(w, 1, { from: "2061-02-01", to: "2061-02-03" }))).toEqual([late, early]);
    expect(idsOf(await search(w, 1, { tag }))).toEqual([tagged]);
  });

  it("finds a story once its issue is out, by words the desk wrote, and not after it is withdrawn", async () => {
    const w = word();
    const [author, editor, chief] = await Promise.all([makeUser("CORRESPONDENT"), makeUser("EDITOR"), makeUser("CHIEF_EDITOR")]);
    const filed = await createStory(author, completeDraft({ body: [{ type: "paragraph", text: `全县${w}工作持续推进。` }] }), { submit: true });
    await changeStory(editor, { action: "approve", storyId: filed.id, baseVersion: filed.version });
    const issue = await createIssue(editor, { date: "2061-03-01" });
    await placeAtEnd(editor, filed.id, (await pagesOf(issue.id))[0].id);
    expect(idsOf(await search(w))).toEqual([]);
    await readyForRelease(issue.id);
    await releaseNow(chief, issue.id);
    expect(idsOf(await search(w))).toEqual([filed.id]);
    const published = await db().story.findUniqueOrThrow({ where: { id: filed.id } });
    await withdrawStory(chief, filed.id, published.version, "涉及信息有误，撤回核实。");
    expect(idsOf(await search(w))).toEqual([]);
  });
});
