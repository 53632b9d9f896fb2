import type { ContributorRole, UnitKind } from "@/lib/generated/prisma/enums";

// Who is the paper's own (本报人员): credited as 本报记者 or 实习记者, or filing for the paper's own
// unit (kind OWN). One definition, read by the fee rules (staff are unpaid unless the table says so)
// and by the 采用 statistics (which rank correspondents, not staff). Pure.
// The statistics ask it in SQL (lib/adoption/stats.ts) with these same constants.
export const STAFF_ROLES: readonly ContributorRole[] = ["REPORTER", "INTERN"];
export const STAFF_UNIT_KIND: UnitKind = "OWN";

export function isStaffCredit(role: ContributorRole, unitKind: UnitKind | null): boolean {
  return STAFF_ROLES.includes(role) || unitKind === STAFF_UNIT_KIND;
}
