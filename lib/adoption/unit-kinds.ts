import type { UnitKind as StoredUnitKind } from "@/lib/generated/prisma/enums";
import type { ListsEvery } from "@/lib/core/stored-enums";

// The kinds of 单位 a contributor files for, in the order the desk lists them. Pure: the units page,
// its forms and the statistics read these labels. OWN is the paper itself, whose people are staff.
export const UNIT_KINDS = ["OWN", "PROPAGANDA", "MEDIA_CENTER", "GOVERNMENT", "SCHOOL", "COMPANY", "OTHER"] as const satisfies readonly StoredUnitKind[];
export type UnitKind = (typeof UNIT_KINDS)[number];
true satisfies ListsEvery<StoredUnitKind, UnitKind>;

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  OWN: "本报",
  PROPAGANDA: "宣传部门",
  MEDIA_CENTER: "融媒体中心",
  GOVERNMENT: "政府部门",
  SCHOOL: "学校",
  COMPANY: "企业",
  OTHER: "其他",
};
