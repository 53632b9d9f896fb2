import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { isRecordId } from "@/lib/core/ids";
import { issueDateToString } from "@/lib/core/dates";

// A reporter's assignments (约稿): the planned slots the desk gave them, on pages not yet released.

export type Assignment = {
  slotId: string;
  topic: string;
  targetLength: number | null;
  deadline: string | null;
  page: { number: number; name: string };
  issue: { date: string; number: number };
  plannedBy: string | null;
  /** The story written for it, once there is one. */
  filed: { id: string; headline: string; status: string } | null;
};

const assignmentSelect = {
  id: true,
  slotTopic: true,
  targetLength: true,
  deadline: true,
  filed: { select: { id: true, headline: true, status: true } },
  page: { select: { number: true, name: true, issue: { select: { date: true, number: true } } } },
} as const;

type Row = { id: string; slotTopic: string; targetLength: number | null; deadline: Date | null; filed: Assignment["filed"]; page: { number: number; name: string; issue: { date: Date; number: number } } };

function toAssignment(row: Row, plannedBy: string | null = null): Assignment {
  return {
    slotId: row.id,
    topic: row.slotTopic,
    targetLength: row.targetLength,
    deadline: row.deadline?.toISOString() ?? null,
    page: { number: row.page.number, name: row.page.name },
    issue: { date: issueDateToString(row.page.issue.date), number: row.page.issue.number },
    plannedBy,
    filed: row.filed,
  };
}

/** The open slots assigned to this person, soonest deadline first. */
export async function myAssignments(actor: SessionUser): Promise<Assignment[]> {
  const rows = await db().placement.findMany({
    where: { assigneeId: actor.id, storyId: null, page: { issue: { status: { not: "PUBLISHED" } } } },
    orderBy: [{ deadline: "asc" }, { id: "asc" }],
    select: assignmentSelect,
  });
  return rows.map((r) => toAssignment(r));
}

/** One open slot of this person's, to write for; null when it is not theirs or already has copy. */
export async function assignmentToWrite(actor: SessionUser, slotId: string | undefined): Promise<Assignment | null> {
  if (!isRecordId(slotId)) return null;
  const row = await db().placement.findFirst({ where: { id: slotId, assigneeId: actor.id, storyId: null, page: { issue: { status: { not: "PUBLISHED" } } } }, select: assignmentSelect });
  return row && !row.filed ? toAssignment(row) : null;
}
