import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { changeStory, createStory } from "@/lib/desk/story-commands";
import { getStoryForEdit, listDeskStories, listMyStories } from "@/lib/stories/queries";
import { DomainError } from "@/lib/core/errors";
import { completeDraft, makeUser } from "../support/factories";

const refusal = async (p: Promise<unknown>) => {
  const e = await p.catch((x) => x);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
};

describe("filing and reviewing a story", () => {
  it("goes draft → submitted → returned with a note → resubmitted → approved, with audit and revisions", async () => {
    const author = await makeUser("CORRESPONDENT", "张晗");
    const editor = await makeUser("EDITOR", "刘明");
    const draft = completeDraft({ tags: [{ name: "梨树县", kind: "PLACE" }, { name: `新话题${Date.now()}`, kind: "TOPIC" }] });

    const created = await createStory(author, draft);
    expect(created).toMatchObject({ status: "DRAFT", version: 1 });
    const submitted = await changeStory(author, { action: "submit", storyId: created.id, baseVersion: 1 });
    expect(submitted).toMatchObject({ status: "SUBMITTED", version: 2 });

    const queue = await listDeskStories(editor, ["SUBMITTED"]);
    expect(queue.map((s) => s.id)).toContain(created.id);

    const returned = await changeStory(editor, { action: "return", storyId: created.id, baseVersion: 2, note: "请补充具体数字。" });
    expect(returned.status).toBe("RETURNED");
    const seenByAuthor = await getStoryForEdit(author, created.id);
    expect(seenByAuthor.notes).toMatchObject([{ kind: "RETURN", body: "请补充具体数字。", authorName: "刘明" }]);
    expect(seenByAuthor.actions).toEqual(["edit", "note", "submit"]);

    const fixed = { ...draft, body: [...draft.body, { type: "paragraph" as const, text: "全县已收获玉米86万亩。" }] };
    const resubmitted = await changeStory(author, { action: "submit", storyId: created.id, baseVersion: returned.version, content: fixed });
    const approved = await changeStory(editor, { action: "approve", storyId: created.id, baseVersion: resubmitted.version });
    expect(approved.status).toBe("APPROVED");

    const story = await db().story.findUniqueOrThrow({ where: { id: created.id }, include: { tags: true } });
    expect(story.charCount).toBe(fixed.body.reduce((n, b) => n + ("text" in b ? b.text.replace(/\s/g, "").length : 0), 0));
    expect(story.tags.map((t) => t.name).sort()).toEqual(draft.tags.map((t) => t.name).sort());

    const audit = await db().auditEvent.findMany({ where: { targetId: created.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["story.create", "story.submit", "story.return", "story.submit", "story.approve"]);
    expect(audit.every((a) => a.actorId === author.id || a.actorId === editor.id)).toBe(true);
    const revisions = await db().storyRevision.count({ where: { storyId: created.id } });
    expect(revisions).toBe(5);
  });

  it("a return without a note is refused and changes nothing", async () => {
    const author = await makeUser("CORRESPONDENT");
    const editor = await makeUser("EDITOR");
    const s = await createStory(author, completeDraft(), { submit: true });
    const e = await refusal(changeStory(editor, { action: "return", storyId: s.id, baseVersion: s.version, note: "  " }));
    expect(e.fieldErrors.note).toEqual(["请写明退回原因或修改意见"]);
    expect((await db().story.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("SUBMITTED");
  });

  it("an incomplete story cannot be submitted, and nothing is saved", async () => {
    const author = await makeUser("CORRESPONDENT");
    const e = await refusal(createStory(author, completeDraft({ headline: "" }), { submit: true }));
    expect(e.fieldErrors.headline).toEqual(["请填写主题（标题）"]);
    expect(await db().story.count({ where: { authorId: author.id } })).toBe(0);
  });
});

describe("nobody touches what is not theirs", () => {
  it("a correspondent cannot read, save or submit another correspondent's draft", async () => {
    const owner = await makeUser("CORRESPONDENT");
    const intruder = await makeUser("CORRESPONDENT");
    const s = await createStory(owner, completeDraft());
    expect((await refusal(getStoryForEdit(intruder, s.id))).code).toBe("not_found");
    expect((await refusal(changeStory(intruder, { action: "edit", storyId: s.id, baseVersion: 1, content: completeDraft({ headline: "篡改" }) }))).code).toBe("not_found");
    expect((await refusal(changeStory(intruder, { action: "submit", storyId: s.id, baseVersion: 1 }))).code).toBe("not_found");
    const row = await db().story.findUniqueOrThrow({ where: { id: s.id } });
    expect(row).toMatchObject({ status: "DRAFT", version: 1 });
    expect(await listMyStories(intruder)).toEqual([]);
    expect(await db().auditEvent.count({ where: { actorId: intruder.id } })).toBe(0);
  });

  it("a correspondent cannot approve, even their own submitted story", async () => {
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft(), { submit: true });
    const e = await refusal(changeStory(author, { action: "approve", storyId: s.id, baseVersion: s.version }));
    expect(e.code).toBe("forbidden");
    expect((await db().story.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("SUBMITTED");
  });

  it("a correspondent cannot open the desk queue", async () => {
    const c = await makeUser("CORRESPONDENT");
    expect((await refusal(listDeskStories(c, ["SUBMITTED"]))).code).toBe("forbidden");
  });

  it("the desk does not see unsubmitted drafts", async () => {
    const author = await makeUser("CORRESPONDENT");
    const editor = await makeUser("EDITOR");
    const s = await createStory(author, completeDraft());
    expect((await refusal(getStoryForEdit(editor, s.id))).code).toBe("not_found");
  });
});

describe("a stale save never overwrites", () => {
  it("of two saves from the same version exactly one wins, every time", async () => {
    const author = await makeUser("CORRESPONDENT");
    for (let trial = 0; trial < 30; trial++) {
      const s = await createStory(author, completeDraft());
      const results = await Promise.allSettled(
        ["甲稿", "乙稿"].map((h) => changeStory(author, { action: "edit", storyId: s.id, baseVersion: 1, content: completeDraft({ headline: h }) })),
      );
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(((lost[0] as PromiseRejectedResult).reason as DomainError).code).toBe("conflict");
      const row = await db().story.findUniqueOrThrow({ where: { id: s.id } });
      expect(row.version).toBe(2);
      const winner = results.findIndex((r) => r.status === "fulfilled");
      expect(row.headline).toBe(["甲稿", "乙稿"][winner]);
    }
  });

  it("a save based on an old version is refused", async () => {
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft());
    await changeStory(author, { action: "edit", storyId: s.id, baseVersion: 1, content: completeDraft({ headline: "第二版" }) });
    const e = await refusal(changeStory(author, { action: "edit", storyId: s.id, baseVersion: 1, content: completeDraft({ headline: "旧的" }) }));
    expect(e.code).toBe("conflict");
    expect((await db().story.findUniqueOrThrow({ where: { id: s.id } })).headline).toBe("第二版");
  });
});

describe("the audit log", () => {
  it("cannot be changed or deleted, even directly", async () => {
    const author = await makeUser("CORRESPONDENT");
    await createStory(author, completeDraft());
    const event = await db().auditEvent.findFirstOrThrow({ where: { actorId: author.id } });
    await expect(db().auditEvent.update({ where: { id: event.id }, data: { action: "forged" } })).rejects.toThrow();
    await expect(db().auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe("story.create");
  });
});
