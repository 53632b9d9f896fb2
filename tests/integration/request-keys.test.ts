import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { addNote, changeStory, createStory } from "@/lib/desk/story-commands";
import { completeDraft, makeUser } from "../support/factories";
import { refusal } from "../support/refusal";

// A save or note whose answer was lost is sent again with the key of its first attempt: it gets
// the first attempt's answer and changes nothing more. Keys are kept in Postgres, per user.

const newKey = () => randomBytes(16).toString("hex");

async function storyRow(id: string) {
  const story = await db().story.findUniqueOrThrow({ where: { id }, select: { version: true, headline: true, status: true } });
  const revisions = await db().storyRevision.count({ where: { storyId: id } });
  const audit = await db().auditEvent.count({ where: { targetId: id } });
  return { ...story, revisions, audit };
}

describe("a save sent again with its key", () => {
  it("gets the version the first attempt saved, not a stale refusal, and is applied once", async () => {
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft());
    const key = newKey();
    const save = { action: "edit" as const, storyId: s.id, baseVersion: s.version, content: completeDraft({ headline: "改过一次的标题" }), requestKey: key };

    const first = await changeStory(author, save);
    const after = await storyRow(s.id);
    const again = await changeStory(author, save);

    expect(again).toEqual(first);
    expect(first.version).toBe(s.version + 1);
    expect(await storyRow(s.id)).toEqual(after);
    // Without the key, the same request is the stale save it always was.
    expect((await refusal(changeStory(author, { ...save, requestKey: undefined }))).code).toBe("conflict");
  });

  it("a submit sent again answers as the submit did, and the desk hears of it once", async () => {
    const author = await makeUser("CORRESPONDENT");
    await makeUser("EDITOR");
    const s = await createStory(author, completeDraft());
    const submit = { action: "submit" as const, storyId: s.id, baseVersion: s.version, content: completeDraft(), requestKey: newKey() };
    const first = await changeStory(author, submit);
    const told = await db().notification.count({ where: { storyId: s.id } });
    expect(await changeStory(author, submit)).toEqual(first);
    expect(first.status).toBe("SUBMITTED");
    expect(await db().notification.count({ where: { storyId: s.id } })).toBe(told);
  });

  it("a new story filed again with its key is the same story", async () => {
    const author = await makeUser("CORRESPONDENT");
    const draft = completeDraft();
    const key = newKey();
    const first = await createStory(author, draft, { requestKey: key });
    expect(await createStory(author, draft, { requestKey: key })).toEqual(first);
    expect(await db().story.count({ where: { authorId: author.id, headline: draft.headline } })).toBe(1);
  });

  it("refuses a key sent again with other content, and changes nothing", async () => {
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft());
    const key = newKey();
    await changeStory(author, { action: "edit", storyId: s.id, baseVersion: s.version, content: completeDraft({ headline: "第一次的标题" }), requestKey: key });
    const before = await storyRow(s.id);
    const refused = await refusal(
      changeStory(author, { action: "edit", storyId: s.id, baseVersion: s.version + 1, content: completeDraft({ headline: "另一份内容" }), requestKey: key }),
    );
    expect(refused.code).toBe("invalid");
    expect(refused.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await storyRow(s.id)).toEqual(before);
  });

  it("keeps no key for a refused attempt: its retry is judged anew", async () => {
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft());
    const key = newKey();
    const save = { action: "submit" as const, storyId: s.id, baseVersion: s.version, content: completeDraft({ headline: "" }), requestKey: key };
    expect((await refusal(changeStory(author, save))).code).toBe("invalid");
    expect(await db().idempotencyKey.count({ where: { userId: author.id, key } })).toBe(0);
    const saved = await changeStory(author, { ...save, content: completeDraft(), requestKey: newKey() });
    expect(saved.status).toBe("SUBMITTED");
  });

  it("keys are per user: another person's request with the same key is their own", async () => {
    const one = await makeUser("CORRESPONDENT");
    const other = await makeUser("CORRESPONDENT");
    const key = newKey();
    const a = await createStory(one, completeDraft(), { requestKey: key });
    const b = await createStory(other, completeDraft(), { requestKey: key });
    expect(b.id).not.toBe(a.id);
    expect(await db().idempotencyKey.count({ where: { key } })).toBe(2);
  });

  it("two attempts with one key at the same moment: one is applied, both get its answer", async () => {
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft());
    const save = { action: "edit" as const, storyId: s.id, baseVersion: s.version, content: completeDraft({ headline: "同时送达两次" }), requestKey: newKey() };
    const [a, b] = await Promise.all([changeStory(author, save), changeStory(author, save)]);
    expect(b).toEqual(a);
    expect((await storyRow(s.id)).version).toBe(s.version + 1);
  });

  it("refuses a key that is not one a browser makes", async () => {
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft());
    const refused = await refusal(changeStory(author, { action: "edit", storyId: s.id, baseVersion: s.version, content: completeDraft(), requestKey: "短" }));
    expect(refused.code).toBe("invalid");
    expect((await storyRow(s.id)).version).toBe(s.version);
  });

  it("forgets keys older than a day", async () => {
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft());
    const old = newKey();
    await db().idempotencyKey.create({ data: { userId: author.id, key: old, fingerprint: "x", answer: {}, createdAt: new Date(Date.now() - 25 * 3600_000) } });
    await changeStory(author, { action: "edit", storyId: s.id, baseVersion: s.version, content: completeDraft(), requestKey: newKey() });
    expect(await db().idempotencyKey.count({ where: { userId: author.id, key: old } })).toBe(0);
  });
});

describe("a note sent again with its key", () => {
  it("is stored once, and the retry is answered as the first", async () => {
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft(), { submit: true });
    const key = newKey();
    const first = await addNote(author, s.id, "图片说明里的时间已经改正。", key);
    expect(await addNote(author, s.id, "图片说明里的时间已经改正。", key)).toEqual(first);
    expect(await db().storyNote.count({ where: { storyId: s.id } })).toBe(1);
    // The same words as a new note (a new key) are a second note, as the person meant.
    await addNote(author, s.id, "图片说明里的时间已经改正。", newKey());
    expect(await db().storyNote.count({ where: { storyId: s.id } })).toBe(2);
  });

  it("refuses the key with other words, and stores nothing", async () => {
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft(), { submit: true });
    const key = newKey();
    await addNote(author, s.id, "第一条留言。", key);
    expect((await refusal(addNote(author, s.id, "另一条留言。", key))).code).toBe("invalid");
    expect(await db().storyNote.count({ where: { storyId: s.id } })).toBe(1);
  });
});
