import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/platform/db";
import type { ContributorRole } from "@/lib/contributors/byline";
import { photographersOf } from "@/lib/contributors/photo-credit";
import { isEditorRole, type Role } from "@/lib/core/roles";
import { filterText } from "@/lib/validation/text";
import { ranInPrint } from "@/lib/print-record/in-print";

// Credits are people (Contributor), not accounts: a story's byline list and its photo credits are
// written here as StoryContributor rows, finding each named person or adding them.

type Wanted = { contributorId?: string | null; name: string; role: ContributorRole; fromPhotoCredit: boolean };

/**
 * What a story's credits are written from: its byline list, and its body's blocks (a photo block's
 * credit names its photographers). Said here by shape, so people stay below the stories that name them.
 */
export type CreditedCopy = {
  contributors: readonly { contributorId?: string | null; name: string; role: ContributorRole }[];
  body: readonly ({ type: "photo"; credit: string } | { type: "paragraph" | "subhead" })[];
};

/** A reader-page address for someone without an account. */
function newSlug(): string {
  return `p-${randomBytes(5).toString("hex")}`;
}

/**
 * Finds the person a credit names (a story's or a photo's): the one the form picked, else the filing account's own record
 * when the name is theirs, else someone with an account by that name, else the earliest by that
 * name; a name nobody has yet becomes a new contributor.
 */
export async function resolveContributor(tx: Tx, wanted: Pick<Wanted, "contributorId" | "name">, filerId: string): Promise<string> {
  if (wanted.contributorId) {
    const picked = await tx.contributor.findUnique({ where: { id: wanted.contributorId }, select: { id: true, name: true } });
    if (picked && picked.name === wanted.name) return picked.id;
  }
  const namesakes = await tx.contributor.findMany({
    where: { name: wanted.name },
    select: { id: true, userId: true },
    orderBy: { createdAt: "asc" },
    take: 20,
  });
  const chosen =
    namesakes.find((c) => c.userId === filerId) ?? namesakes.find((c) => c.userId !== null) ?? namesakes[0];
  if (chosen) return chosen.id;
  const created = await tx.contributor.create({ data: { name: wanted.name, slug: newSlug() }, select: { id: true } });
  return created.id;
}

/** The photographers named by the photo credits of a body (易跃跃 摄, 本报记者 赵晨 摄). */
export function photoCreditsOf(body: CreditedCopy["body"]): { name: string; role: ContributorRole }[] {
  return body.flatMap((b) => (b.type === "photo" ? photographersOf(b.credit).map((c) => ({ name: c.name, role: "PHOTOGRAPHER" as const })) : []));
}

/** Writes a story's credits from its draft: the byline list in order, then the photo credits. */
export async function writeCredits(tx: Tx, storyId: string, filerId: string, draft: CreditedCopy): Promise<void> {
  const wanted: Wanted[] = [
    ...draft.contributors.map((c) => ({ ...c, fromPhotoCredit: false })),
    ...photoCreditsOf(draft.body).map((c) => ({ ...c, fromPhotoCredit: true })),
  ];
  const rows: { contributorId: string; role: ContributorRole; position: number; fromPhotoCredit: boolean }[] = [];
  const seen = new Set<string>();
  for (const w of wanted) {
    const contributorId = await resolveContributor(tx, w, filerId);
    const key = `${contributorId}:${w.role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ contributorId, role: w.role, position: rows.length, fromPhotoCredit: w.fromPhotoCredit });
  }
  // An edit to the credits edits the rows: a person still credited keeps their row (and its id),
  // so nothing that points at a credit loses it when the story is saved again.
  const before = await tx.storyContributor.findMany({ where: { storyId }, select: { id: true, contributorId: true, role: true, position: true, fromPhotoCredit: true } });
  const keyOf = (r: { contributorId: string; role: ContributorRole }) => `${r.contributorId}:${r.role}`;
  const wantedByKey = new Map(rows.map((r) => [keyOf(r), r]));
  const gone = before.filter((b) => !wantedByKey.has(keyOf(b)));
  if (gone.length) await tx.storyContributor.deleteMany({ where: { id: { in: gone.map((g) => g.id) } } });
  for (const b of before) {
    const row = wantedByKey.get(keyOf(b));
    if (row && (row.position !== b.position || row.fromPhotoCredit !== b.fromPhotoCredit)) {
      await tx.storyContributor.update({ where: { id: b.id }, data: { position: row.position, fromPhotoCredit: row.fromPhotoCredit } });
    }
  }
  const kept = new Set(before.map(keyOf));
  const added = rows.filter((r) => !kept.has(keyOf(r)));
  if (added.length) await tx.storyContributor.createMany({ data: added.map((r) => ({ ...r, storyId })) });
  // A name typed half-way when an autosave ran (欧阳 for 欧阳修明), or a typo put right, was added as a
  // person: once nothing credits them (no story, no photo, nothing that ran), they go, so suggestions
  // stay the people who really exist. Anyone something refers to is kept.
  const dropped = gone.map((g) => g.contributorId).filter((id) => !rows.some((r) => r.contributorId === id));
  if (dropped.length) {
    await tx.contributor.deleteMany({ where: { id: { in: dropped }, userId: null, stories: { none: {} }, photos: { none: {} }, printed: { none: {} } } });
  }
}

/** An account's own contributor record, made when the account is (its address is the username). */
export async function ensureAccountContributor(
  tx: Tx,
  user: { id: string; username: string; name: string; affiliation: string },
): Promise<string> {
  const existing = await tx.contributor.findUnique({ where: { userId: user.id }, select: { id: true } });
  if (existing) return existing.id;
  // Never taken over from someone credited by the same name before: two 王芳 are two people, and an
  // address readers know (/authors/p-…) keeps working.
  const taken = await tx.contributor.findUnique({ where: { slug: user.username }, select: { id: true } });
  const slug = taken ? newSlug() : user.username;
  const created = await tx.contributor.create({ data: { name: user.name, slug, affiliation: user.affiliation, userId: user.id }, select: { id: true } });
  return created.id;
}

export type ContributorChoice = { id: string; name: string; affiliation: string; hasAccount: boolean };

/**
 * People whose name contains what was typed, those with accounts and exact names first. The desk
 * sees everyone; a correspondent the paper's accounts, people already in print and people on their
 * own copy, so names typed into someone else's unpublished draft stay theirs.
 */
export async function findContributors(asker: { id: string; role: Role }, typed: string): Promise<ContributorChoice[]> {
  // What is typed arrives in the address (?q=): a NUL or a lone surrogate must not reach Postgres.
  const q = filterText(20).parse(typed) ?? "";
  if (!q) return [];
  const known = isEditorRole(asker.role)
    ? {}
    : { OR: [{ userId: { not: null } }, { stories: { some: { story: { OR: [ranInPrint, { authorId: asker.id }] } } } }] };
  const rows = await db().contributor.findMany({
    where: { name: { contains: q }, ...known },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    take: 30,
    select: { id: true, name: true, affiliation: true, userId: true },
  });
  const rank = (r: (typeof rows)[number]) => (r.name === q ? 0 : 2) + (r.userId ? 0 : 1);
  return rows
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, 10)
    .map((r) => ({ id: r.id, name: r.name, affiliation: r.affiliation, hasAccount: r.userId !== null }));
}
