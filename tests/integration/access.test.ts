import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { storyAccess } from "@/lib/stories/access";
import { photoAccess } from "@/lib/photos/access";
import { mayReadPlacement, pageAccess, pageAccessSelect, printedHere } from "@/lib/issues/access";
import { proofPageView } from "@/lib/issues/proof";
import { refreshPhotosRun } from "@/lib/photos/links";
import { STORY_STATUSES, type StoryStatus } from "@/lib/stories/workflow";
import type { SessionUser } from "@/lib/core/session";
import { makeUser } from "../support/factories";

// Access is one rule per domain asked two ways: `may` for a record in hand and `where` for a list.
// Here every story state, and photos in every kind of use, meet every role, and for each pair the
// two answers must be the same (a rule changed in one of them and not the other fails here).

type Actors = Record<"author" | "otherCorrespondent" | "editor" | "chief" | "admin", SessionUser>;
let actors: Actors;
const storyIds = new Map<StoryStatus, string>();
const photoIds: string[] = [];

async function storyIn(status: StoryStatus, authorId: string): Promise<string> {
  const ran = status === "PUBLISHED" || status === "WITHDRAWN";
  const story = await db().story.create({
    data: { kind: "NEWS_BRIEF", status, headline: `权限表 ${status}`, body: [], authorId, ...(ran ? { publishedAt: new Date() } : {}) },
    select: { id: true },
  });
  return story.id;
}

async function photoBy(uploaderId: string, storyId?: string): Promise<string> {
  const photo = await db().photo.create({
    data: { storageKey: `access-${randomUUID()}`, mimeType: "image/png", width: 10, height: 10, bytes: 10, uploaderId },
    select: { id: true },
  });
  if (storyId) await db().storyPhoto.create({ data: { storyId, photoId: photo.id } });
  return photo.id;
}

beforeAll(async () => {
  actors = {
    author: await makeUser("CORRESPONDENT", "张权"),
    otherCorrespondent: await makeUser("CORRESPONDENT", "李权"),
    editor: await makeUser("EDITOR", "刘权"),
    chief: await makeUser("CHIEF_EDITOR", "孙权"),
    admin: await makeUser("ADMIN", "王权"),
  };
  for (const status of STORY_STATUSES) storyIds.set(status, await storyIn(status, actors.author.id));
  // The editor's own draft: the desk does not read drafts, but an author reads their own.
  const editorsDraft = await storyIn("DRAFT", actors.editor.id);
  // A photo in each story and one in the editor's draft, all uploaded by a photographer who is none
  // of the actors; the author's own upload in no story; the other correspondent's, in no story.
  const photographer = await makeUser("CORRESPONDENT", "赵摄");
  for (const id of storyIds.values()) photoIds.push(await photoBy(photographer.id, id));
  photoIds.push(await photoBy(photographer.id, editorsDraft));
  photoIds.push(await photoBy(actors.author.id));
  photoIds.push(await photoBy(actors.otherCorrespondent.id));
  await db().$transaction((tx) => refreshPhotosRun(tx, [...storyIds.values(), editorsDraft]));
});

describe("who may open a story", () => {
  it("the answer for one story and the list agree, for every state and every role", async () => {
    for (const [who, actor] of Object.entries(actors)) {
      const listed = new Set(
        (await db().story.findMany({ where: { AND: [{ id: { in: [...storyIds.values()] } }, storyAccess.where(actor)] }, select: { id: true } })).map((s) => s.id),
      );
      for (const [status, id] of storyIds) {
        const story = await db().story.findUniqueOrThrow({ where: { id }, select: { status: true, authorId: true } });
        expect(storyAccess.may(actor, story), `${who} × ${status}`).toBe(listed.has(id));
      }
    }
  });

  it("says what the newsroom expects: authors all their own, the desk all but drafts, others and admins nothing", async () => {
    const opens = async (actor: SessionUser) =>
      (await db().story.findMany({ where: { AND: [{ id: { in: [...storyIds.values()] } }, storyAccess.where(actor)] }, select: { status: true } })).map((s) => s.status).sort();
    expect(await opens(actors.author)).toEqual([...STORY_STATUSES].sort());
    expect(await opens(actors.editor)).toEqual(STORY_STATUSES.filter((s) => s !== "DRAFT").sort());
    expect(await opens(actors.chief)).toEqual(STORY_STATUSES.filter((s) => s !== "DRAFT").sort());
    expect(await opens(actors.otherCorrespondent)).toEqual([]);
    expect(await opens(actors.admin)).toEqual([]);
  });
});

describe("who may see a photo", () => {
  it("the answer for one photo and the list agree, for photos in every kind of use and every role", async () => {
    for (const [who, actor] of Object.entries(actors)) {
      const listed = new Set((await db().photo.findMany({ where: { AND: [{ id: { in: photoIds } }, photoAccess.where(actor)] }, select: { id: true } })).map((p) => p.id));
      for (const id of photoIds) {
        const photo = await db().photo.findUniqueOrThrow({
          where: { id },
          select: { uploaderId: true, hasRun: true, stories: { select: { story: { select: { status: true, authorId: true } } } } },
        });
        const use = photo.stories.map((s) => s.story.status).join(",") || "no story";
        expect(photoAccess.may(actor, photo), `${who} × photo in ${use}`).toBe(listed.has(id));
      }
    }
  });

  it("a printed photo is anyone's in the newsroom, a draft's is not, and an administrator sees none", async () => {
    const sees = async (actor: SessionUser) => await db().photo.count({ where: { AND: [{ id: { in: photoIds } }, photoAccess.where(actor)] } });
    // Another correspondent: the two that ran (published, withdrawn since) and their own upload.
    expect(await sees(actors.otherCorrespondent)).toBe(3);
    // The author: the photos of all nine of their stories and their own upload.
    expect(await sees(actors.author)).toBe(STORY_STATUSES.length + 1);
    // The desk: all but the photo in the author's draft (the editor sees their own draft's).
    expect(await sees(actors.editor)).toBe(photoIds.length - 1);
    // The chief editor: neither draft's.
    expect(await sees(actors.chief)).toBe(photoIds.length - 2);
    expect(await sees(actors.admin)).toBe(0);
  });
});

describe("who may open a page's proof", () => {
  // One issue's pages, each holding one kind of placement: the author's story, another
  // correspondent's, a slot assigned to the author, one assigned to someone else, nothing, the
  // author's story arriving from the page before (转版), the author's returned story, and the
  // author's story beside another correspondent's.
  const pages = new Map<string, string>();
  let issueId = "";

  beforeAll(async () => {
    const issue = await db().issue.create({ data: { date: new Date("2048-05-05"), number: 948_505 }, select: { id: true } });
    const page = async (name: string) => {
      issueId = issue.id;
      const created = await db().page.create({ data: { issueId: issue.id, number: pages.size + 1, name }, select: { id: true } });
      pages.set(name, created.id);
      return created.id;
    };
    const place = async (pageId: string, data: { storyId?: string; assigneeId?: string; continuesOnId?: string }) =>
      db().placement.create({ data: { pageId, position: 0, ...data } });
    const story = (status: StoryStatus, authorId: string) => storyIn(status, authorId);
    await place(await page("作者的稿"), { storyId: await story("APPROVED", actors.author.id) });
    await place(await page("别人的稿"), { storyId: await story("APPROVED", actors.otherCorrespondent.id) });
    await place(await page("派给作者"), { assigneeId: actors.author.id });
    await place(await page("派给别人"), { assigneeId: actors.otherCorrespondent.id });
    await page("空版");
    const from = await page("转出");
    const onto = await page("转入");
    await place(from, { storyId: await story("APPROVED", actors.otherCorrespondent.id), continuesOnId: onto });
    await place(from, { storyId: await story("APPROVED", actors.author.id), continuesOnId: onto });
    await place(await page("退回的稿"), { storyId: await story("RETURNED", actors.author.id) });
    const shared = await page("同版两篇");
    await place(shared, { storyId: await story("APPROVED", actors.author.id) });
    await place(shared, { storyId: await story("PLACED", actors.otherCorrespondent.id) });
  });

  const listed = async (actor: SessionUser) =>
    new Set((await db().page.findMany({ where: { AND: [{ id: { in: [...pages.values()] } }, pageAccess.where(actor)] }, select: { id: true } })).map((p) => p.id));

  it("the answer for one page and the list agree, for every kind of placement and every role", async () => {
    for (const [who, actor] of Object.entries(actors)) {
      const list = await listed(actor);
      for (const [name, id] of pages) {
        const page = await db().page.findUniqueOrThrow({ where: { id }, select: pageAccessSelect });
        expect(pageAccess.may(actor, page), `${who} × ${name}`).toBe(list.has(id));
      }
    }
  });

  it("says what the newsroom expects: the desk every page, a correspondent the pages with their work, and on them only their own", async () => {
    const names = async (actor: SessionUser) => {
      const list = await listed(actor);
      return [...pages].filter(([, id]) => list.has(id)).map(([name]) => name);
    };
    expect(await names(actors.editor)).toEqual([...pages.keys()]);
    expect(await names(actors.chief)).toEqual([...pages.keys()]);
    expect(await names(actors.author)).toEqual(["作者的稿", "派给作者", "转出", "转入", "退回的稿", "同版两篇"]);
    expect(await names(actors.otherCorrespondent)).toEqual(["别人的稿", "派给别人", "转出", "转入", "同版两篇"]);
    expect(await names(actors.admin)).toEqual([]);
    // On the page both stories continue onto, each correspondent reads only their own.
    const onto = await db().page.findUniqueOrThrow({ where: { id: pages.get("转入")! }, select: pageAccessSelect });
    const readable = (actor: SessionUser) => printedHere(onto).filter((p) => mayReadPlacement(actor, p)).length;
    expect([readable(actors.author), readable(actors.otherCorrespondent), readable(actors.editor)]).toEqual([1, 1, 2]);
  });

  it("the proof draws what each may read and withholds the rest, as taken space without text", async () => {
    const number = [...pages.keys()].indexOf("同版两篇") + 1;
    const shown = async (actor: SessionUser) => {
      const view = await proofPageView(actor, issueId, number);
      if (!view) return null;
      const stories = view.layout.blocks.flatMap((b) => (b.type === "story" ? [b.story] : []));
      return { headlines: stories.map((s) => s.headline).filter(Boolean).sort(), withheld: view.withheld.length };
    };
    expect(await shown(actors.author)).toEqual({ headlines: ["权限表 APPROVED"], withheld: 1 });
    expect(await shown(actors.otherCorrespondent)).toEqual({ headlines: ["权限表 PLACED"], withheld: 1 });
    expect(await shown(actors.editor)).toEqual({ headlines: ["权限表 APPROVED", "权限表 PLACED"], withheld: 0 });
    expect(await shown(actors.admin)).toBeNull();
    // A page with nothing of theirs is not found, not drawn empty.
    expect(await proofPageView(actors.author, issueId, [...pages.keys()].indexOf("别人的稿") + 1)).toBeNull();
  });
});
