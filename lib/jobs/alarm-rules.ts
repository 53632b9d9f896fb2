import { can, ROLES, type Role } from "@/lib/core/roles";
import { QUEUES } from "@/lib/jobs/queues";
import type { AlarmKindName } from "@/lib/inbox/alarm-action";

// Who an alarm is for, one rule for the banner and the watch (where it leads: lib/inbox/alarm-action.ts).

/** A scheduled release still not out this long after its time raises an alarm. */
export const OVERDUE_AFTER_MS = 2 * 60_000;

/**
 * A late release concerns those who can release it (chief editors) and those who keep the system
 * running (administrators); a failed job concerns administrators, and chief editors when it was a release.
 */
export function alarmAudience(kind: AlarmKindName, queue?: string | null): Role[] {
  return ROLES.filter((role) => can(role, "account:manage") || (can(role, "issue:publish") && (kind === "RELEASE_OVERDUE" || queue === QUEUES.issueRelease.name)));
}

/** Whether this role hears of alarms at all (the banner asks nothing of the database for others). */
export function hearsAlarms(role: Role): boolean {
  return alarmAudience("JOB_FAILED", QUEUES.issueRelease.name).includes(role);
}

const KNOWN_FAILURES: [RegExp, string][] = [
  [/failed by timeout/i, "执行超时，处理它的后台程序可能中断了"],
  [/ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|Can't reach database|too many clients|the database system is/i, "连不上数据库"],
  [/ENOSPC/i, "磁盘已满"],
];

/** A job's error as the desk reads it: Chinese words for what we recognise, the original after them; at most a line. */
export function failureInWords(error: string | null): string {
  const text = (error ?? "").replace(/\s+/g, " ").trim() || "（没有记录原因）";
  const short = text.length > 160 ? `${text.slice(0, 160)}…` : text;
  const known = KNOWN_FAILURES.find(([pattern]) => pattern.test(text));
  return known ? `${known[1]}（${short}）` : short;
}
