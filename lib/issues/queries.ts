import "server-only";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/auth/roles";
import { forbidden, notFound } from "@/lib/core/errors";
import type { StoryKind } from "@/lib/validation/story";
import type { StoryStatus } from "@/lib/stories/workflow";
import { isRecordId } from "@/lib/core/ids";
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
    select: { id: true, date: true, number: true, status: true, pages: { select: { _count: { select: { placements: true } } } } },
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

export type PlacedStory = { storyId: string; headline: string; kicker: string; kind: StoryKind; charCount: number; authorName: string; isLead: boolean; status: StoryStatus };
export type AssemblyPage = { id: string; number: number; name: string; stories: PlacedStory[]; charCount: number };
export type IssueAssembly = { id: string; date: Date; number: number; status: IssueSummary["status"]; publishedAt: Date | null; pages: AssemblyPage[] };

export async function getIssueAssembly(actor: SessionUser, issueId: string): Promise<IssueAssembly> {
  requireDesk(actor);
  if (!isRecordId(issueId)) throw notFound("找不到这一期");
  const issue = await db().issue.findUnique({
    where: { id: issueId },
    select: {
      id: true,
      date: true,
      number: true,
      status: true,
      publishedAt: true,
      pages: {
        orderBy: { number: "asc" },
        select: {
          id: true,
          number: true,
          name: true,
          placements: {
            orderBy: { position: "asc" },
            select: { isLead: true, story: { select: { id: true, headline: true, kicker: true, kind: true, charCount: true, status: true, author: { select: { name: true } } } } },
          },
        },
      },
    },
  });
  if (!issue) throw notFound("找不到这一期");
  return {
    ...issue,
    pages: issue.pages.map((p) => {
      const stories = p.placements.flatMap(({ isLead, story }) => (story ? [{
        storyId: story.id,
        headline: story.headline,
        kicker: story.kicker,
        kind: story.kind,
        charCount: story.charCount,
        status: story.status,
        authorName: story.author.name,
        isLead,
      }] : []));
      return { id: p.id, number: p.number, name: p.name, stories, charCount: stories.reduce((n, s) => n + s.charCount, 0) };
    }),
  };
}
