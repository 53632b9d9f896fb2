import type { IssueStatus, PageStatus, SizeClass } from "@/lib/generated/prisma/enums";

// The page desk's words, as the newsroom says them.
export const ISSUE_STATUS_LABELS = {
  PLANNING: "组版中",
  SCHEDULED: "定时见报",
  PUBLISHED: "已见报",
} as const satisfies Record<IssueStatus, string>;

export const PAGE_STATUS_LABELS = {
  COMPOSING: "组版中",
  AWAITING: "待签",
  SIGNED: "已签",
} as const satisfies Record<PageStatus, string>;

export const SIZE_LABELS = {
  BANNER: "通栏",
  LEAD: "头条",
  DOUBLE: "双栏",
  SINGLE: "单栏",
} as const satisfies Record<SizeClass, string>;
