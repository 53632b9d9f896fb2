import { can, type Role } from "@/lib/core/roles";

// Where an alarm leads, one rule for its inbox entry and its banner on the desk (lib/jobs raises it).

export type AlarmKindName = "RELEASE_OVERDUE" | "JOB_FAILED";

/**
 * The one thing that helps: the chief editor opens the issue's release panel (立即见报 or 暂缓);
 * an administrator, who cannot release, opens the list of background jobs (and acknowledges there).
 */
export function alarmAction(role: Role, kind: AlarmKindName, issueId: string | null): { href: string; label: string } | null {
  if (issueId && can(role, "issue:publish")) {
    return { href: `/desk/issues/${issueId}#release-title`, label: kind === "RELEASE_OVERDUE" ? "打开见报面板：立即见报或暂缓" : "打开见报面板" };
  }
  if (can(role, "account:manage")) return { href: "/desk/admin#failed-jobs", label: kind === "JOB_FAILED" ? "查看并确认" : "查看后台任务" };
  return null;
}
