import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { changeStory, createStory } from "@/lib/desk/story-commands";
import { getStoryForEdit, whoSaved } from "@/lib/stories/queries";
import { markRead, unreadCount } from "@/lib/inbox/queries";
import { completeDraft, makeUser } from "../support/factories";

describe("what the story form is told", () => {
  it("who saved the version a story is at, autosaves included", async () => {
    const author = await makeUser("CORRESPONDENT", "张晗");
    const editor = await makeUser("EDITOR", "刘明");
    const s = await createStory(author, completeDraft());
    expect(await whoSaved(await getStoryForEdit(author, s.id))).toEqual({ id: author.id, name: "张晗" });

    const saved = await changeStory(author, { action: "edit", storyId: s.id, baseVersion: s.version, content: completeDraft({ headline: "自动保存的标题" }), autosave: true });
    expect(await whoSaved(await getStoryForEdit(author, s.id))).toEqual({ id: author.id, name: "张晗" });

    const submitted = await changeStory(author, { action: "submit", storyId: s.id, baseVersion: saved.version });
    await changeStory(editor, { action: "approve", storyId: s.id, baseVersion: submitted.version, content: completeDraft({ headline: "编辑改过的标题" }) });
    expect(await whoSaved(await getStoryForEdit(author, s.id))).toEqual({ id: editor.id, name: "刘明" });
  });

  it("marking shown entries read touches only those, and only the recipient's own", async () => {
    const author = await makeUser("CORRESPONDENT");
    const other = await makeUser("CORRESPONDENT");
    const [shown, later, someoneElses] = await Promise.all(
      [author, author, other].map((u, i) => db().notification.create({ data: { recipientId: u.id, kind: "NOTED", message: `第${i + 1}条` } })),
    );
    expect(await markRead(author, { ids: [shown.id, someoneElses.id] })).toBe(1);
    expect(await unreadCount(author)).toBe(1);
    expect((await db().notification.findUniqueOrThrow({ where: { id: later.id } })).readAt).toBeNull();
    expect((await db().notification.findUniqueOrThrow({ where: { id: someoneElses.id } })).readAt).toBeNull();
  });
});
