import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import type { Role } from "@/lib/core/roles";
import { hashPassword } from "@/lib/auth/password";
import type { StoryDraft } from "@/lib/stories/schema";
import { changeStory, createStory } from "@/lib/desk/story-commands";
import { createIssue } from "@/lib/issues/mutations";
import { refreshPhotosRun } from "@/lib/photos/links";

// Each test makes the people and copy it needs, with unique names, so tests never collide.
// Without a password the account cannot sign in (its hash is not a real one).
export async function makeUser(role: Role, name = "测试用户", password?: string): Promise<SessionUser> {
  return db().user.create({
    data: {
      username: `u_${randomUUID().slice(0, 12)}`,
      name,
      role,
      passwordHash: password ? await hashPassword(password) : "not-a-real-hash",
      bylineTitle: "本报通讯员",
    },
    select: { id: true, username: true, name: true, role: true, affiliation: true, bylineTitle: true },
  });
}

export function completeDraft(overrides: Partial<StoryDraft> = {}): StoryDraft {
  return {
    kind: "NEWS_BRIEF",
    kicker: "深入田间地头",
    headline: `梨树县秋收进度过半 ${randomUUID().slice(0, 6)}`,
    subheadline: "",
    byline: "本报通讯员 测试",
    contributors: [],
    bylineEdited: false,
    dateline: "本报讯(通讯员 测试)",
    body: [
      { type: "paragraph", text: "近日，梨树县各乡镇抢抓晴好天气组织机械收获，秋收进度已经过半。" },
      { type: "subhead", text: "农机下田 抢收抢运" },
      { type: "paragraph", text: "全县投入收获机械两千余台，合作社替外出农户代收玉米。" },
    ],
    tags: [{ name: "梨树县", kind: "PLACE" }],
    ...overrides,
  };
}

export async function pngBytes(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } }).png().toBuffer();
}

/** The pages of an issue, in order, as commands name them. */
export async function pagesOf(issueId: string): Promise<{ id: string; number: number; name: string }[]> {
  return db().page.findMany({ where: { issueId }, orderBy: { number: "asc" }, select: { id: true, number: true, name: true } });
}

/** Puts an approved story at the end of a page, as the board does. */
export async function placeAtEnd(editor: SessionUser, storyId: string, pageId: string, size?: "BANNER" | "LEAD" | "DOUBLE" | "SINGLE") {
  const { pageAtNow, placeOnPage } = await import("@/lib/issues/commands");
  await placeOnPage(editor, { storyId, to: await pageAtNow(pageId), index: 999, size });
}

/** The items of a page in order: [headline or slot topic, is lead]. */
export async function orderOf(pageId: string): Promise<[string, boolean][]> {
  const rows = await db().placement.findMany({ where: { pageId }, orderBy: [{ isLead: "desc" }, { position: "asc" }], select: { isLead: true, slotTopic: true, story: { select: { headline: true } } } });
  return rows.map((r) => [r.story?.headline ?? r.slotTopic, r.isLead]);
}

/**
 * Makes an issue releasable the quick way: pages without copy are dropped and the rest signed
 * directly (signing is the page desk's own command, tested with it).
 */
export async function readyForRelease(issueId: string): Promise<void> {
  await db().page.deleteMany({ where: { issueId, placements: { none: { storyId: { not: null } } } } });
  await db().page.updateMany({ where: { issueId }, data: { status: "SIGNED", signedAt: new Date() } });
}

/**
 * An issue of `pages` pages carrying `stories` approved stories spread over them (page 1 first),
 * every page signed: ready for release. For tests and the release benchmark.
 */
export async function releasableIssue(editor: SessionUser, { date, pages = 4, stories = 4 }: { date: string; pages?: number; stories?: number }) {
  const author = await makeUser("CORRESPONDENT", "测试通讯员");
  const issue = await createIssue(editor, { date });
  const { addPageTo } = await import("@/lib/issues/commands");
  for (let n = 5; n <= pages; n++) await addPageTo(editor, issue.id, { number: String(n), name: `第${n}版` });
  await db().page.deleteMany({ where: { issueId: issue.id, number: { gt: pages } } });
  const pageIds = (await db().page.findMany({ where: { issueId: issue.id }, orderBy: { number: "asc" }, select: { id: true } })).map((p) => p.id);
  const storyIds: string[] = [];
  for (let i = 0; i < stories; i++) {
    const filed = await createStory(author, completeDraft(), { submit: true });
    await changeStory(editor, { action: "approve", storyId: filed.id, baseVersion: filed.version });
    await placeAtEnd(editor, filed.id, pageIds[i % pageIds.length]);
    storyIds.push(filed.id);
  }
  await readyForRelease(issue.id);
  return { issueId: issue.id, pageIds, storyIds, authorId: author.id };
}

/**
 * Takes an approved story (its 初审 passed) through 复审 and 终审, each by a person of its own, as
 * the desk does before a page can be signed (the chain itself is tested in review-chain.test.ts).
 */
export async function throughReview(storyId: string): Promise<void> {
  for (const [role, action] of [["DESK_HEAD", "secondReview"], ["CHIEF_EDITOR", "finalReview"]] as const) {
    const reviewer = await makeUser(role, role === "DESK_HEAD" ? "复审主任" : "终审总编");
    const { version } = await db().story.findUniqueOrThrow({ where: { id: storyId }, select: { version: true } });
    await changeStory(reviewer, { action, storyId, baseVersion: version });
  }
}

/**
 * Passes a page through the paper's proofreading rounds with nothing marked, as a 校对 would who
 * found nothing (三校 itself is tested in proofing.test.ts).
 */
export async function proofread(pageId: string): Promise<void> {
  const { openRound, closeRound, proofRoundsSetting } = await import("@/lib/proofing/rounds");
  const proofreader = await makeUser("PROOFREADER", "校对员");
  const done = await db().proofRound.count({ where: { pageId, closedAt: { not: null } } });
  for (let n = done; n < (await proofRoundsSetting()); n++) {
    const { roundId } = await openRound(proofreader, pageId);
    await closeRound(proofreader, roundId);
  }
}

/**
 * A story marked published without an issue's release, as a shortcut, with its photos' 已刊用 flag
 * set as a release sets it (a shortcut that skipped it would leave the flag stale for later tests).
 */
export async function publishDirectly(storyId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.story.update({ where: { id: storyId }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    await refreshPhotosRun(tx, [storyId]);
  });
}
