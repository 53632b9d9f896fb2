export const ISSUE_STATUS_LABELS = {
  PLANNING: "编排中",
  SIGNED_OFF: "已签版",
  SCHEDULED: "定时发布",
  PUBLISHED: "已见报",
} as const;
