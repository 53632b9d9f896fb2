import type { JobQueue } from "@/lib/platform/jobs";

// The app's queues: names, how administrators see them, and how their jobs are retried. Their
// handlers are joined to them in lib/job-workers.ts, where the app starts.
export const QUEUES = {
  // 6 retries, the first after 30–60 s, each next one twice as long: half an hour to an hour in all,
  // enough to ride out a database restart or a worker that died mid-job.
  issueRelease: { name: "issue-release", label: "定时见报", retryLimit: 6, retryDelaySeconds: 30, expireInSeconds: 300 },
  // Right after a change readers see; retried quickly at first (a front cache restarting), then for
  // about an hour and a half in all before it is listed as failed.
  readerPurge: { name: "reader-purge", label: "更新读者页面", retryLimit: 10, retryDelaySeconds: 5, expireInSeconds: 180 },
  // Hourly; a run that fails is tried twice more, and the next hour's run does the same work anyway.
  photoSweep: { name: "photo-sweep", label: "清理孤立图片文件", retryLimit: 2, retryDelaySeconds: 60, expireInSeconds: 1800, cron: "17 * * * *" },
  // Every minute: raises alarms for late releases and failed jobs. A run that fails is tried once more;
  // the next minute's run does the same work anyway, and two at once raise each alarm once.
  alarmWatch: { name: "alarm-watch", label: "检查见报超时和失败任务", retryLimit: 1, retryDelaySeconds: 10, expireInSeconds: 120, cron: "* * * * *" },
  // Sent with each release: renders the issue's pages (PDF, pictures) one at a time. A page that keeps
  // failing is given up after three attempts (lib/page-files/job.ts) and listed for the administrator.
  // A run may take 90 s a page: an hour covers a 40-page issue before pg-boss takes it as lost.
  pageRender: { name: "page-render", label: "生成版面 PDF 和图片", retryLimit: 3, retryDelaySeconds: 60, expireInSeconds: 3600 },
} as const satisfies Record<string, JobQueue>;

export const ALL_QUEUES: readonly JobQueue[] = Object.values(QUEUES);
