import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { changeStory, createStory } from "@/lib/desk/story-commands";
import { getStoryForEdit } from "@/lib/stories/queries";
import { ensureAccountContributor, findContributors } from "@/lib/contributors/credits";
import { backfillCredits } from "@/lib/stories/credits-backfill";
import { uploadPhoto } from "@/lib/photos/mutations";
import { completeDraft, makeUser, pngBytes } from "../support/factories";

// Names as a parser reads them (Han characters, three of them: a four-character run in a credit
// reads as two people run together), different in every run.
const HAN = "春夏秋冬东南西北山川林海云雨风雪";
const unique = (name: string) => name + Array.from({ length: 2 }, () => HAN[Math.floor(Math.random() * HAN.length)]).join("");

async function creditsOfStory(storyId: string) {
  const rows = await db().storyContributor.findMany({
    where: { storyId },
    orderBy: { position: "asc" },
    select: { role: true, fromPhotoCredit: true, contributor: { select: { name: true, userId: true } } },
  });
  return rows.map((r) => [r.contributor.name, r.role, r.fromPhotoCredit, r.contributor.userId !== null]);
}

describe("credits are people", () => {
  it("a story filed by one account credits the people its byline list names, and the line is printed from the list", async () => {
    const filer = await makeUser("CORRESPONDENT", unique("融"));
    await db().$transaction((tx) => ensureAccountContributor(tx, filer));
    const reporter = unique("骆");
    const story = await createStory(filer, completeDraft({
      byline: "",
      contributors: [{ name: reporter, role: "REPORTER" }, { name: filer.name, role: "CORRESPONDENT" }],
    }));
    const row = await db().story.findUniqueOrThrow({ where: { id: story.id }, select: { byline: true, searchText: true } });
    expect(row.byline).toBe(`本报记者 ${reporter} 通讯员 ${filer.name}`);
    expect(row.searchText).toContain(reporter);
    expect(await creditsOfStory(story.id)).toEqual([
      [reporter, "REPORTER", false, false],
      [filer.name, "CORRESPONDENT", false, true],
    ]);
  });

  it("photo credits credit photographers, a second story finds the same person, and a removed name is uncredited", async () => {
    const filer = await makeUser("CORRESPONDENT");
    const shooter = unique("易");
    const photo = await uploadPhoto(filer, await pngBytes());
    const body = [
      { type: "paragraph" as const, text: "秋粮收储有序推进。" },
      { type: "photo" as const, photoId: photo.id, caption: "粮库里晾晒玉米。", credit: `${shooter} 摄`, altText: "" },
    ];
    const first = await createStory(filer, completeDraft({ byline: "本报通讯员 测试", body }));
    const second = await createStory(filer, completeDraft({ byline: `本报通讯员 测试 ${shooter} 摄` }));
    expect(await creditsOfStory(first.id)).toEqual([["测试", "CORRESPONDENT", false, false], [shooter, "PHOTOGRAPHER", true, false]]);
    const people = await db().contributor.findMany({ where: { name: shooter } });
    expect(people).toHaveLength(1);
    expect((await creditsOfStory(second.id)).map((c) => c[0])).toEqual(["测试", shooter]);

    await changeStory(filer, { action: "edit", storyId: first.id, baseVersion: first.version, content: completeDraft({ byline: "本报通讯员 测试", body: body.slice(0, 1) }) });
    expect(await creditsOfStory(first.id)).toEqual([["测试", "CORRESPONDENT", false, false]]);
    expect(await db().storyPhoto.count({ where: { storyId: first.id } })).toBe(0);
  });

  it("a hand-written special byline is kept as typed while the list still credits the people", async () => {
    const filer = await makeUser("CORRESPONDENT");
    const story = await createStory(filer, completeDraft({ byline: "本报联合采访组", bylineEdited: true, contributors: [{ name: "采访组甲", role: "REPORTER" }] }));
    const form = await getStoryForEdit(filer, story.id);
    expect(form.byline).toBe("本报联合采访组");
    expect(form.bylineEdited).toBe(true);
    expect(form.contributors.map((c) => c.name)).toEqual(["采访组甲"]);
  });

  it("a new account is a person of its own, even when someone of the same name was credited before", async () => {
    const name = unique("孙");
    const filer = await makeUser("CORRESPONDENT");
    await createStory(filer, completeDraft({ byline: `本报通讯员 ${name}` }));
    const before = await db().contributor.findFirstOrThrow({ where: { name } });
    const user = await makeUser("CORRESPONDENT", name);
    const id = await db().$transaction((tx) => ensureAccountContributor(tx, user));
    expect(id).not.toBe(before.id);
    expect((await db().contributor.findUniqueOrThrow({ where: { id } })).slug).toBe(user.username);
    expect((await db().contributor.findUniqueOrThrow({ where: { id: before.id } })).slug).toBe(before.slug);
  });

  it("a name typed half-way and saved by an autosave does not stay as a person once corrected", async () => {
    const filer = await makeUser("CORRESPONDENT");
    const full = unique("欧");
    const half = full.slice(0, 2);
    const story = await createStory(filer, completeDraft({ byline: "", contributors: [{ name: half, role: "REPORTER" }] }));
    expect(await db().contributor.count({ where: { name: half } })).toBe(1);
    await changeStory(filer, { action: "edit", storyId: story.id, baseVersion: story.version, content: completeDraft({ byline: "", contributors: [{ name: full, role: "REPORTER" }] }), autosave: true });
    expect(await db().contributor.count({ where: { name: half } })).toBe(0);
    expect(await db().contributor.count({ where: { name: full } })).toBe(1);
  });

  it("a correspondent's suggestions leave out names on others' unpublished drafts; the desk sees them", async () => {
    const [author, other, editor] = [await makeUser("CORRESPONDENT"), await makeUser("CORRESPONDENT"), await makeUser("EDITOR")];
    const secret = unique("秦");
    await createStory(author, completeDraft({ byline: "", contributors: [{ name: secret, role: "CORRESPONDENT" }] }));
    expect((await findContributors(other, secret)).map((c) => c.name)).toEqual([]);
    expect((await findContributors(author, secret)).map((c) => c.name)).toEqual([secret]);
    expect((await findContributors(editor, secret)).map((c) => c.name)).toEqual([secret]);
  });

  it("stories filed before credits were people get them from their bylines, once", async () => {
    const filer = await makeUser("CORRESPONDENT");
    const story = await createStory(filer, completeDraft({ byline: "本报讯（记者 何文涛 通讯员 陈秀英）" }));
    // As a story filed before this change: a line, no list, no flag.
    await db().storyContributor.deleteMany({ where: { storyId: story.id } });
    await db().story.update({ where: { id: story.id }, data: { bylineEdited: false } });
    await backfillCredits();
    expect((await creditsOfStory(story.id)).map((c) => [c[0], c[1]])).toEqual([["何文涛", "REPORTER"], ["陈秀英", "CORRESPONDENT"]]);
    // The line stays as printed on the next save, not recomposed from the list.
    const form = await getStoryForEdit(filer, story.id);
    expect(form.bylineEdited).toBe(true);
    await changeStory(filer, { action: "edit", storyId: story.id, baseVersion: story.version, content: { ...form, tags: form.tags } });
    expect((await db().story.findUniqueOrThrow({ where: { id: story.id } })).byline).toBe("本报讯（记者 何文涛 通讯员 陈秀英）");
    const again = await backfillCredits();
    expect(await creditsOfStory(story.id)).toHaveLength(2);
    expect(again.accounts).toBe(0);
  });
});
