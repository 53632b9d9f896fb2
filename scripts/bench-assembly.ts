// Part of `npm run bench:desk` (not a test): how long the server takes to answer a move on the
// board, on a 16-page issue of 64 stories, in a database that also holds the 100k-story desk list.
// A move is what the board's action does: the command (locks the issue, checks page versions,
// renumbers, audits) and reading back the two pages it touched. Prints:
//   assembly-move pages=16 stories=64 moves=<n> median_ms=<m> p95_ms=<p>
import type { SessionUser } from "@/lib/core/session";

const PAGES = 16;
const PER_PAGE = 4;

/** A 16-page issue of 64 approved stories placed four to a page, and the editor who made it. */
export async function assemblyIssue(editorPassword?: string): Promise<{ editor: SessionUser; issueId: string; pageIds: string[] }> {
  const { db } = await import("@/lib/platform/db");
  const { hashPassword } = await import("@/lib/auth/password");
  const { createIssue } = await import("@/lib/issues/mutations");
  const { addPageTo, pageAtNow, placeOnPage } = await import("@/lib/issues/commands");
  const { changeStory, createStory } = await import("@/lib/desk/story-commands");

  const person = async (role: SessionUser["role"], name: string, password?: string): Promise<SessionUser> => {
    const username = `bench_${role.toLowerCase()}_${Date.now()}`;
    const passwordHash = password ? await hashPassword(password) : "x";
    return db().user.create({ data: { username, name, role, passwordHash, bylineTitle: "本报记者" }, select: { id: true, username: true, name: true, role: true, affiliation: true, bylineTitle: true } });
  };
  const editor = await person("EDITOR", "基准编辑", editorPassword);
  const author = await person("CORRESPONDENT", "基准记者");
  // A date no real issue has: a year after the last one.
  const last = await db().issue.aggregate({ _max: { date: true } });
  const date = new Date((last._max.date?.getTime() ?? Date.UTC(2030, 0, 1)) + 400 * 86400_000).toISOString().slice(0, 10);
  const issue = await createIssue(editor, { date });
  for (let n = 5; n <= PAGES; n++) await addPageTo(editor, issue.id, { number: String(n), name: `基准${n}版` });
  const pages = await db().page.findMany({ where: { issueId: issue.id }, orderBy: { number: "asc" }, select: { id: true } });
  for (const [p, page] of pages.entries()) {
    for (let i = 0; i < PER_PAGE; i++) {
      const draft = {
        kind: "NEWS_BRIEF",
        kicker: "",
        headline: `基准稿件 ${p + 1}-${i + 1}`,
        subheadline: "",
        byline: "本报记者 基准",
        dateline: "",
        body: [{ type: "paragraph", text: "基准测试用的正文。".repeat(40) }],
        tags: [],
      };
      const filed = await createStory(author, draft, { submit: true });
      await changeStory(editor, { action: "approve", storyId: filed.id, baseVersion: filed.version });
      await placeOnPage(editor, { storyId: filed.id, to: await pageAtNow(page.id), index: i });
    }
  }
  return { editor, issueId: issue.id, pageIds: pages.map((p) => p.id) };
}

/** Moves spread over the issue the way an editor makes them: within a page and between pages. */
export function moveChooser(pageIds: string[]) {
  let seed = 7;
  const next = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  return async (run: number) => {
    const { db } = await import("@/lib/platform/db");
    const { pageAtNow } = await import("@/lib/issues/commands");
    const from = pageIds[next(pageIds.length)];
    const to = run % 3 === 0 ? from : pageIds[next(pageIds.length)];
    const items = await db().placement.findMany({ where: { pageId: from }, select: { id: true } });
    if (items.length === 0) return null;
    return { placementId: items[next(items.length)].id, from: await pageAtNow(from), to: await pageAtNow(to), index: next(PER_PAGE + 1) };
  };
}

export async function benchAssemblyMoves(runs: number, percentile: (sorted: number[], p: number) => number): Promise<void> {
  const { moveItem } = await import("@/lib/issues/commands");
  const { boardPages } = await import("@/lib/issues/board");
  const { editor, pageIds } = await assemblyIssue();
  const choose = moveChooser(pageIds);
  const times: number[] = [];
  for (let run = 0; run < runs + 5; run++) {
    const move = await choose(run);
    if (!move) continue;
    const t = performance.now();
    await moveItem(editor, move);
    await boardPages(editor, [...new Set([move.from.pageId, move.to.pageId])]);
    if (run >= 5) times.push(performance.now() - t); // the first few warm the caches up
  }
  times.sort((a, b) => a - b);
  console.log(`assembly-move pages=${PAGES} stories=${PAGES * PER_PAGE} moves=${times.length} median_ms=${percentile(times, 50).toFixed(1)} p95_ms=${percentile(times, 95).toFixed(1)}`);
}
