import "server-only";
import { startJobWorkers, type JobWorker } from "@/lib/platform/jobs";
import { isBuildPhase } from "@/lib/platform/env";
import { QUEUES } from "@/lib/jobs/queues";
import { releaseJob } from "@/lib/issues/release";
import { photoSweepJob } from "@/lib/photos/sweep";
import { readerPurgeJob } from "@/lib/reader/purge";
import { alarmWatchJob, databaseNow } from "@/lib/jobs/alarms";
import { tellOverduePages } from "@/lib/issues/deadline-watch";
import { pageRenderJob } from "@/lib/page-files/job";

// Which handler works which queue, started by instrumentation.ts in every app instance (never by
// `next build`, never by the tests, which start their own).
export const WORKERS: readonly JobWorker[] = [
  { queue: QUEUES.issueRelease, handler: releaseJob },
  { queue: QUEUES.photoSweep, handler: photoSweepJob },
  { queue: QUEUES.readerPurge, handler: readerPurgeJob },
  { queue: QUEUES.pageRender, handler: pageRenderJob },
  // The watch also tells of pages past their 截稿 or 签版 (it runs every minute, on one instance).
  { queue: QUEUES.alarmWatch, handler: async (data) => ({ ...(await alarmWatchJob(data)), pagesOverdue: await tellOverduePages(await databaseNow()) }) },
];

const RETRY_START_MS = 30_000;

/**
 * Starts the workers. Waits a little so the queue is installed before the first request on a new
 * database, but a database that is slow or down does not keep the app from serving: the start is
 * then retried every 30 s in the background.
 */
export async function startWorkersInBackground(): Promise<void> {
  if (isBuildPhase()) return;
  const attempt = async (): Promise<void> => {
    try {
      await startJobWorkers(WORKERS);
      console.log("[jobs] workers started");
    } catch (e) {
      console.error(`[jobs] workers could not start (${e instanceof Error ? e.message : e}); trying again in 30 s`);
      setTimeout(attempt, RETRY_START_MS).unref();
    }
  };
  await Promise.race([attempt(), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
}
