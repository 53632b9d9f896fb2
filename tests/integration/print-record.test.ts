import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { releaseNow } from "@/lib/issues/release";
import { changeStory, correctStory, createStory, withdrawStory } from "@/lib/desk/story-commands";
import { uploadPhoto } from "@/lib/photos/mutations";
import { completeDraft, makeUser, placeAtEnd, pngBytes, releasableIssue } from "../support/factories";

// What ran is frozen at release (PrintRecord): one record per story with its page, place, size,
// characters, credits and photos; a correction or a withdrawal adds a record and changes none.
// Issue days of this file's own: 2049.

let day = 0;
const nextDate = () => new Date(Date.UTC(2049, 0, 1) + ++day * 86400_000).toISOString().slice(0, 10);
// A name as a credit is read: Han characters, three of them (digits are no name; four read as two people).
const HAN = "春夏秋冬东南西北山川林海云雨风雪";
const unique = (prefix: string) => prefix + Array.from({ length: 2 }, () => HAN[Math.floor(Math.random() * HAN.length)]).join("");

let editor: Awaited<ReturnType<typeof makeUser>>;
let chief: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  editor = await makeUser("EDITOR");
  chief = await makeUser("CHIEF_EDITOR", "孙正");
});

const recordsOf = (storyId: string) =>
  db().printRecord.findMany({
    where: { storyId },
    orderBy: { recordedAt: "asc" },
    include: { credits: { orderBy: { position: "asc" } }, photos: { orderBy: { position: "asc" } } },
  });

describe("print records", () => {
  it("a release records every story where it ran, with its characters, people and photos", async () => {
    const date = nextDate();
    const { issueId, pageIds, storyIds } = await releasableIssue(editor, { date, pages: 2, stories: 3 });
    // One more story, with two named people and a credited photo, placed as page 2's second item.
    const author = await makeUser("CORRESPONDENT", "韩秋实");
    const photo = await uploadPhoto(author, await pngBytes());
    const shooter = unique("谷");
    const filed = await createStory(author, completeDraft({
      byline: "",
      contributors: [{ name: "韩秋实", role: "REPORTER" }, { name: "孙桢", role: "CORRESPONDENT" }],
      body: [
        { type: "paragraph", text: "县城新添三处口袋公园，市民出门五分钟就能走进绿地。" },
        { type: "photo", photoId: photo.id, caption: "市民在新建的口袋公园里散步。", credit: `${shooter} 摄`, altText: "" },
      ],
    }), { submit: true });
    await changeStory(editor, { action: "approve", storyId: filed.id, baseVersion: filed.version });
    await placeAtEnd(editor, filed.id, pageIds[1], "DOUBLE");
    await db().page.updateMany({ where: { issueId }, data: { status: "SIGNED", signedAt: new Date() } });

    await releaseNow(chief, issueId);

    const all = await db().printRecord.findMany({ where: { issueId }, orderBy: [{ pageNumber: "asc" }, { position: "asc" }] });
    expect(all.map((r) => [r.pageNumber, r.position, r.event])).toEqual([
      [1, 0, "RELEASED"],
      [1, 1, "RELEASED"],
      [2, 0, "RELEASED"],
      [2, 1, "RELEASED"],
    ]);
    expect(new Set(all.map((r) => r.storyId))).toEqual(new Set([...storyIds, filed.id]));

    const [record] = await recordsOf(filed.id);
    const story = await db().story.findUniqueOrThrow({ where: { id: filed.id }, select: { headline: true, byline: true, charCount: true } });
    expect(record).toMatchObject({ issueNumber: expect.any(Number), pageNumber: 2, size: "DOUBLE", isLead: false, headline: story.headline, byline: story.byline, characters: story.charCount });
    expect(record.characters).toBeGreaterThan(0);
    expect(record.credits.map((c) => [c.name, c.role])).toEqual([["韩秋实", "REPORTER"], ["孙桢", "CORRESPONDENT"], [shooter, "PHOTOGRAPHER"]]);
    expect(record.photos.map((p) => [p.photoId, p.credit])).toEqual([[photo.id, `${shooter} 摄`]]);
  });

  it("a correction and a withdrawal each add a record; the release record stays as it was", async () => {
    const { issueId, storyIds } = await releasableIssue(editor, { date: nextDate(), pages: 1, stories: 1 });
    await releaseNow(chief, issueId);
    const [storyId] = storyIds;
    const [released] = await recordsOf(storyId);

    let row = await db().story.findUniqueOrThrow({ where: { id: storyId }, select: { version: true } });
    await correctStory(chief, storyId, row.version, "第二段中的数字有误，应为两千余台。");
    row = await db().story.findUniqueOrThrow({ where: { id: storyId }, select: { version: true } });
    await withdrawStory(chief, storyId, row.version, "稿件涉及的活动已取消。");

    const records = await recordsOf(storyId);
    expect(records.map((r) => r.event)).toEqual(["RELEASED", "CORRECTED", "WITHDRAWN"]);
    expect(records[0]).toEqual(released);
    // Where it ran is where the release put it.
    for (const r of records.slice(1)) expect([r.issueId, r.pageNumber, r.position]).toEqual([released.issueId, released.pageNumber, released.position]);
  });

  it("the database refuses to change a record, and keeps the people and photos it names", async () => {
    const { issueId, storyIds } = await releasableIssue(editor, { date: nextDate(), pages: 1, stories: 1 });
    await releaseNow(chief, issueId);
    const [record] = await recordsOf(storyIds[0]);
    await expect(db().printRecord.update({ where: { id: record.id }, data: { headline: "改过的标题" } })).rejects.toThrow(/见报记录不能修改/);
    await expect(db().printCredit.update({ where: { id: record.credits[0].id }, data: { name: "别人" } })).rejects.toThrow(/见报记录不能修改/);
    await expect(db().contributor.delete({ where: { id: record.credits[0].contributorId } })).rejects.toThrow();
    await expect(db().issue.delete({ where: { id: issueId } })).rejects.toThrow();
    expect((await recordsOf(storyIds[0]))[0].headline).toBe(record.headline);
  });

  it("saving a story again keeps the rows of the people still credited", async () => {
    const author = await makeUser("CORRESPONDENT");
    const first = await createStory(author, completeDraft({ byline: "", contributors: [{ name: "骆晓飞", role: "REPORTER" }] }));
    const before = await db().storyContributor.findMany({ where: { storyId: first.id }, select: { id: true, contributorId: true } });
    await changeStory(author, {
      action: "edit",
      storyId: first.id,
      baseVersion: first.version,
      content: completeDraft({ byline: "", contributors: [{ name: "孙桢怡", role: "CORRESPONDENT" }, { name: "骆晓飞", role: "REPORTER" }] }),
    });
    const after = await db().storyContributor.findMany({ where: { storyId: first.id }, orderBy: { position: "asc" }, select: { id: true, contributorId: true, position: true } });
    expect(after).toHaveLength(2);
    // 骆晓飞's row is the same row, now second.
    expect(after[1]).toEqual({ ...before[0], position: 1 });
  });
});
