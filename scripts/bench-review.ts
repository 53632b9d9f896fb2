// Benchmark part (scripts/bench-desk.ts runs it after the story list, whose numbers are its
// baseline): each step's review queue (待初审 / 待复审 / 待终审) and their counts over the archive,
// as /desk/queue reads them. The desk's working set is spread over the chain; ten years of
// published copy sit beside it, half of it reviewed under the chain (FINAL), half from before it.
// Prints: review-queue stories=<n> median_ms=<m> p95_ms=<p>
import type pg from "pg";

export async function spreadOverChain(client: pg.Client) {
  await client.query(`UPDATE "Story" SET "reviewedTo" = CASE
      WHEN status IN ('APPROVED', 'PLACED') THEN (ARRAY['FIRST', 'SECOND'])[1 + abs(hashtext(id)) % 2]::"ReviewStep"
      WHEN status = 'PUBLISHED' AND abs(hashtext(id)) % 2 = 0 THEN 'FINAL'::"ReviewStep"
      ELSE NULL END,
    "reviewMovedAt" = CASE WHEN status IN ('APPROVED', 'PLACED') THEN "updatedAt" ELSE NULL END
    WHERE id LIKE 'bench%' AND "reviewMovedAt" IS NULL`);
  await client.query(`ANALYZE "Story"`);
}

export async function benchReviewQueues(total: number, runs: number, percentile: (sorted: number[], p: number) => number) {
  const { reviewQueue, reviewQueueCounts } = await import("@/lib/stories/review-queues");
  const chief = { id: "bench_user_0", username: "bench_user_0", name: "总编", role: "CHIEF_EDITOR" as const, affiliation: "", bylineTitle: "" };
  const all: number[] = [];
  const parts: [string, () => Promise<unknown>][] = [
    ["counts (the tabs)", () => reviewQueueCounts(chief)],
    ...(["FIRST", "SECOND", "FINAL"] as const).map((step): [string, () => Promise<unknown>] => [`queue ${step}`, () => reviewQueue(chief, step)]),
  ];
  for (const [name, work] of parts) {
    for (let i = 0; i < 3; i++) await work(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await work();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(`  ${name.padEnd(28)} median_ms=${percentile(times, 50).toFixed(1)} p95_ms=${percentile(times, 95).toFixed(1)}`);
  }
  all.sort((a, b) => a - b);
  console.log(`review-queue stories=${total} median_ms=${percentile(all, 50).toFixed(1)} p95_ms=${percentile(all, 95).toFixed(1)}`);
}
