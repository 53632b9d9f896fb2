import "server-only";
import { z } from "zod";
import { db, isUniqueViolation, type Tx } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { forbidden, invalid, notFound } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/audit";
import { filterText, typedText } from "@/lib/validation/text";
import { fieldErrorsOf } from "@/lib/stories/schema";
import { UNIT_KINDS, type UnitKind } from "@/lib/adoption/unit-kinds";

// 通讯员单位: the bodies correspondents file for, and which one each credited person belongs to.
// A person's unit decides what their 采用 counts towards and whether they are staff (kind OWN), so
// only an administrator keeps this list, and every change is audited.

export const unitInput = z.object({
  name: typedText({ max: 40, what: "单位名称", min: 1, minMessage: "请填写单位名称" }),
  kind: z.enum(UNIT_KINDS, { message: "请选择单位类别" }),
  region: typedText({ max: 20, what: "地区" }),
});

export type UnitRow = { id: string; name: string; kind: UnitKind; region: string; people: number };

/** At most this many people are listed at once; the search narrows the rest. */
export const CONTRIBUTOR_LIST_MAX = 200;

export type ContributorUnitRow = { id: string; name: string; affiliation: string; username: string | null; unitId: string | null; unitName: string | null };

const NONE = "（未设单位）";

function mayKeepUnits(actor: SessionUser): void {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以管理通讯员单位");
}

/**
 * Every unit with how many people belong to it, the paper itself first. Not limited to
 * administrators: unit names are the paper's public address book (the statistics and the fee
 * pages group by them), and each page that shows them checks its own reader.
 */
export async function listUnits(): Promise<UnitRow[]> {
  const rows = await db().unit.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: { id: true, name: true, kind: true, region: true, _count: { select: { contributors: true } } },
  });
  return rows.map(({ _count, ...unit }) => ({ ...unit, people: _count.contributors }));
}

function parseUnit(input: unknown) {
  const parsed = unitInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? "请检查单位信息", fieldErrorsOf(parsed.error));
  return parsed.data;
}

const duplicateName = (name: string) => invalid(`已有同名单位：${name}`, { name: [`已有同名单位：${name}`] });

/** Refuses a name another unit has, before the unique index would (its error names nothing). */
async function checkNameFree(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const same = await tx.unit.findUnique({ where: { name }, select: { id: true } });
  if (same && same.id !== exceptId) throw duplicateName(name);
}

/** A new unit. Administrators only; audited. */
export async function createUnit(actor: SessionUser, input: unknown): Promise<{ id: string }> {
  mayKeepUnits(actor);
  const unit = parseUnit(input);
  try {
    return await db().$transaction(async (tx) => {
      await checkNameFree(tx, unit.name);
      const created = await tx.unit.create({ data: unit, select: { id: true } });
      await recordAudit(tx, { actorId: actor.id, action: "unit.create", targetType: "unit", targetId: created.id, summary: { unit: unit.name, unitKind: unit.kind, region: unit.region } });
      return created;
    });
  } catch (e) {
    // Two administrators adding the same name at once: the index decides, the message is the same.
    if (isUniqueViolation(e)) throw duplicateName(unit.name);
    throw e;
  }
}

/** A unit's name, kind or region. Administrators only; audited with what each changed field was. */
export async function updateUnit(actor: SessionUser, unitId: string, input: unknown): Promise<void> {
  mayKeepUnits(actor);
  const unit = parseUnit(input);
  try {
    await db().$transaction(async (tx) => {
      const before = await tx.unit.findUnique({ where: { id: unitId }, select: { name: true, kind: true, region: true } });
      if (!before) throw notFound("找不到这个单位");
      await checkNameFree(tx, unit.name, unitId);
      const renamed = before.name !== unit.name;
      const changes = {
        ...(before.kind !== unit.kind ? { unitKind: { from: before.kind, to: unit.kind } } : {}),
        ...(before.region !== unit.region ? { region: { from: before.region, to: unit.region } } : {}),
      };
      if (!renamed && Object.keys(changes).length === 0) return; // nothing changed: nothing to record
      await tx.unit.update({ where: { id: unitId }, data: unit });
      await recordAudit(tx, { actorId: actor.id, action: "unit.update", targetType: "unit", targetId: unitId, summary: { unit: renamed ? { from: before.name, to: unit.name } : unit.name, ...changes } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(unit.name);
    throw e;
  }
}

/** Puts a credited person in a unit, or in none (null). Administrators only; audited with the unit before. */
export async function setContributorUnit(actor: SessionUser, contributorId: string, unitId: string | null): Promise<void> {
  mayKeepUnits(actor);
  await db().$transaction(async (tx) => {
    const person = await tx.contributor.findUnique({ where: { id: contributorId }, select: { name: true, unitId: true, unit: { select: { name: true } } } });
    if (!person) throw notFound("找不到这位作者");
    const unit = unitId === null ? null : await tx.unit.findUnique({ where: { id: unitId }, select: { name: true } });
    if (unitId !== null && !unit) throw notFound("找不到这个单位");
    if (person.unitId === unitId) return;
    await tx.contributor.update({ where: { id: contributorId }, data: { unitId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "contributor.unit",
      targetType: "contributor",
      targetId: contributorId,
      summary: { contributor: person.name, unit: { from: person.unit?.name ?? NONE, to: unit?.name ?? NONE } },
    });
  });
}

/**
 * The people credited on stories whose name or 单位 (as typed on their account or byline) contains
 * `q`, those without a unit first, since they are the ones left to sort. Administrators only.
 */
export async function contributorsForUnits(actor: SessionUser, q: unknown): Promise<ContributorUnitRow[]> {
  mayKeepUnits(actor);
  // q comes from the address: anything that cannot be a search word is no filter at all.
  const typed = filterText(20).parse(typeof q === "string" ? q : undefined) ?? "";
  const rows = await db().contributor.findMany({
    where: typed ? { OR: [{ name: { contains: typed } }, { affiliation: { contains: typed } }] } : {},
    orderBy: [{ unitId: { sort: "asc", nulls: "first" } }, { name: "asc" }, { createdAt: "asc" }],
    take: CONTRIBUTOR_LIST_MAX,
    select: { id: true, name: true, affiliation: true, unitId: true, user: { select: { username: true } }, unit: { select: { name: true } } },
  });
  const people = rows.map((r) => ({ id: r.id, name: r.name, affiliation: r.affiliation, username: r.user?.username ?? null, unitId: r.unitId, unitName: r.unit?.name ?? null }));
  // Within those with a unit, grouped by unit as the page reads them.
  return people.sort((a, b) => (a.unitName === null ? 0 : 1) - (b.unitName === null ? 0 : 1) || (a.unitName ?? "").localeCompare(b.unitName ?? "", "zh-CN") || a.name.localeCompare(b.name, "zh-CN"));
}
