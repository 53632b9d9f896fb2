// Runs once when an app instance starts. Every instance works the job queue (lib/platform/jobs.ts),
// so scheduled releases go out while any one of them is up; pg-boss hands each job to one of them.
export async function register() {
  // Next inlines NEXT_RUNTIME at build time: the edge bundle drops the import below.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Settings that cannot be right (e.g. who may name a client's address) stop the instance, not a later request.
  const { env, isBuildPhase } = await import("./lib/platform/env");
  try {
    if (!isBuildPhase()) env();
  } catch (e) {
    console.error(`无法启动：${e instanceof Error ? e.message : e}`);
    process.exit(4);
  }
  const { startWorkersInBackground } = await import("./lib/job-workers");
  await startWorkersInBackground();
}
