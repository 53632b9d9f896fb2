import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, newUserPage, query, signIn, test } from "./support";

// 见报 in the browser: refused while a page is empty; a scheduled release, with a second app instance
// up, goes out by itself exactly once, at its time, and readers see nothing of the issue before it.
// Page sign-off (签版) is the page desk's own command, built elsewhere: these tests sign pages in
// the database.

const firstPort = Number(process.env.E2E_PORT ?? 3100);

/** A day far enough ahead that no other test's issue is on it. */
const dayAhead = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
/** A moment as Beijing wall-clock time with seconds, as the datetime-local field takes it. */
const beijingWallClock = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19);

async function signAllPages(issueId: string) {
  await query(`UPDATE "Page" SET status = 'SIGNED', "signedAt" = now() WHERE "issueId" = $1`, [issueId]);
}

async function createIssue(editor: Page, date: string): Promise<string> {
  await editor.goto("/desk/issues");
  await editor.getByLabel("出版日期").fill(date);
  await editor.getByRole("button", { name: /创建/ }).click();
  // Not waitForURL, which waits forever: a refusal (a day that already has an issue) fails here.
  await expect(editor).toHaveURL(/\/desk\/issues\/[a-z0-9]+(\?|$)/);
  return new URL(editor.url()).pathname.split("/").pop()!;
}

/** The chief editor, in a browser set to another time zone: times typed and shown stay Beijing time. */
async function chiefAbroad(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ timezoneId: "America/Los_Angeles" });
  const page = await context.newPage();
  await signIn(page, "zongbian");
  return page;
}

test("release is refused while a page is empty, and the reason is shown", async ({ browser, request }) => {
  const date = dayAhead(45);
  const editor = await newUserPage(browser, "bianji");
  const issueId = await createIssue(editor, date);
  await signAllPages(issueId);
  await editor.reload();
  const panel = editor.getByRole("region", { name: "见报", exact: true });
  await expect(panel.getByTestId("release-problems")).toContainText("第1版（要闻）、第2版（综合）、第3版（县区新闻）、第4版（副刊）没有稿件");
  // Editors see where it stands; only the chief editor on duty has the buttons.
  await expect(panel.getByRole("button", { name: "立即见报" })).toHaveCount(0);

  const chief = await chiefAbroad(browser);
  await chief.goto(`/desk/issues/${issueId}`);
  // An issue dated weeks ahead: both ways of releasing it say how early that is, with its date.
  const printed = `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8))}日`;
  const chiefPanel = chief.getByRole("region", { name: "见报", exact: true });
  const field = chiefPanel.getByLabel("见报时间（北京时间）");
  await expect(chiefPanel.getByText("请确认没有选错日期")).toHaveCount(0);
  const dayBefore = new Date(Date.parse(`${date}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
  await field.fill(`${dayBefore}T08:00`);
  await expect(chiefPanel.getByText(`这个时间比本期出版日期（${printed}）早 1 天，请确认没有选错日期。`)).toBeVisible();
  await field.fill(`${dayBefore}T20:00`);
  await expect(chiefPanel.getByText("请确认没有选错日期")).toHaveCount(0);
  let asked = "";
  chief.once("dialog", (d) => {
    asked = d.message();
    void d.accept();
  });
  await chief.getByRole("button", { name: "立即见报" }).click();
  await expect(chief.getByRole("region", { name: "见报", exact: true }).getByRole("alert")).toContainText("还不能见报：第1版（要闻）、第2版（综合）、第3版（县区新闻）、第4版（副刊）没有稿件");
  expect(asked).toContain(`现在见报比本期出版日期（${printed}）早`);
  expect(asked).toContain("立即见报后，本期所有稿件将对读者公开");
  expect((await query<{ status: string }>(`SELECT status FROM "Issue" WHERE id = $1`, [issueId]))[0].status).toBe("PLANNING");
  expect((await request.get(`/issues/${date}`)).status()).toBe(404);
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A second `next start` of the same build on the same database: another instance with its own workers. */
async function startSecondInstance(port: number): Promise<{ child: ChildProcess; log: () => string }> {
  const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (healthy) return { child, log: () => output };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`second instance did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The chief editor sets (or moves) the release `ahead` ms from now, read back from the database. */
async function setReleaseTime(chief: Page, issueId: string, ahead: number, button: "定时见报" | "改期"): Promise<Date | null> {
  const at = new Date(Math.ceil((Date.now() + ahead) / 1000) * 1000);
  const refusals = chief.getByRole("region", { name: "见报", exact: true }).getByRole("alert").filter({ hasText: "已经过去" });
  const refusedBefore = await refusals.allTextContents();
  await chief.getByLabel("见报时间（北京时间）").fill(beijingWallClock(at));
  await chief.getByRole("button", { name: button }).click();
  // The answer is the issue taking the time, or the form saying the time had passed before it arrived.
  let outcome: "set" | "passed" | null = null;
  await expect
    .poll(async () => {
      const [row] = await query<{ publishAt: Date | null }>(`SELECT "publishAt" AT TIME ZONE 'UTC' AS "publishAt" FROM "Issue" WHERE id = $1`, [issueId]);
      if (row.publishAt?.getTime() === at.getTime()) outcome = "set";
      else if ((await refusals.allTextContents()).some((text) => !refusedBefore.includes(text))) outcome = "passed";
      return outcome;
    }, { timeout: 120_000 })
    .not.toBeNull();
  return outcome === "set" ? at : null;
}

const releaseJobs = (issueId: string) =>
  query<{ state: string; publishAt: string; startAfter: Date; startedOn: Date | null }>(
    `SELECT state::text, data->>'publishAt' AS "publishAt", start_after AS "startAfter", started_on AS "startedOn" FROM pgboss.job WHERE name = 'issue-release' AND data->>'issueId' = $1 ORDER BY created_on`,
    [issueId],
  );

// 定时见报 proven without reading the machine's speed: first set ten minutes ahead, further than this
// test may run, so the checks that readers see nothing are made before the time by construction;
// then moved to a few seconds ahead, and the database's own times show the job started, and the
// issue went out, not before it.
test("a scheduled release goes out by itself at its time, once with two instances up, and not before", async ({ browser, request }) => {
  test.setTimeout(360_000);
  const secondPort = await freePort();
  const second = await startSecondInstance(secondPort);
  try {
    const instances = [`http://127.0.0.1:${firstPort}`, `http://127.0.0.1:${secondPort}`];
    await expect.poll(second.log, { timeout: 30_000 }).toContain("[jobs] workers started");
    const [story] = await query<{ id: string; headline: string }>(`SELECT id, headline FROM "Story" WHERE status = 'APPROVED' ORDER BY "createdAt" LIMIT 1`);
    expect(story, "the demo seed leaves an approved story on the desk").toBeDefined();

    // The editor makes a one-page issue with the story on it; the page is then signed.
    const date = dayAhead(46);
    const editor = await newUserPage(browser, "bianji");
    const issueId = await createIssue(editor, date);
    for (const name of ["第4版 · 副刊", "第3版 · 县区新闻", "第2版 · 综合"]) {
      await editor.getByRole("region", { name }).getByRole("button", { name: "删除此版" }).click();
      await expect(editor.getByRole("region", { name })).toHaveCount(0);
    }
    await editor.getByLabel(`为“${story.headline}”选择版面`).selectOption({ label: "第1版 要闻" });
    await editor.getByRole("button", { name: `上版：${story.headline}` }).click();
    await expect(editor.getByRole("region", { name: "第1版 · 要闻" }).getByRole("link", { name: story.headline })).toBeVisible();
    await signAllPages(issueId);

    // Both instances have shown readers the current front page, so it sits in their caches.
    const shows = async (url: string) => (await (await request.get(url)).text()).includes(story.headline);
    for (const base of instances) expect(await shows(`${base}/`), `${base}/ before`).toBe(false);

    // The chief editor, whose browser runs on Los Angeles time, sets Beijing time ten minutes ahead.
    const chief = await chiefAbroad(browser);
    await chief.goto(`/desk/issues/${issueId}`);
    const later = await setReleaseTime(chief, issueId, 600_000, "定时见报");
    expect(later, "a time ten minutes ahead is taken").not.toBeNull();
    await expect(chief.getByRole("status").filter({ hasText: "已定时" })).toContainText("已定时：北京时间");
    await expect(chief.getByTestId("release-state")).toContainText("定时见报：北京时间");
    const [scheduled] = await query<{ status: string; publishAt: Date }>(`SELECT status, "publishAt" AT TIME ZONE 'UTC' AS "publishAt" FROM "Issue" WHERE id = $1`, [issueId]);
    expect(scheduled).toEqual({ status: "SCHEDULED", publishAt: later });
    expect(await releaseJobs(issueId)).toMatchObject([{ state: "created", publishAt: later!.toISOString() }]);

    // Until then readers get nothing of it on either instance, whatever address they guess.
    for (const base of instances) {
      for (const url of [`/issues/${date}`, `/issues/${date}/pages/1`, `/stories/${story.id}`]) {
        expect((await request.get(`${base}${url}`)).status(), `${base}${url} before the release`).toBe(404);
      }
      expect(await shows(`${base}/`), `${base}/ while scheduled`).toBe(false);
    }
    // Not a speed limit: the test's own timeout (six minutes) ends it long before the ten are up.
    expect(Date.now(), "the checks above ran before the release time").toBeLessThan(later!.getTime());

    // 改期 to a few seconds ahead; a machine so busy that the form arrives after that time is told it
    // has passed, and the time is set further ahead.
    let publishAt: Date | null = null;
    for (let ahead = 5_000; !publishAt; ahead *= 2) publishAt = await setReleaseTime(chief, issueId, ahead, "改期");
    await expect(chief.getByTestId("release-state")).toContainText("定时见报：北京时间");

    // The job runs once, on one of the two instances, and says which.
    // The job for the earlier time waits for its own (and will find the issue changed then).
    await expect
      .poll(async () => (await releaseJobs(issueId)).map((j) => [j.publishAt, j.state]), { timeout: 120_000, intervals: [1000] })
      .toEqual([
        [later!.toISOString(), "created"],
        [publishAt.toISOString(), "completed"],
      ]);
    const ran = (await releaseJobs(issueId))[1];
    expect(ran.startedOn!.getTime(), "the queue started the job at its time, not before").toBeGreaterThanOrEqual(publishAt.getTime());
    const [job] = await query<{ output: { released: boolean; stories: number; instancePort: number } }>(
      `SELECT output FROM pgboss.job WHERE name = 'issue-release' AND data->>'issueId' = $1 AND data->>'publishAt' = $2`,
      [issueId, publishAt.toISOString()],
    );
    expect(job.output).toMatchObject({ released: true, stories: 1 });
    expect([firstPort, secondPort]).toContain(job.output.instancePort);
    expect(Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE action = 'issue.release' AND "targetId" = $1`, [issueId]))[0].n)).toBe(1);
    const [released] = await query<{ status: string; publishedAt: Date }>(`SELECT status, "publishedAt" AT TIME ZONE 'UTC' AS "publishedAt" FROM "Issue" WHERE id = $1`, [issueId]);
    expect(released.status).toBe("PUBLISHED");
    expect(released.publishedAt.getTime(), "released at its time, not before").toBeGreaterThanOrEqual(publishAt.getTime());

    // Readable on both instances; the front page cached by both was purged with the release.
    for (const base of instances) {
      expect((await request.get(`${base}/issues/${date}/pages/1`)).status()).toBe(200);
      expect(await shows(`${base}/issues/${date}/pages/1`), `${base} page 1 after`).toBe(true);
      expect((await request.get(`${base}/stories/${story.id}`)).status()).toBe(200);
    }
    for (const base of instances) expect(await shows(`${base}/`), `${base}/ after`).toBe(true);
    await chief.reload();
    await expect(chief.getByTestId("release-state")).toContainText("已见报");
  } catch (e) {
    console.error(`second instance's output:\n${second.log().slice(-4000)}`);
    throw e;
  } finally {
    second.child.kill("SIGTERM");
  }
});
