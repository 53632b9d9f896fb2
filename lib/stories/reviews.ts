import "server-only";
import { db, type Tx } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/core/session";
import { isEditorRole } from "@/lib/core/roles";
import { isRecordId } from "@/lib/core/ids";
import { storyAccess } from "@/lib/stories/access";
import { chainAfter, DEFAULT_CHAIN, type ReviewDecision, type ReviewState, type ReviewStep } from "@/lib/stories/review-chain";

// The review chain's records (审稿单) and what they add up to, read and written in the transaction
// of the change they belong to. The rules are in lib/stories/review-chain.ts.

type Client = Tx | ReturnType<typeof db>;

/** Copy that has not passed 终审 (every chain ends in it), read or never reviewed at all. */
export const lacksFinalReview = { OR: [{ reviewedTo: null }, { reviewedTo: { not: "FINAL" } }] } as const satisfies Prisma.StoryWhereInput;

/** The chain the paper runs (set under 报社设置; 三审 until an administrator sets it). */
export async function paperChain(client: Client = db()): Promise<readonly ReviewStep[]> {
  const row = await client.paperProfile.findUnique({ where: { id: "paper" }, select: { reviewSteps: true } });
  return row?.reviewSteps?.length ? row.reviewSteps : DEFAULT_CHAIN;
}

const sheetSelect = {
  id: true,
  step: true,
  decision: true,
  backTo: true,
  opinion: true,
  version: true,
  createdAt: true,
  reviewer: { select: { id: true, name: true } },
} as const;

/** A story's 审稿单, oldest first. */
export async function reviewSheets(client: Client, storyId: string) {
  return client.reviewRecord.findMany({ where: { storyId }, select: sheetSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
export type ReviewSheet = Awaited<ReturnType<typeof reviewSheets>>[number];

/** Everything a review decision on this story is judged on. */
export async function reviewStateOf(client: Client, story: { id: string; authorId: string; reviewedTo: ReviewStep | null }): Promise<ReviewState & { sheets: ReviewSheet[] }> {
  const chain = await paperChain(client);
  const sheets = await reviewSheets(client, story.id);
  const creditedIds = [story.authorId, ...(await creditedUserIds(client, story.id)), ...(await everCreditedUserIds(client, story.id))];
  // Where the chain stands is the story's own column (copy approved before the chain existed
  // stands at 初审 with no sheet); who passed each step is read from the sheets.
  return { chain, reviewedTo: story.reviewedTo, passedBy: chainAfter(sheets).passedBy, creditedIds, sheets };
}

/** The accounts credited on the story now. */
export async function creditedUserIds(client: Client, storyId: string): Promise<string[]> {
  const rows = await client.storyContributor.findMany({ where: { storyId, contributor: { userId: { not: null } } }, select: { contributor: { select: { userId: true } } } });
  return rows.flatMap((r) => (r.contributor.userId ? [r.contributor.userId] : []));
}

/**
 * The accounts credited in any saved revision: taking one's name off the piece does not make it
 * someone else's to review. A credit names its contributor, or for older copy only a name.
 */
async function everCreditedUserIds(client: Client, storyId: string): Promise<string[]> {
  const rows = await client.$queryRaw<{ userId: string }[]>`
    SELECT DISTINCT c."userId" FROM "StoryRevision" r
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(r.content->'contributors') = 'array' THEN r.content->'contributors' ELSE '[]'::jsonb END) e
    JOIN "Contributor" c ON c.id = e->>'contributorId' OR (e->>'contributorId' IS NULL AND c.name = e->>'name')
    WHERE r."storyId" = ${storyId} AND c."userId" IS NOT NULL`;
  return rows.map((r) => r.userId);
}

/** Writes one 审稿单 and moves the story's place in the chain with it. */
export async function writeReviewSheet(
  tx: Tx,
  sheet: { storyId: string; step: ReviewStep; decision: ReviewDecision; backTo: ReviewStep | null; opinion: string; version: number; reviewerId: string; reviewedTo: ReviewStep | null },
): Promise<void> {
  const { reviewedTo, ...record } = sheet;
  const created = await tx.reviewRecord.create({ data: record, select: { createdAt: true } });
  await tx.story.update({ where: { id: sheet.storyId }, data: { reviewedTo, reviewMovedAt: created.createdAt } });
}

/**
 * The revision each 审稿单 read, where the copy has changed since, and the story's newest, so a later
 * step can see what changed since an earlier one read it. Takes sheets already read for someone who may see them.
 */
export async function sheetRevisions(storyId: string, sheets: readonly { version: number }[]): Promise<{ byVersion: Map<number, string>; newest: { id: string; version: number } | null }> {
  const [read, newest] = await Promise.all([
    db().storyRevision.findMany({ where: { storyId, version: { in: sheets.map((s) => s.version) } }, select: { id: true, version: true, content: true } }),
    db().storyRevision.findFirst({ where: { storyId }, orderBy: [{ version: "desc" }, { createdAt: "desc" }], select: { id: true, version: true, content: true } }),
  ]);
  // Only a sheet whose text differs from the newest has changes to show (a later pass alone moves the version on).
  const changed = read.filter((r) => newest && JSON.stringify(r.content) !== JSON.stringify(newest.content));
  return { byVersion: new Map(changed.map((r) => [r.version, r.id])), newest: newest && { id: newest.id, version: newest.version } };
}

/** A story's chain and 审稿单 with their revisions, for the desk (null for anyone else or a story they may not see). */
export async function reviewOf(actor: SessionUser, storyId: string) {
  if (!isEditorRole(actor.role) || !isRecordId(storyId)) return null;
  const story = await db().story.findFirst({ where: { AND: [{ id: storyId }, storyAccess.where(actor)] }, select: { id: true, authorId: true, reviewedTo: true } });
  if (!story) return null;
  const review = await reviewStateOf(db(), story);
  return { review, revisions: await sheetRevisions(story.id, review.sheets) };
}
