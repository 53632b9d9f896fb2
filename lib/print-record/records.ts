import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/platform/db";

// What ran in the paper, frozen as it happened (PrintRecord, PrintCredit, PrintPhoto). A release
// (or a back-issue import) writes one record per story on the issue's pages; a correction or a
// withdrawal afterwards adds a record of its own, never rewrites one (the database refuses UPDATE).
// Statistics of 采用 and 稿酬 read only these rows. This module imports no domain: stories, issues
// and import call it inside their own transactions.

/** A photo block as a story's body stores it; only what a record keeps is read. */
type StoredPhoto = { type: "photo"; photoId: string; caption?: string; credit?: string };

function photosIn(body: unknown): StoredPhoto[] {
  if (!Array.isArray(body)) return [];
  return body.filter((b): b is StoredPhoto => typeof b === "object" && b !== null && b.type === "photo" && typeof b.photoId === "string");
}

const storyAsPrinted = {
  id: true,
  kind: true,
  kicker: true,
  headline: true,
  byline: true,
  charCount: true,
  body: true,
  photos: { select: { photoId: true } },
  contributors: { orderBy: { position: "asc" }, select: { contributorId: true, role: true, position: true, contributor: { select: { name: true } } } },
} satisfies Prisma.StorySelect;

type Printed = Prisma.StoryGetPayload<{ select: typeof storyAsPrinted }>;

/** Where and how a story ran: everything of a record but the story's own words, people and photos. */
type Placing = Omit<Prisma.PrintRecordCreateManyInput, "id" | "storyId" | "kind" | "kicker" | "headline" | "byline" | "characters">;

/**
 * Writes records, each a story as it is now where `placing` says it ran, in three statements
 * whatever their number (a release writes one per story of the issue).
 */
async function writeRecords(tx: Tx, records: { placing: Placing; story: Printed }[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map(({ placing, story }) => ({ id: randomUUID(), placing, story }));
  await tx.printRecord.createMany({
    data: rows.map(({ id, placing, story }) => ({
      ...placing,
      id,
      storyId: story.id,
      kind: story.kind,
      kicker: story.kicker,
      headline: story.headline,
      byline: story.byline,
      characters: story.charCount,
    })),
  });
  await tx.printCredit.createMany({
    data: rows.flatMap(({ id, story }) =>
      story.contributors.map((c) => ({ recordId: id, contributorId: c.contributorId, name: c.contributor.name, role: c.role, position: c.position })),
    ),
  });
  await tx.printPhoto.createMany({
    data: rows.flatMap(({ id, story }) => {
      const linked = new Set(story.photos.map((p) => p.photoId));
      return photosIn(story.body)
        .filter((p) => linked.has(p.photoId))
        .map((p, position) => ({ recordId: id, photoId: p.photoId, position, caption: p.caption ?? "", credit: p.credit ?? "" }));
    }),
  });
}

/**
 * Records what ran in an issue that is being released: every story on its pages (or on the pages
 * named), with page, place, size, 转版, characters, credits and photos. In the release's transaction.
 */
export async function recordWhatRan(tx: Tx, issueId: string, at: Date, pageIds?: readonly string[]): Promise<number> {
  const issue = await tx.issue.findUniqueOrThrow({
    where: { id: issueId },
    select: {
      date: true,
      number: true,
      pages: {
        where: pageIds ? { id: { in: [...pageIds] } } : {},
        orderBy: { number: "asc" },
        select: {
          number: true,
          name: true,
          placements: {
            where: { storyId: { not: null } },
            orderBy: { position: "asc" },
            select: { isLead: true, size: true, continuesOn: { select: { number: true } }, story: { select: storyAsPrinted } },
          },
        },
      },
    },
  });
  const records = issue.pages.flatMap((page) =>
    page.placements.flatMap(({ story, isLead, size, continuesOn }, position) =>
      story
        ? [{
            story,
            placing: {
              event: "RELEASED" as const,
              recordedAt: at,
              issueId,
              issueDate: issue.date,
              issueNumber: issue.number,
              pageNumber: page.number,
              pageName: page.name,
              position,
              isLead,
              size,
              continuedOnPage: continuesOn?.number ?? null,
            },
          }]
        : [],
    ),
  );
  await writeRecords(tx, records);
  return records.length;
}

/**
 * Records a correction or a withdrawal of a story that ran: where it ran is copied from the record
 * of its release, what it says is as it is now. A story with no release record (it never ran) gets none.
 */
export async function recordAfterPrint(tx: Tx, storyId: string, event: "CORRECTED" | "WITHDRAWN"): Promise<void> {
  const released = await tx.printRecord.findFirst({
    where: { storyId, event: "RELEASED" },
    orderBy: { recordedAt: "desc" },
    select: { issueId: true, issueDate: true, issueNumber: true, pageNumber: true, pageName: true, position: true, isLead: true, size: true, continuedOnPage: true },
  });
  if (!released) return;
  const story = await tx.story.findUniqueOrThrow({ where: { id: storyId }, select: storyAsPrinted });
  await writeRecords(tx, [{ story, placing: { ...released, event } }]);
}
