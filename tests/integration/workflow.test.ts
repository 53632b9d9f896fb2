import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { addNote, changeStory, correctStory, createStory, restoreRevision, withdrawStory } from "@/lib/desk/story-commands";
import { acquireLock, renewLock, takeOverLock } from "@/lib/stories/locks";
import { LOCK_TTL_MS } from "@/lib/stories/lock-rules";
import { createIssue } from "@/lib/issues/mutations";
import { releaseNow } from "@/lib/issues/release";
import { listDeskPage } from "@/lib/stories/desk-list";
import { listRevisions, compareRevisions } from "@/lib/stories/history";
import { listAuditEvents } from "@/lib/audit/log";
import { unreadCount, markRead } from "@/lib/inbox/queries";
import { DomainError } from "@/lib/core/errors";
import { completeDraft, makeUser, pagesOf, placeAtEnd, readyForRelease } from "../support/factories";

const refusal = async (p: Promise<unknown>) => {
  const e = await p.catch((x) => x);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
};
const inbox = (userId: string) => db().notification.findMany({ where: { recipientId: userId }, orderBy: { createdAt: "asc" }, select: { kind: true, message: true } });

describe("edit locks", () => {
  it("opening submitted copy claims it; a second editor reads but cannot save; a take-over tells the first", async () => {
    const author = await makeUser("CORRESPONDENT");
    const first = await makeUser("EDITOR", "刘明");
    const second = await makeUser("EDITOR", "陈静");
    const s = await createStory(author, completeDraft(), { submit: true });

    const mine = await acquireLock(first, s.id);
    expect(mine).toMatchObject({ held: true, version: 2 });
    expect((await db().story.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("IN_EDIT");

    const theirs = await acquireLock(second, s.id);
    expect(theirs).toMatchObject({ held: false, holder: { id: first.id, name: "刘明" } });
    const blocked = await refusal(changeStory(second, { action: "edit", storyId: s.id, baseVersion: 2, content: completeDraft({ headline: "陈静的改动" }) }));
    expect(blocked.code).toBe("locked");
    expect(blocked.message).toMatch(/此稿正由刘明编辑/);

    const taken = await takeOverLock(second, s.id);
    expect(taken).toMatchObject({ held: true, version: 3 });
    expect(await db().storyRevision.count({ where: { storyId: s.id, action: "takeover" } })).toBe(1);
    expect(await renewLock(first, s.id)).toMatchObject({ held: false, holder: { name: "陈静" } });
    expect((await inbox(first.id)).filter((n) => n.kind === "LOCK_TAKEN")).toEqual([{ kind: "LOCK_TAKEN", message: "陈静 接管了稿件的编辑" }]);
    const late = await refusal(changeStory(first, { action: "edit", storyId: s.id, baseVersion: 3, content: completeDraft({ headline: "刘明的改动" }) }));
    expect(late.message).toMatch(/此稿正由陈静编辑/);
    const saved = await changeStory(second, { action: "edit", storyId: s.id, baseVersion: taken.version, content: completeDraft({ headline: "陈静的改动" }) });
    expect(saved.version).toBe(4);
  });

  it("a lock lapses after a period without heartbeats", async () => {
    const author = await makeUser("CORRESPONDENT");
    const first = await makeUser("EDITOR");
    const second = await makeUser("EDITOR");
    const s = await createStory(author, completeDraft(), { submit: true });
    await acquireLock(first, s.id);
    await db().story.update({ where: { id: s.id }, data: { lockRenewedAt: new Date(Date.now() - LOCK_TTL_MS - 1000) } });
    expect(await acquireLock(second, s.id)).toMatchObject({ held: true });
    expect(await renewLock(first, s.id)).toMatchObject({ held: false });
  });

  it("handing the story on releases the lock; a correspondent cannot take a lock over", async () => {
    const author = await makeUser("CORRESPONDENT");
    const editor = await makeUser("EDITOR");
    const s = await createStory(author, completeDraft());
    expect((await db().story.findUniqueOrThrow({ where: { id: s.id } })).lockedById).toBe(author.id);
    const submitted = await changeStory(author, { action: "submit", storyId: s.id, baseVersion: s.version });
    expect((await db().story.findUniqueOrThrow({ where: { id: s.id } })).lockedById).toBeNull();
    expect((await refusal(takeOverLock(author, s.id))).code).toBe("forbidden");
    expect(await acquireLock(editor, s.id)).toMatchObject({ held: true, version: submitted.version + 1 });
  });
});

describe("inbox, notes, corrections and withdrawal", () => {
  it("tells the desk of submissions and the author of every decision", async () => {
    const author = await makeUser("CORRESPONDENT", "张晗");
    const editor = await makeUser("EDITOR", "刘明");
    const chief = await makeUser("CHIEF_EDITOR", "孙正");
    const before = await unreadCount(editor);
    const s = await createStory(author, completeDraft({ headline: "铁西区新建两所幼儿园" }), { submit: true });
    expect(await unreadCount(editor)).toBe(before + 1);

    const returned = await changeStory(editor, { action: "return", storyId: s.id, baseVersion: s.version, note: "请核实开园时间。" });
    await addNote(author, s.id, "已核实，十二月一日开园。");
    const resubmitted = await changeStory(author, { action: "submit", storyId: s.id, baseVersion: returned.version });
    const approved = await changeStory(editor, { action: "approve", storyId: s.id, baseVersion: resubmitted.version });
    const issue = await createIssue(editor, { date: "2031-03-01" });
    await placeAtEnd(editor, s.id, (await pagesOf(issue.id))[0].id);
    await readyForRelease(issue.id);
    await releaseNow(chief, issue.id);
    const published = await db().story.findUniqueOrThrow({ where: { id: s.id } });
    await correctStory(editor, s.id, published.version, "文中开园日期应为十二月二日。");
    await withdrawStory(chief, s.id, published.version + 1, "涉及信息有误，撤回核实。");

    expect((await inbox(author.id)).map((n) => n.kind)).toEqual(["RETURNED", "APPROVED", "PUBLISHED", "CORRECTED", "WITHDRAWN"]);
    expect((await inbox(author.id))[0].message).toBe("刘明退回了《铁西区新建两所幼儿园》：请核实开园时间。");
    const editorKinds = (await db().notification.findMany({ where: { recipientId: editor.id, storyId: s.id }, orderBy: { createdAt: "asc" } })).map((n) => n.kind);
    expect(editorKinds).toEqual(["SUBMITTED", "NOTED", "RESUBMITTED"]);
    expect(await db().correction.count({ where: { storyId: s.id } })).toBe(1);
    expect((await db().story.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("WITHDRAWN");

    expect(await markRead(author)).toBe(5);
    expect(await unreadCount(author)).toBe(0);
  });

  it("only the chief editor withdraws, and a correction needs text", async () => {
    const editor = await makeUser("EDITOR");
    const chief = await makeUser("CHIEF_EDITOR");
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft(), { submit: true });
    const a = await changeStory(editor, { action: "approve", storyId: s.id, baseVersion: s.version });
    const issue = await createIssue(editor, { date: "2031-03-02" });
    await placeAtEnd(editor, s.id, (await pagesOf(issue.id))[0].id);
    await readyForRelease(issue.id);
    await releaseNow(chief, issue.id);
    const v = (await db().story.findUniqueOrThrow({ where: { id: s.id } })).version;
    expect(a.version).toBeLessThan(v);
    expect((await refusal(withdrawStory(editor, s.id, v, "编辑不能撤稿"))).code).toBe("forbidden");
    expect((await refusal(correctStory(editor, s.id, v, ""))).fieldErrors.note).toBeDefined();
    expect((await refusal(correctStory(author, s.id, v, "作者不能发更正"))).code).toBe("forbidden");
    expect(await db().correction.count({ where: { storyId: s.id } })).toBe(0);
  });

  it("a correspondent cannot leave notes on someone else's story", async () => {
    const owner = await makeUser("CORRESPONDENT");
    const other = await makeUser("CORRESPONDENT");
    const s = await createStory(owner, completeDraft(), { submit: true });
    expect((await refusal(addNote(other, s.id, "插一句"))).code).toBe("not_found");
    expect(await db().storyNote.count({ where: { storyId: s.id } })).toBe(0);
  });
});

describe("revisions", () => {
  it("lists every explicit step, compares any two by character and restores one as a new revision", async () => {
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft({ headline: "第一稿标题" }));
    const v2 = await changeStory(author, { action: "edit", storyId: s.id, baseVersion: 1, content: completeDraft({ headline: "第二稿标题" }) });
    const v3 = await changeStory(author, { action: "edit", storyId: s.id, baseVersion: v2.version, content: completeDraft({ headline: "第三稿" }), autosave: true });
    const { revisions } = await listRevisions(author, s.id);
    expect(revisions.map((r) => r.action)).toEqual(["edit", "create"]); // the autosave is not a revision
    const parts = await compareRevisions(author, s.id, revisions[1].id, revisions[0].id);
    expect(parts.filter((p) => p.op === "delete").map((p) => p.text).join("")).toBe("一");
    expect(parts.filter((p) => p.op === "insert").map((p) => p.text).join("")).toBe("二");

    const restored = await restoreRevision(author, s.id, revisions[1].id, v3.version);
    expect((await db().story.findUniqueOrThrow({ where: { id: s.id } })).headline).toBe("第一稿标题");
    const after = await listRevisions(author, s.id);
    expect(after.revisions[0]).toMatchObject({ action: "revert", version: restored.version });
    expect(after.revisions).toHaveLength(3);
  });

  it("nobody else can read a draft's history", async () => {
    const author = await makeUser("CORRESPONDENT");
    const editor = await makeUser("EDITOR");
    const s = await createStory(author, completeDraft());
    expect((await refusal(listRevisions(editor, s.id))).code).toBe("not_found");
  });
});

describe("the desk's story list", () => {
  it("filters by state, kind, tag and author, and pages without gaps or repeats", async () => {
    const editor = await makeUser("EDITOR");
    const author = await makeUser("CORRESPONDENT");
    const tag = `筛选${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const s = await createStory(author, completeDraft({ kind: i % 2 ? "FEATURE" : "NEWS_BRIEF", tags: [{ name: tag, kind: "TOPIC" }] }), { submit: true });
      ids.push(s.id);
    }
    await createStory(author, completeDraft({ tags: [{ name: tag, kind: "TOPIC" }] })); // a draft: not on the desk
    const all = await listDeskPage(editor, { tag, author: author.id });
    expect(all.items.map((s) => s.id).sort()).toEqual([...ids].sort());
    const features = await listDeskPage(editor, { tag, kind: "FEATURE" });
    expect(features.items).toHaveLength(3);
    expect((await listDeskPage(editor, { tag, status: "APPROVED" })).items).toHaveLength(0);

    // Two stories share one timestamp, so the id must break the tie across a page boundary.
    await db().story.updateMany({ where: { id: { in: ids.slice(2, 4) } }, data: { updatedAt: new Date("2030-06-01T00:00:00Z") } });
    const expected = (await db().story.findMany({ where: { id: { in: ids } }, orderBy: [{ updatedAt: "asc" }, { id: "asc" }], select: { id: true } })).map((s) => s.id);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listDeskPage(editor, { tag, sort: "updated_asc", after }, 3);
      seen.push(...page.items.map((s) => s.id));
      after = page.nextCursor ?? undefined;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
    expect((await refusal(listDeskPage(author, {}))).code).toBe("forbidden");
  });
});

describe("the audit log", () => {
  it("is for administrators, filtered by person and action", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const author = await makeUser("CORRESPONDENT");
    const s = await createStory(author, completeDraft(), { submit: true });
    await changeStory(editor, { action: "approve", storyId: s.id, baseVersion: s.version });
    const { events } = await listAuditEvents(admin, { actor: editor.id });
    expect(events.map((e) => e.action)).toEqual(["story.approve"]);
    expect((await listAuditEvents(admin, { target: s.id, action: "story." })).events.map((e) => e.action)).toEqual(["story.approve", "story.create_and_submit"]);
    expect((await refusal(listAuditEvents(editor, {}))).code).toBe("forbidden");
  });
});

describe("two editors opening one story at the same moment", () => {
  it("gives the lock to exactly one of them and claims the story once", async () => {
    const author = await makeUser("CORRESPONDENT");
    for (let trial = 0; trial < 5; trial++) {
      const a = await makeUser("EDITOR");
      const b = await makeUser("EDITOR");
      const s = await createStory(author, completeDraft(), { submit: true });
      const [x, y] = await Promise.all([acquireLock(a, s.id), acquireLock(b, s.id)]);
      expect([x.held, y.held].filter(Boolean)).toHaveLength(1);
      expect(await db().auditEvent.count({ where: { targetId: s.id, action: "story.claim" } })).toBe(1);
      expect((await db().story.findUniqueOrThrow({ where: { id: s.id } })).version).toBe(2);
    }
  });
});

describe("account administration", () => {
  it("an admin changes a role, resets a password and disables an account, ending its sessions", async () => {
    const { updateUser } = await import("@/lib/users/mutations");
    const { verifyPassword } = await import("@/lib/auth/password");
    const admin = await makeUser("ADMIN");
    const target = await makeUser("CORRESPONDENT");
    await db().userSession.create({ data: { userId: target.id, expiresAt: new Date(Date.now() + 3600_000) } });

    await updateUser(admin, { userId: target.id, role: "EDITOR" });
    expect(await db().userSession.count({ where: { userId: target.id, revokedAt: null } })).toBe(0);
    await updateUser(admin, { userId: target.id, password: "a-new-password-2026" });
    const row = await db().user.findUniqueOrThrow({ where: { id: target.id }, omit: { passwordHash: false } });
    expect(row.role).toBe("EDITOR");
    expect(await verifyPassword(row.passwordHash, "a-new-password-2026")).toBe(true);
    await updateUser(admin, { userId: target.id, active: false });
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).active).toBe(false);
    expect(await db().auditEvent.count({ where: { targetId: target.id, action: "user.update" } })).toBe(3);
  });

  it("refuses non-admins, short passwords and locking oneself out", async () => {
    const { updateUser } = await import("@/lib/users/mutations");
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    expect((await refusal(updateUser(editor, { userId: admin.id, active: false }))).code).toBe("forbidden");
    expect((await refusal(updateUser(admin, { userId: editor.id, password: "short" }))).message).toBe("密码至少 10 个字符");
    expect((await refusal(updateUser(admin, { userId: admin.id, active: false }))).code).toBe("invalid");
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
  });
});

describe("desk keyword search", () => {
  it("finds a story by a Chinese word in its text", async () => {
    const editor = await makeUser("EDITOR");
    const author = await makeUser("CORRESPONDENT");
    const word = `蓝莓${Date.now() % 100000}`;
    const s = await createStory(author, completeDraft({ body: [{ type: "paragraph", text: `今年${word}种植面积扩大到三千亩。` }] }), { submit: true });
    expect((await listDeskPage(editor, { q: word })).items.map((x) => x.id)).toEqual([s.id]);
  });
});
