// Runs once when an app instance starts. Every instance works the job queue (lib/platform/jobs.ts),
// so scheduled releases go out while any one of them is up; pg-boss hands each job to one of them.
export async function register() {
  // Next inlines NEXT_RUNTIME at build time: the edge bundle drops the import below.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startWorkersInBackground } = await import("./lib/jobs/workers");
  await startWorkersInBackground();
}
