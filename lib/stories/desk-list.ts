import "server-only";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { forbidden } from "@/lib/core/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { STORY_STATUSES } from "@/lib/stories/workflow";
import { STORY_KINDS } from "@/lib/stories/schema";
import { toListItem, listSelect, type StoryListItem } from "@/lib/stories/queries";
import { storyAccess } from "@/lib/stories/access";
import { paperDayRange } from "@/lib/core/dates";
import { filterText, dayFilter } from "@/lib/validation/text";
import { RECORD_ID } from "@/lib/core/ids";
import { decodeCursor, encodeCursor } from "@/lib/core/keyset";

// The editor's story list (稿库): filters, sorts and pages over every story the desk may see.
// Pages are keyset-based (after the last row shown), so page 500 costs what page 1 costs.
export const DESK_PAGE_SIZE = 50;
export const DESK_SORTS = { updated_desc: "最近更新", updated_asc: "最早更新", submitted_desc: "最近提交" } as const;

export const deskFilters = z.object({
  q: filterText(40),
  status: z.enum(STORY_STATUSES).optional().catch(undefined),
  kind: z.enum(STORY_KINDS).optional().catch(undefined),
  tag: filterText(20),
  author: z.string().regex(RECORD_ID).optional().catch(undefined),
  from: dayFilter,
  to: dayFilter,
  sort: z.enum(["updated_desc", "updated_asc", "submitted_desc"]).default("updated_desc").catch("updated_desc"),
  after: z.string().max(80).optional().catch(undefined), // checked by decodeCursor
});
export type DeskFilters = z.infer<typeof deskFilters>;

export type DeskPage = { items: StoryListItem[]; nextCursor: string | null };

export async function listDeskPage(actor: SessionUser, input: unknown, pageSize = DESK_PAGE_SIZE): Promise<DeskPage> {
  if (!can(actor.role, "desk:review")) throw forbidden();
  const f = deskFilters.parse(input ?? {});
  const sortField = f.sort === "submitted_desc" ? "submittedAt" : "updatedAt";
  const direction = f.sort === "updated_asc" ? "asc" : "desc";

  const where: Prisma.StoryWhereInput[] = [storyAccess.where(actor)];
  // A keyword looks through headline and text like reader search (the trigram index serves it).
  if (f.q && Array.from(f.q).length >= 2) where.push({ searchText: { contains: f.q, mode: "insensitive" } });
  if (f.status) where.push({ status: f.status });
  if (f.kind) where.push({ kind: f.kind });
  if (f.tag) where.push({ tags: { some: { name: f.tag } } });
  if (f.author) where.push({ authorId: f.author });
  // Dates are the paper's days (Beijing time, UTC+8).
  if (f.from || f.to) where.push({ [sortField]: paperDayRange(f.from, f.to) });
  if (sortField === "submittedAt") where.push({ submittedAt: { not: null } });

  const cursor = decodeCursor(f.after);
  if (cursor) {
    const beyond = direction === "desc" ? "lt" : "gt";
    where.push({ OR: [{ [sortField]: { [beyond]: cursor.at } }, { [sortField]: cursor.at, id: { [beyond]: cursor.id } }] });
  }

  const rows = await db().story.findMany({
    where: { AND: where },
    select: { ...listSelect, submittedAt: true },
    orderBy: [{ [sortField]: direction }, { id: direction }],
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  const lastAt = last ? (sortField === "submittedAt" ? last.submittedAt : last.updatedAt) : null;
  return {
    items: page.map(toListItem),
    nextCursor: rows.length > pageSize && last && lastAt ? encodeCursor(lastAt, last.id) : null,
  };
}
