import type { ContributorRole, UnitKind } from "@/lib/generated/prisma/enums";

// Who is the paper's own (本报人员): credited as 本报记者 or 实习记者, or filing for the paper's own
// unit (kind OWN). One definition, read by the fee rules (staff are unpaid unless the table says so)
// and by the 采用 statistics (which rank correspondents, not staff). Pure.
const STAFF_ROLES: readonly ContributorRole[] = ["REPORTER", "INTERN"];

export function isStaffCredit(role: ContributorRole, unitKind: UnitKind | null): boolean {
  return STAFF_ROLES.includes(role) || unitKind === "OWN";
}
