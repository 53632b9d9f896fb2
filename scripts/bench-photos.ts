// Part of scripts/bench-desk.ts: the photo library over 100,000 photos. Fills Photo rows straight
// into the database (no files: only the queries are timed), a third of them run in published bench
// stories, then times listLibrary for the desk and a correspondent, browsing and searching. Prints:
//   photo-library-baseline photos=<n> median_ms=<m> p95_ms=<p>      (one photo by id: a round trip through Prisma)
//   photo-library photos=<n> median_ms=<m> p95_ms=<p>
//   photo-library-search photos=<n> median_ms=<m> p95_ms=<p>
//   photo-library-correspondent photos=<n> median_ms=<m> p95_ms=<p>  (the correspondent's two cases)
import type pg from "pg";

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 100_000);

export async function fillPhotos(client: pg.Client) {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Photo" WHERE id LIKE 'bench_photo%'`);
  if (rows[0].n >= PHOTOS) return console.log(`using the ${rows[0].n} bench photos already there`);
  const started = Date.now();
  await client.query(`INSERT INTO "Contributor" (id, name, slug) SELECT 'bench_contrib_' || i, '摄影' || i, 'bench-contrib-' || i FROM generate_series(0, 29) i ON CONFLICT DO NOTHING`);
  // Words as captions use them: a place, an event and a scene, so a search finds some but not all.
  await client.query(`INSERT INTO "Photo" (id, "storageKey", "mimeType", width, height, bytes, caption, credit, keywords, place, event, "takenAt", camera, "photographerId", "searchText", "uploaderId", "createdAt")
    SELECT 'bench_photo' || lpad(i::text, 7, '0'), 'bench/' || i, 'image/jpeg', 6000, 4000, 8000000,
      p.place || e.event || '现场，' || s.scene || '（第' || i || '张）', '本报记者 摄影' || (i % 30) || ' 摄', ARRAY[e.event, p.place], p.place, e.event,
      t - interval '2 hours', 'Nikon Z 8', 'bench_contrib_' || (i % 30),
      p.place || e.event || '现场，' || s.scene || '（第' || i || '张）' || E'\\n本报记者 摄影' || (i % 30) || E' 摄\\n' || e.event || ' ' || p.place || E'\\n' || p.place || E'\\n' || e.event,
      'bench_user_' || (3 + i % 57), t
    FROM (SELECT i, now() - ((($1 - i)::float / $1) * interval '3650 days') AS t FROM generate_series(1, $1) i) g
    CROSS JOIN LATERAL (SELECT (ARRAY['梨树县','伊通满族自治县','铁西区','铁东区','双辽','公主岭'])[1 + g.i % 6] AS place) p
    CROSS JOIN LATERAL (SELECT (ARRAY['秋收','春耕','防汛','招商引资','人居环境整治','志愿服务','运动会','文艺演出','秸秆禁烧','人才培训','冰雪节'])[1 + (g.i / 7) % 11] AS event) e
    CROSS JOIN LATERAL (SELECT (ARRAY['农民驾驶收割机','工作人员查看进度','群众排队办理业务','学生参加比赛','志愿者入户走访','演员表演节目','技术员现场讲解'])[1 + (g.i / 3) % 7] AS scene) s
    ON CONFLICT DO NOTHING`, [PHOTOS]);
  // Every third photo has run in a published bench story.
  await client.query(`INSERT INTO "StoryPhoto" ("storyId", "photoId")
    SELECT s.id, p.id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Photo" WHERE id LIKE 'bench_photo%') p
    JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Story" WHERE id LIKE 'bench%' AND id NOT LIKE 'release_bench%' AND status = 'PUBLISHED') s ON s.n = p.n / 3
    WHERE p.n % 3 = 0 ON CONFLICT DO NOTHING`);
  // Rows written here, not released: their 已刊用 flag as a release would have set it (lib/photos/links.ts).
  await client.query(`UPDATE "Photo" p SET "hasRun" = true WHERE p.id LIKE 'bench_photo%'
    AND EXISTS (SELECT 1 FROM "StoryPhoto" sp JOIN "Story" s ON s.id = sp."storyId" WHERE sp."photoId" = p.id AND s.status = 'PUBLISHED')`);
  await client.query(`ANALYZE "Photo"; ANALYZE "StoryPhoto"`);
  console.log(`filled ${PHOTOS} photos in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

type Percentile = (sorted: number[], p: number) => number;

export async function benchPhotoLibrary(runs: number, percentile: Percentile) {
  const { listLibrary } = await import("@/lib/photos/library");
  const { db } = await import("@/lib/platform/db");
  const total = await db().photo.count();
  const editor = { id: "bench_user_0", username: "bench_user_0", name: "编辑", role: "EDITOR" as const, affiliation: "", bylineTitle: "" };
  const correspondent = { id: "bench_user_11", username: "bench_user_11", name: "通讯员", role: "CORRESPONDENT" as const, affiliation: "", bylineTitle: "" };
  const first = await listLibrary(editor, {});
  const cases: [string, typeof editor | typeof correspondent, object, "browse" | "search"][] = [
    ["desk: newest", editor, {}, "browse"],
    ["desk: second page", editor, { after: first.nextCursor ?? undefined }, "browse"],
    ["desk: photographer", editor, { photographer: "bench_contrib_7" }, "browse"],
    ["desk: unused", editor, { use: "unused" }, "browse"],
    ["desk: taken in a month 5y ago", editor, { from: day(-5 * 365), to: day(-5 * 365 + 30) }, "browse"],
    ["correspondent: newest", correspondent, {}, "browse"],
    ["search: common word (秋收)", editor, { q: "秋收" }, "search"],
    ["search: place + event", editor, { q: "双辽 冰雪节" }, "search"],
    ["search: photographer name", editor, { q: "摄影17" }, "search"],
    ["search: one photo (第4321张)", editor, { q: "第4321张" }, "search"],
    ["search: nothing found", editor, { q: "航天发射" }, "search"],
    ["correspondent: search", correspondent, { q: "春耕" }, "search"],
  ];
  const all = { browse: [] as number[], search: [] as number[], correspondent: [] as number[], baseline: [] as number[] };
  const onePhoto = (await db().photo.findFirstOrThrow({ where: { id: { startsWith: "bench_photo" } }, select: { id: true } })).id;
  const timed = async (work: () => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await work();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Each case beside the baseline, so both see the same moment of a busy machine.
      let t = performance.now();
      await db().photo.findUnique({ where: { id: onePhoto }, select: { id: true } });
      all.baseline.push(performance.now() - t);
      t = performance.now();
      await work();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b);
  };
  for (const [name, who, filters, kind] of cases) {
    const times = await timed(() => listLibrary(who, filters));
    all[kind].push(...times);
    if (who === correspondent) all.correspondent.push(...times);
    console.log(`  ${name.padEnd(30)} median_ms=${percentile(times, 50).toFixed(1)} p95_ms=${percentile(times, 95).toFixed(1)}`);
  }
  const line = { baseline: "photo-library-baseline", browse: "photo-library", search: "photo-library-search", correspondent: "photo-library-correspondent" };
  for (const kind of ["baseline", "browse", "search", "correspondent"] as const) {
    const xs = all[kind].sort((a, b) => a - b);
    console.log(`${line[kind]} photos=${total} median_ms=${percentile(xs, 50).toFixed(1)} p95_ms=${percentile(xs, 95).toFixed(1)}`);
  }
}

function day(offset: number): string {
  return new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
}
