import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { createIssue } from "@/lib/issues/mutations";
import { releaseNow } from "@/lib/issues/release";
import { changeStory, createStory, withdrawStory } from "@/lib/desk/story-commands";
import { uploadPhoto } from "@/lib/photos/mutations";
import { listLibrary, photoDetail } from "@/lib/photos/library";
import { findContributors } from "@/lib/contributors/credits";
import { listTags } from "@/lib/stories/queries";
import { authorPage, issueCards, tagPage } from "@/lib/reader/archive";
import { isWithdrawn, storyView } from "@/lib/reader/queries";
import { publishedPageView } from "@/lib/issues/released-page";
import { hasRunInPrint, inPrintSelect, isReaderVisible, photoRanInPrint, ranInPrint, readerVisible } from "@/lib/print-record/in-print";
import { STORY_STATUSES } from "@/lib/stories/workflow";
import { completeDraft, makeUser, pagesOf, placeAtEnd, pngBytes, readyForRelease } from "../support/factories";
import { refusal } from "../support/refusal";

// 刊用 / 见报 is one definition (lib/print-record/in-print.ts): a story published, and one withdrawn after
// its release, ran in print; a draft, a returned story and an approved one on an issue not yet out
// did not. Each place that asks is checked against it here: the photo library's 已刊用 and what a
// correspondent may see and use of it, the name and tag pickers, a byline page's count, the archive
// and the reader, which still shows nothing of the withdrawn story. Issue days of its own (2047).

const RELEASED = "2047-05-10";
const PLANNED = "2047-05-11";

/** A word no other test writes: two characters from CJK Extension A. */
const word = () => String.fromCodePoint(...[0, 1].map(() => 0x3400 + Math.floor(Math.random() * 6000)));

const KINDS = ["published", "withdrawn", "draft", "returned", "approved"] as const;
type Kind = (typeof KINDS)[number];
const RAN: Kind[] = ["published", "withdrawn"];

const reporter = `岳${word()}`;
const shared = `刊用${word()}`;
const caption = `刊用测试${word()}`;
/** A person and a tag named only by one story each: the pickers show them once that story has run. */
const onlyOn = Object.fromEntries(KINDS.map((k) => [k, { person: `单${word()}`, tag: `只在${word()}` }])) as Record<Kind, { person: string; tag: string }>;

let story: Record<Kind, string>;
let photo: Record<Kind, string>;
let people: { author: SessionUser; stranger: SessionUser };
let reporterSlug: string;

async function file(author: SessionUser, kind: Kind, photoId: string, submit: boolean) {
  return createStory(
    author,
    completeDraft({
      byline: `本报记者 ${reporter} 通讯员 ${onlyOn[kind].person}`,
      contributors: [{ name: reporter, role: "REPORTER" }, { name: onlyOn[kind].person, role: "CORRESPONDENT" }],
      tags: [{ name: shared, kind: "TOPIC" }, { name: onlyOn[kind].tag, kind: "TOPIC" }],
      body: [
        { type: "photo", photoId, caption: "农民在晾晒玉米。", credit: "本报记者 测试 摄", altText: "" },
        { type: "paragraph", text: `近日，县里的${kind}工作有了新进展。` },
      ],
    }),
    { submit },
  );
}

beforeAll(async () => {
  const author = await makeUser("CORRESPONDENT", "刊用作者");
  const editor = await makeUser("EDITOR");
  const chief = await makeUser("CHIEF_EDITOR");
  const stranger = await makeUser("CORRESPONDENT", "旁人");
  people = { author, stranger };
  photo = {} as Record<Kind, string>;
  for (const kind of KINDS) photo[kind] = (await uploadPhoto(author, await pngBytes(), { caption: `${caption} ${kind}` })).id;

  const released = await createIssue(editor, { date: RELEASED });
  const planned = await createIssue(editor, { date: PLANNED });
  const filed = {} as Record<Kind, { id: string; version: number }>;
  for (const kind of KINDS) filed[kind] = await file(author, kind, photo[kind], kind !== "draft");
  for (const kind of ["published", "withdrawn", "approved"] as const) {
    const approved = await changeStory(editor, { action: "approve", storyId: filed[kind].id, baseVersion: filed[kind].version });
    await placeAtEnd(editor, approved.id, (await pagesOf(kind === "approved" ? planned.id : released.id))[0].id);
  }
  await changeStory(editor, { action: "return", storyId: filed.returned.id, baseVersion: filed.returned.version, note: "请补充数字。" });
  await readyForRelease(released.id);
  await releaseNow(chief, released.id);
  const { version } = await db().story.findUniqueOrThrow({ where: { id: filed.withdrawn.id }, select: { version: true } });
  await withdrawStory(chief, filed.withdrawn.id, version, "数据有误，撤回核实。");

  story = Object.fromEntries(KINDS.map((k) => [k, filed[k].id])) as Record<Kind, string>;
  reporterSlug = (await db().contributor.findFirstOrThrow({ where: { name: reporter }, select: { slug: true } })).slug;
});

const sorted = (kinds: readonly Kind[]) => [...kinds].sort();
const kindsOf = (ids: string[], of: Record<Kind, string>) => sorted(KINDS.filter((k) => ids.includes(of[k])));

describe("in print, once", () => {
  it("starts from the states it is about", async () => {
    const rows = await db().story.findMany({ where: { id: { in: Object.values(story) } }, select: { id: true, status: true } });
    const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    expect(KINDS.map((k) => status[story[k]])).toEqual(["PUBLISHED", "WITHDRAWN", "DRAFT", "RETURNED", "PLACED"]);
  });

  it("the yes/no and the list filter agree: published and withdrawn ran, only published is read", async () => {
    const rows = await db().story.findMany({ where: { id: { in: Object.values(story) } }, select: { id: true, ...inPrintSelect } });
    const ran = rows.filter(hasRunInPrint).map((r) => r.id);
    const listed = (await db().story.findMany({ where: { AND: [{ id: { in: Object.values(story) } }, ranInPrint] }, select: { id: true } })).map((r) => r.id);
    expect(kindsOf(ran, story)).toEqual(sorted(RAN));
    expect(kindsOf(listed, story)).toEqual(sorted(RAN));
    const visible = rows.filter(isReaderVisible).map((r) => r.id);
    const visibleListed = (await db().story.findMany({ where: { AND: [{ id: { in: Object.values(story) } }, readerVisible] }, select: { id: true } })).map((r) => r.id);
    expect([kindsOf(visible, story), kindsOf(visibleListed, story)]).toEqual([["published"], ["published"]]);
  });

  it("for every state, with and without publishedAt, the yes/no and the filter give the same answer", async () => {
    // Written straight into the table: some of these states no command makes (a withdrawal before release).
    const rows = [];
    for (const status of STORY_STATUSES) {
      for (const publishedAt of [null, new Date()]) {
        rows.push(await db().story.create({ data: { kind: "NEWS_BRIEF", headline: "状态表", body: [], status, publishedAt, authorId: people.author.id }, select: { id: true, ...inPrintSelect } }));
      }
    }
    const ids = rows.map((r) => r.id);
    const among = async (where: typeof ranInPrint) => new Set((await db().story.findMany({ where: { AND: [{ id: { in: ids } }, where] }, select: { id: true } })).map((r) => r.id));
    const [ran, visible] = [await among(ranInPrint), await among(readerVisible)];
    expect(rows.map((r) => [r.status, r.publishedAt !== null, ran.has(r.id), visible.has(r.id)])).toEqual(
      rows.map((r) => [r.status, r.publishedAt !== null, hasRunInPrint(r), isReaderVisible(r)]),
    );
    expect(rows.filter(hasRunInPrint).map((r) => [r.status, r.publishedAt !== null])).toEqual([["PUBLISHED", false], ["PUBLISHED", true], ["WITHDRAWN", true]]);
    await db().story.deleteMany({ where: { id: { in: ids } } });
  });

  it("photo library: 已刊用 (flag, filter and uses) is the photos of the stories that ran, the withdrawn one's too", async () => {
    const flagged = (await db().photo.findMany({ where: { id: { in: Object.values(photo) }, hasRun: true }, select: { id: true } })).map((p) => p.id);
    const defined = (await db().photo.findMany({ where: { AND: [{ id: { in: Object.values(photo) } }, photoRanInPrint] }, select: { id: true } })).map((p) => p.id);
    expect(kindsOf(flagged, photo)).toEqual(sorted(RAN));
    expect(kindsOf(defined, photo)).toEqual(sorted(RAN));
    // Asked as the uploader, who sees every one of them (the desk does not see a draft's photo).
    const used = await listLibrary(people.author, { q: caption, use: "used" }, 200);
    const unused = await listLibrary(people.author, { q: caption, use: "unused" }, 200);
    expect(kindsOf(used.items.map((p) => p.id), photo)).toEqual(sorted(RAN));
    expect(kindsOf(unused.items.map((p) => p.id), photo)).toEqual(sorted(["draft", "returned", "approved"]));
    const uses = Object.fromEntries([...used.items, ...unused.items].map((p) => [p.id, p.uses]));
    expect(KINDS.map((k) => uses[photo[k]])).toEqual([1, 1, 0, 0, 0]);
  });

  it("a correspondent who had no part sees and may use the photos that ran, and finds their people and tags", async () => {
    const seen = await listLibrary(people.stranger, { q: caption }, 200);
    expect(kindsOf(seen.items.map((p) => p.id), photo)).toEqual(sorted(RAN));
    // The library names the withdrawn story among the photo's uses, as the record of where it ran.
    expect((await photoDetail(people.stranger, photo.withdrawn)).uses.map((u) => [u.storyId, u.status])).toEqual([[story.withdrawn, "WITHDRAWN"]]);
    const own = (photoId: string) =>
      createStory(people.stranger, completeDraft({ body: [{ type: "photo", photoId, caption: "农民在晾晒玉米。", credit: "本报记者 测试 摄", altText: "" }, { type: "paragraph", text: "正文。" }] }));
    await expect(own(photo.withdrawn)).resolves.toMatchObject({ id: expect.any(String) });
    expect((await refusal(own(photo.approved))).code).toBe("invalid");

    const names = await Promise.all(KINDS.map(async (k) => (await findContributors(people.stranger, onlyOn[k].person)).length > 0));
    expect(KINDS.filter((_, i) => names[i])).toEqual(RAN);
    const tags = new Set((await listTags(people.stranger)).map((t) => t.name));
    expect(KINDS.filter((k) => tags.has(onlyOn[k].tag))).toEqual(RAN);
  });

  it("a byline page counts the stories that ran, and lists only the one readers may read", async () => {
    const page = await authorPage.uncached(reporterSlug, 1);
    expect(page?.counts).toEqual({ written: RAN.length, photographed: 0 });
    expect(page?.stories.map((s) => s.id)).toEqual([story.published]);
  });

  it("the reader shows nothing of the withdrawn story but its withdrawal notice", async () => {
    expect(await storyView.uncached(story.withdrawn)).toBeNull();
    expect(await storyView.uncached(story.published)).toMatchObject({ id: story.published });
    const withdrawn = await Promise.all(KINDS.map((k) => isWithdrawn(story[k])));
    expect(KINDS.filter((_, i) => withdrawn[i])).toEqual(["withdrawn"]);
    expect((await issueCards.uncached(RELEASED)).map((c) => c.id)).toEqual([story.published]);
    expect((await tagPage.uncached(shared, 1))?.stories.map((s) => s.id)).toEqual([story.published]);
    expect(await tagPage.uncached(onlyOn.withdrawn.tag, 1)).toBeNull();
    const shown = JSON.stringify(await publishedPageView.uncached(RELEASED, 1));
    expect(shown).toContain(story.published);
    expect(shown).not.toContain(story.withdrawn);
  });
});
