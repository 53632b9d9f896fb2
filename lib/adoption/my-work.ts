import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { issueDateToString, issueMonthDays } from "@/lib/core/dates";
import { hasRunInPrint } from "@/lib/print-record/in-print";
import type { StoryStatus } from "@/lib/stories/workflow";
import type { Adoption, RanPiece } from "@/lib/adoption/adoption-labels";

export type { Adoption, RanPiece };

// 我的稿件 as a correspondent reads it: where each piece stands in words they use (已收稿, 审稿中,
// 已采用 — 第N版, 未采用 with the desk's reason), and every piece that ran with their name on it, a
// shared byline too, read from the release records the moment the issue is out.

const STATE_OF: Record<StoryStatus, Adoption["state"]> = {
  DRAFT: "DRAFT",
  SUBMITTED: "RECEIVED",
  IN_EDIT: "IN_REVIEW",
  APPROVED: "IN_REVIEW",
  PLACED: "IN_REVIEW",
  RETURNED: "RETURNED",
  PUBLISHED: "USED",
  WITHDRAWN: "USED",
  SPIKED: "NOT_USED",
};

/** The actor's own contributor record (the person their credits name), if they have one. */
export async function contributorOf(actor: SessionUser): Promise<string | null> {
  const row = await db().contributor.findUnique({ where: { userId: actor.id }, select: { id: true } });
  return row?.id ?? null;
}

/** The pieces that ran crediting `actor` (or that they filed) since `from`, newest first. */
export async function myRanPieces(actor: SessionUser, from: Date): Promise<RanPiece[]> {
  const contributorId = await contributorOf(actor);
  const records = await db().printRecord.findMany({
    where: {
      event: "RELEASED",
      issueDate: { gte: from },
      OR: [{ story: { authorId: actor.id } }, ...(contributorId ? [{ credits: { some: { contributorId } } }] : [])],
    },
    orderBy: [{ issueDate: "desc" }, { pageNumber: "asc" }, { position: "asc" }],
    take: 500,
    select: { storyId: true, issueDate: true, pageNumber: true, pageName: true, headline: true, characters: true, isLead: true, credits: { orderBy: { position: "asc" }, select: { contributorId: true, name: true } } },
  });
  return records.map((r) => ({
    storyId: r.storyId,
    issueDate: issueDateToString(r.issueDate),
    pageNumber: r.pageNumber,
    pageName: r.pageName,
    headline: r.headline,
    characters: r.characters,
    isLead: r.isLead,
    sharedWith: [...new Set(r.credits.filter((c) => c.contributorId !== contributorId).map((c) => c.name))],
  }));
}

/** Where each of these stories (the actor's own) stands, by id. */
export async function adoptionOf(actor: SessionUser, storyIds: string[]): Promise<Map<string, Adoption>> {
  const stories = await db().story.findMany({
    where: { id: { in: storyIds }, authorId: actor.id },
    select: {
      id: true,
      status: true,
      publishedAt: true,
      printRecords: { where: { event: "RELEASED" }, orderBy: { recordedAt: "desc" }, take: 1, select: { issueDate: true, pageNumber: true, pageName: true, headline: true, characters: true, isLead: true } },
      reviews: { where: { decision: "REJECT" }, orderBy: { createdAt: "desc" }, take: 1, select: { opinion: true } },
    },
  });
  const out = new Map<string, Adoption>();
  for (const s of stories) {
    const state = STATE_OF[s.status];
    const ran = s.printRecords[0];
    if (state === "USED" && hasRunInPrint(s) && ran) {
      out.set(s.id, { state, ran: { storyId: s.id, ...ran, issueDate: issueDateToString(ran.issueDate), sharedWith: [] } });
    } else if (state === "NOT_USED" || state === "USED") {
      out.set(s.id, { state: "NOT_USED", reason: s.reviews[0]?.opinion ?? "" });
    } else out.set(s.id, { state });
  }
  return out;
}

/** How many of the actor's pieces ran this month and this year, and their printed characters. */
export function adoptionTotals(pieces: RanPiece[], month: string): { month: { pieces: number; characters: number }; year: { pieces: number; characters: number } } {
  const monthStart = issueDateToString(issueMonthDays(month).gte);
  const yearStart = `${month.slice(0, 4)}-01-01`;
  const sum = (list: RanPiece[]) => ({ pieces: list.length, characters: list.reduce((s, p) => s + p.characters, 0) });
  return { month: sum(pieces.filter((p) => p.issueDate >= monthStart)), year: sum(pieces.filter((p) => p.issueDate >= yearStart)) };
}
