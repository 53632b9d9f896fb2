import type { Role as StoredRole } from "@/lib/generated/prisma/enums";
import type { ListsEvery } from "@/lib/core/stored-enums";

// Roles and what each may do outside the story workflow (which lives in lib/stories/workflow.ts).
// Pure: shared by server code, UI and unit tests.
export const ROLES = ["CORRESPONDENT", "EDITOR", "DESK_HEAD", "CHIEF_EDITOR", "PROOFREADER", "FINANCE", "ADMIN"] as const satisfies readonly StoredRole[];
export type Role = (typeof ROLES)[number];
true satisfies ListsEvery<StoredRole, Role>;

export const ROLE_LABELS: Record<Role, string> = {
  CORRESPONDENT: "通讯员/记者",
  EDITOR: "编辑",
  DESK_HEAD: "部门主任",
  CHIEF_EDITOR: "值班总编",
  PROOFREADER: "校对",
  FINANCE: "财务",
  ADMIN: "管理员",
};

export type Capability =
  | "story:file" // write and submit one's own copy
  | "desk:review" // see the submitted queue, edit, return, approve
  | "issue:assemble" // create issues and pages, place stories
  | "issue:publish" // sign off and publish an issue
  | "tag:create" // add a new tag while tagging
  | "page:proofread" // open proofreading rounds on page proofs and mark them (三校)
  | "adoption:read" // read everyone's 采用 statistics and rankings (not their money)
  | "fees:manage" // see everyone's 稿酬, adjust lines, close a month (结算) and export it
  | "account:manage"; // create accounts and change roles

const CAPABILITIES: Record<Role, readonly Capability[]> = {
  CORRESPONDENT: ["story:file", "tag:create"],
  EDITOR: ["story:file", "tag:create", "desk:review", "issue:assemble", "adoption:read"],
  // The 部门主任 works the desk like an editor; the review chain gives them its 复审 (lib/stories/workflow.ts).
  DESK_HEAD: ["story:file", "tag:create", "desk:review", "issue:assemble", "adoption:read"],
  CHIEF_EDITOR: ["story:file", "tag:create", "desk:review", "issue:assemble", "issue:publish", "adoption:read"],
  // The 校对 reads every page's proof and marks it; they file no copy and change none.
  PROOFREADER: ["page:proofread"],
  // 财务 pays what ran: they read the statistics behind it and change no copy.
  FINANCE: ["adoption:read", "fees:manage"],
  ADMIN: ["tag:create", "account:manage", "adoption:read", "fees:manage"],
};

export function can(role: Role, capability: Capability): boolean {
  return CAPABILITIES[role].includes(capability);
}

/** The roles that have a capability: who is told, who may be assigned, asked of one table. */
export function rolesWith(capability: Capability): Role[] {
  return ROLES.filter((role) => can(role, capability));
}

export function isEditorRole(role: Role): boolean {
  return can(role, "desk:review");
}
