import "server-only";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/core/session";
import { forbidden, notFound } from "@/lib/core/errors";
import { paperDayRange } from "@/lib/core/dates";
import { isRecordId, RECORD_ID } from "@/lib/core/ids";
import { decodeCursor, encodeCursor } from "@/lib/core/keyset";
import { filterText, dayFilter } from "@/lib/validation/text";
import { searchTerms } from "@/lib/validation/search-terms";
import { DERIVATIVE_WIDTHS } from "@/lib/photos/ingest";
import { mayEditPhoto, photoAccess, storiesShowingPhotosTo, usesLibrary } from "@/lib/photos/access";
import type { StoryStatus } from "@/lib/stories/workflow";
import { ranInPrint } from "@/lib/print-record/in-print";

// The photo library (图片库): every photo the asker may see, newest first, searched by its words
// through the trigram index on searchText and paged by keyset (after the last photo shown).
export const LIBRARY_PAGE_SIZE = 48;

export const libraryFilters = z.object({
  q: filterText(40),
  photographer: z.string().regex(RECORD_ID).optional().catch(undefined),
  from: dayFilter,
  to: dayFilter,
  // Which date the range is about: when it was taken (the file says) or when it was uploaded.
  dates: z.enum(["taken", "uploaded"]).default("taken").catch("taken"),
  use: z.enum(["used", "unused"]).optional().catch(undefined),
  after: z.string().max(80).optional().catch(undefined),
});
export type LibraryFilters = z.infer<typeof libraryFilters>;

export type LibraryPhoto = {
  id: string;
  width: number;
  height: number;
  caption: string;
  credit: string;
  altText: string;
  takenAt: Date | null;
  createdAt: Date;
  uses: number;
};
export type LibraryPage = { items: LibraryPhoto[]; nextCursor: string | null };

const librarySelect = {
  id: true,
  width: true,
  height: true,
  caption: true,
  credit: true,
  altText: true,
  takenAt: true,
  createdAt: true,
} as const;

function mustUseLibrary(actor: SessionUser) {
  if (!usesLibrary(actor)) throw forbidden("你的账号不使用图片库");
}

export async function listLibrary(actor: SessionUser, input: unknown, pageSize = LIBRARY_PAGE_SIZE): Promise<LibraryPage> {
  mustUseLibrary(actor);
  const f = libraryFilters.parse(input ?? {});
  const where: Prisma.PhotoWhereInput[] = [photoAccess.where(actor)];
  // Each term must appear somewhere in caption, credit, keywords, place or event.
  for (const term of f.q ? searchTerms(f.q).terms : []) where.push({ searchText: { contains: term, mode: "insensitive" } });
  if (f.photographer) where.push({ photographerId: f.photographer });
  if (f.from || f.to) where.push({ [f.dates === "taken" ? "takenAt" : "createdAt"]: paperDayRange(f.from, f.to) });
  // 刊用 means run in the paper: a draft using a photo does not count (Photo.hasRun).
  if (f.use) where.push({ hasRun: f.use === "used" });
  const cursor = decodeCursor(f.after);
  if (cursor) where.push({ OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] });

  const rows = await db().photo.findMany({
    where: { AND: where },
    select: librarySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  // Counted for the page's photos only (Prisma's _count would group the whole link table each time).
  const counts = page.length
    ? await db().storyPhoto.groupBy({ by: ["photoId"], where: { photoId: { in: page.map((p) => p.id) }, story: ranInPrint }, _count: { _all: true } })
    : [];
  const uses = new Map(counts.map((c) => [c.photoId, c._count._all]));
  return {
    items: page.map((p) => ({ ...p, uses: uses.get(p.id) ?? 0 })),
    nextCursor: rows.length > pageSize && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/** The people credited on photos, for the library's photographer filter. */
export async function libraryPhotographers(actor: SessionUser): Promise<{ id: string; name: string }[]> {
  mustUseLibrary(actor);
  return db().contributor.findMany({
    where: { photos: { some: photoAccess.where(actor) } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: 300,
  });
}

export type PhotoSize = { name: string; label: string; width: number; height: number; url: string };
export type PhotoUse = { storyId: string; headline: string; status: StoryStatus; issueDate: string | null; pageNumber: number | null; pageName: string | null };

/** The files of a photo: the original and the widths pages use (never wider than the original). */
export function photoSizes(photo: { id: string; width: number; height: number }): PhotoSize[] {
  return [
    ...DERIVATIVE_WIDTHS.map((w) => {
      const width = Math.min(w, photo.width);
      return { name: `w${w}`, label: `${w} 宽`, width, height: Math.round((photo.height * width) / photo.width), url: `/api/photos/${photo.id}/w${w}` };
    }),
    { name: "original", label: "原图", width: photo.width, height: photo.height, url: `/api/photos/${photo.id}/original` },
  ];
}

/** Everything about one photo the asker may see: its words, the camera's facts, its files and where it has run. */
export async function photoDetail(actor: SessionUser, photoId: string) {
  mustUseLibrary(actor);
  if (!isRecordId(photoId)) throw notFound("找不到这张图片，或你无权查看");
  const photo = await db().photo.findFirst({
    where: { AND: [{ id: photoId }, photoAccess.where(actor)] },
    select: {
      id: true,
      width: true,
      height: true,
      bytes: true,
      mimeType: true,
      version: true,
      caption: true,
      credit: true,
      altText: true,
      keywords: true,
      place: true,
      event: true,
      takenAt: true,
      camera: true,
      createdAt: true,
      uploaderId: true,
      uploader: { select: { name: true } },
      photographer: { select: { name: true, slug: true } },
      stories: {
        select: {
          story: {
            select: {
              id: true,
              headline: true,
              status: true,
              authorId: true,
              placement: { select: { page: { select: { number: true, name: true, issue: { select: { date: true } } } } } },
            },
          },
        },
      },
    },
  });
  if (!photo) throw notFound("找不到这张图片，或你无权查看");
  // Only the stories the asker may read are named (the same rule that shows the photo).
  const readable = new Set((await db().story.findMany({ where: { AND: [{ id: { in: photo.stories.map((s) => s.story.id) } }, storiesShowingPhotosTo(actor)] }, select: { id: true } })).map((s) => s.id));
  const uses: PhotoUse[] = photo.stories
    .map((s) => s.story)
    .filter((s) => readable.has(s.id))
    .map((s) => ({
      storyId: s.id,
      headline: s.headline,
      status: s.status,
      issueDate: s.placement?.page.issue.date.toISOString().slice(0, 10) ?? null,
      pageNumber: s.placement?.page.number ?? null,
      pageName: s.placement?.page.name ?? null,
    }))
    .sort((a, b) => (b.issueDate ?? "9999").localeCompare(a.issueDate ?? "9999"));
  const { stories: _stories, uploaderId, ...rest } = photo;
  return { ...rest, uploaderName: photo.uploader.name, editable: mayEditPhoto(actor, { uploaderId }), sizes: photoSizes(photo), uses };
}
export type PhotoDetail = Awaited<ReturnType<typeof photoDetail>>;
