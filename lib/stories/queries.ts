import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can, isEditorRole } from "@/lib/core/roles";
import { forbidden, notFound } from "@/lib/core/errors";
import { parseStoredBody } from "@/lib/stories/body";
import { storyAccess } from "@/lib/stories/access";
import { allowedActions, type StoryAction, type StoryStatus } from "@/lib/stories/workflow";
import type { StoryDraft, StoryKind, TagKind } from "@/lib/stories/schema";
import type { Prisma } from "@/lib/generated/prisma/client";
import { creditsOf, creditsSelect, storyContentSelect } from "@/lib/stories/content";
import { isRecordId } from "@/lib/core/ids";
import { creditedLine } from "@/lib/contributors/byline";
import { ranInPrint } from "@/lib/print-record/in-print";
import { reviewStateOf, type ReviewSheet } from "@/lib/stories/reviews";
import type { ReviewState } from "@/lib/stories/review-chain";

// Back-office reads. Each one is scoped in the query itself to what the asking user may see.

export type StoryListItem = {
  id: string;
  kind: StoryKind;
  status: StoryStatus;
  headline: string;
  kicker: string;
  /** The people credited (byline, else photographers): what the desk reads first. */
  credited: string;
  /** The account that filed it (提交). */
  authorName: string;
  charCount: number;
  updatedAt: Date;
  submittedAt: Date | null;
  tags: string[];
};

export const listSelect = {
  id: true,
  kind: true,
  status: true,
  headline: true,
  kicker: true,
  charCount: true,
  updatedAt: true,
  submittedAt: true,
  byline: true,
  contributors: creditsSelect,
  author: { select: { name: true } },
  tags: { select: { name: true }, orderBy: { name: "asc" } },
} satisfies Prisma.StorySelect;

export function toListItem(row: Prisma.StoryGetPayload<{ select: typeof listSelect }>): StoryListItem {
  const { byline, contributors, author, ...rest } = row;
  return { ...rest, credited: creditedLine(byline, contributors), authorName: author.name, tags: row.tags.map((t) => t.name) };
}

export async function listMyStories(actor: SessionUser): Promise<StoryListItem[]> {
  const rows = await db().story.findMany({
    where: { authorId: actor.id },
    select: listSelect,
    orderBy: { updatedAt: "desc" },
    take: 200,
  });
  return rows.map(toListItem);
}

export async function listDeskStories(actor: SessionUser, statuses: StoryStatus[]): Promise<StoryListItem[]> {
  if (!can(actor.role, "desk:review")) throw forbidden();
  const rows = await db().story.findMany({
    where: { status: { in: statuses.filter((s) => s !== "DRAFT") } },
    select: listSelect,
    orderBy: [{ submittedAt: "asc" }, { updatedAt: "desc" }],
    take: 200,
  });
  return rows.map(toListItem);
}

export type StoryNoteView = { id: string; kind: "COMMENT" | "RETURN"; body: string; authorName: string; createdAt: Date };

/** A story as its form opens it: the draft's fields (lib/stories/schema.ts) and what the desk needs around them. */
export type StoryForEdit = StoryDraft & {
  id: string;
  version: number;
  status: StoryStatus;
  charCount: number;
  author: { id: string; name: string };
  updatedAt: Date;
  notes: StoryNoteView[];
  actions: StoryAction[];
  placement: { issueDate: Date; pageNumber: number; pageName: string } | null;
  /** The review chain and its 审稿单, for the desk (none for a correspondent). */
  review: (ReviewState & { sheets: ReviewSheet[] }) | null;
};

export async function getStoryForEdit(actor: SessionUser, storyId: string): Promise<StoryForEdit> {
  if (!isRecordId(storyId)) throw notFound();
  const row = await db().story.findFirst({
    where: { AND: [{ id: storyId }, storyAccess.where(actor)] },
    select: {
      id: true,
      version: true,
      status: true,
      ...storyContentSelect,
      charCount: true,
      updatedAt: true,
      authorId: true,
      reviewedTo: true,
      author: { select: { id: true, name: true } },
      notes: { select: { id: true, kind: true, body: true, createdAt: true, author: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      placement: { select: { page: { select: { number: true, name: true, issue: { select: { date: true } } } } } },
    },
  });
  if (!row) throw notFound();
  // The 审稿单 are the desk's; a correspondent reads what comes back to them in the notes.
  const review = isEditorRole(actor.role) ? await reviewStateOf(db(), row) : null;
  return {
    ...row,
    review,
    contributors: creditsOf(row),
    body: parseStoredBody(row.body),
    notes: row.notes.map((n) => ({ id: n.id, kind: n.kind, body: n.body, createdAt: n.createdAt, authorName: n.author.name })),
    actions: allowedActions({ ...row, review: review ?? undefined }, actor),
    placement: row.placement
      ? { issueDate: row.placement.page.issue.date, pageNumber: row.placement.page.number, pageName: row.placement.page.name }
      : null,
  };
}

/**
 * Who saved the version a story is at: its revision, or for an autosave (which writes none) the
 * audit row that names the version. Takes a story already read through getStoryForEdit, so only
 * someone who may see it asks.
 */
export async function whoSaved(story: Pick<StoryForEdit, "id" | "version">): Promise<{ id: string; name: string } | null> {
  const actor = { select: { id: true, name: true } };
  const revision = await db().storyRevision.findFirst({ where: { storyId: story.id, version: story.version }, select: { actor } });
  if (revision) return revision.actor;
  const audit = await db().auditEvent.findFirst({
    where: { targetType: "story", targetId: story.id, action: { startsWith: "story." }, summary: { path: ["version"], equals: story.version } },
    orderBy: { at: "desc" },
    select: { actor },
  });
  return audit?.actor ?? null;
}

/** Tags to pick from: those on published copy, on the actor's own copy, unused ones, and for the desk all. */
export async function listTags(actor: SessionUser): Promise<{ name: string; kind: TagKind }[]> {
  const where = isEditorRole(actor.role)
    ? {}
    : { OR: [{ stories: { none: {} } }, { stories: { some: ranInPrint } }, { stories: { some: { authorId: actor.id } } }] };
  return db().tag.findMany({ where, select: { name: true, kind: true }, orderBy: [{ kind: "asc" }, { name: "asc" }] });
}
