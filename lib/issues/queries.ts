import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { forbidden } from "@/lib/core/errors";
import type { IssueStatus } from "@/lib/generated/prisma/enums";

// Issue assembly reads, for the desk only.

export type IssueSummary = { id: string; date: Date; number: number; status: IssueStatus; pageCount: number; storyCount: number };

function requireDesk(actor: SessionUser) {
  if (!can(actor.role, "issue:assemble")) throw forbidden("只有编辑可以编排版面");
}

export async function listIssues(actor: SessionUser): Promise<IssueSummary[]> {
  requireDesk(actor);
  const rows = await db().issue.findMany({
    orderBy: { date: "desc" },
    take: 60,
    select: { id: true, date: true, number: true, status: true, pages: { select: { _count: { select: { placements: { where: { storyId: { not: null } } } } } } } },
  });
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    number: r.number,
    status: r.status,
    pageCount: r.pages.length,
    storyCount: r.pages.reduce((n, p) => n + p._count.placements, 0),
  }));
}
