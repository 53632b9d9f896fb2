import { expect, expectAccessible, newUserPage, query, test } from "./support";
import { makeIssue } from "./page-fixtures";

// 警报 in the browser: a scheduled release still not out two minutes after its time puts a red band
// on every back-office page of the chief editor (and the administrator), without a reload; the
// alarm watch, a job every minute in the running app, tells each of them once in the inbox; and
// 立即见报 from the band's link takes it away. "Late" is made by setting times in the database.

/** A moment as Beijing wall-clock time with seconds, as the datetime-local field takes it. */
const beijingWallClock = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
/** "2026-11-28" → "2026年11月28日", as the band prints the issue's date (before its weekday). */
const printedDate = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8))}日`;
/** A moment as the band prints it in Beijing time: "11月28日 06:25". */
const printedMoment = (at: Date) => {
  const iso = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 ${iso.slice(11, 16)}`;
};

const count = async (sql: string, params: unknown[]) => Number((await query<{ n: string }>(sql, params))[0].n);
/** One run of the alarm watch now, as its every-minute schedule would send it, so the test need not wait for the minute. */
const watchNow = () => query(`INSERT INTO pgboss.job (name, data) VALUES ('alarm-watch', '{}'::jsonb)`);

test("a late release puts a red band on the chief editor's every desk page until 立即见报", async ({ browser }) => {
  test.setTimeout(420_000);
  // A back issue's day no other test uses: released at the end, it must not become the front page
  // that release.spec.ts expects its own issue on.
  const date = "2025-02-11";
  const headline = "城区新增三处夜间便民集市";
  const issue = await makeIssue({
    date,
    number: 8851,
    published: false,
    pages: [{ number: 1, name: "要闻", items: [{ headline, paragraphs: ["入夏以来，城区新设的三处夜间便民集市陆续开市，摊位免收租金，每晚吸引数千名市民前来。"], author: "lixue", isLead: true, size: "LEAD" }] }],
  });
  await query(`UPDATE "Page" SET status = 'SIGNED', "signedAt" = now() WHERE "issueId" = $1`, [issue.id]);

  // The chief editor sets the release an hour ahead, then goes on working elsewhere on the desk.
  const chief = await newUserPage(browser, "zongbian");
  await chief.goto(`/desk/issues/${issue.id}`);
  await chief.getByLabel("见报时间（北京时间）").fill(beijingWallClock(new Date(Math.ceil((Date.now() + 3600_000) / 1000) * 1000)));
  await chief.getByRole("button", { name: "定时见报" }).click();
  await expect(chief.getByTestId("release-state")).toContainText("定时见报：北京时间");
  await chief.goto("/desk/queue");
  const band = (page: typeof chief) => page.locator(`[data-alarm^="release:${issue.id}:"]`);
  await expect(band(chief)).toHaveCount(0);

  // Its time was five minutes ago, and its job has been failing since (the database dropped the
  // connection) with its next try an hour away: nothing will release it by itself soon.
  const due = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000);
  // The app keeps times as UTC without a zone: say so, whatever this machine's zone.
  await query(`UPDATE "Issue" SET "publishAt" = $2::timestamptz AT TIME ZONE 'UTC' WHERE id = $1`, [issue.id, due.toISOString()]);
  await query(
    `UPDATE pgboss.job SET data = jsonb_set(data, '{publishAt}', to_jsonb($2::text)), state = 'retry', started_on = now(), start_after = now() + interval '1 hour',
       output = '{"message": "Connection terminated unexpectedly"}'::jsonb
     WHERE name = 'issue-release' AND data->>'issueId' = $1`,
    [issue.id, due.toISOString()],
  );

  // The band arrives on the page already open, without a reload.
  await expect(band(chief)).toBeVisible();
  await expect(band(chief)).toContainText(`总第8851期（${printedDate(date)}`);
  await expect(band(chief)).toContainText(`原定北京时间 ${printedMoment(due)} 见报，已晚`);
  await expect(band(chief).getByTestId("desk-alarm-state")).toContainText("见报任务出错，已试 1 次");
  await expect(band(chief).getByTestId("desk-alarm-state")).toContainText("出错原因：连不上数据库（Connection terminated unexpectedly）");
  await expectAccessible(chief);
  // Every back-office page carries it, drawn by the server as well.
  await chief.goto("/desk/stories");
  await expect(band(chief)).toContainText(`总第8851期`);

  // The administrator sees it too, pointed at the background jobs, since only the chief editor releases.
  const admin = await newUserPage(browser, "admin");
  await expect(band(admin)).toContainText("见报须由值班总编操作");
  await expect(band(admin).getByRole("link", { name: "查看后台任务" })).toHaveAttribute("href", "/desk/admin#failed-jobs");

  // The watch, running every minute in the app (here sent at once), tells each of them once; the next
  // run tells nobody again.
  const entries = (username: string) =>
    count(`SELECT count(*) AS n FROM "Notification" n JOIN "User" u ON u.id = n."recipientId" WHERE n."issueId" = $1 AND n.kind = 'RELEASE_OVERDUE' AND u.username = $2`, [issue.id, username]);
  await watchNow();
  await expect.poll(() => entries("zongbian"), { timeout: 180_000, intervals: [1000] }).toBe(1);
  const laterRuns = () =>
    count(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'alarm-watch' AND state = 'completed' AND started_on > (SELECT "raisedAt" AT TIME ZONE 'UTC' FROM "Alarm" WHERE "issueId" = $1)`, [issue.id]);
  await watchNow();
  await expect.poll(laterRuns, { timeout: 180_000, intervals: [1000] }).toBeGreaterThan(0);
  expect([await entries("zongbian"), await entries("admin")]).toEqual([1, 1]);
  await chief.goto("/desk/inbox");
  const entry = chief.getByTestId("inbox-message").filter({ hasText: "总第8851期" });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(`总第8851期（${printedDate(date)}`);
  await expect(entry).toContainText("定时见报超时");
  await expect(entry).toHaveAttribute("href", `/desk/issues/${issue.id}#release-title`);

  // The band's one action: the issue's release panel, where 立即见报 ends it.
  await band(chief).getByRole("link", { name: "打开见报面板：立即见报或暂缓" }).click();
  await chief.waitForURL(new RegExp(`/desk/issues/${issue.id}#release-title$`));
  chief.once("dialog", (d) => d.accept());
  await chief.getByRole("button", { name: "立即见报" }).click();
  await expect(chief.getByTestId("release-state")).toContainText("已见报");
  await expect(band(chief)).toHaveCount(0);
  await chief.goto("/desk/queue");
  await expect(chief.locator("main")).toBeVisible();
  await expect(band(chief)).toHaveCount(0);
  // The administrator's open page loses it by itself.
  await expect(band(admin)).toHaveCount(0);
  expect((await query<{ status: string }>(`SELECT status FROM "Issue" WHERE id = $1`, [issue.id]))[0].status).toBe("PUBLISHED");
});

test("a job that failed for good alarms the administrator until acknowledged under 后台任务, and the chief editor as it was a release", async ({ browser }) => {
  test.setTimeout(420_000);
  // A release job the app cannot read, with no retries: the running app's worker fails it for good.
  const [{ id }] = await query<{ id: string }>(
    `INSERT INTO pgboss.job (name, data, retry_limit) VALUES ('issue-release', '{"issueId": "e2e-broken", "publishAt": "不是时间"}'::jsonb, 0) RETURNING id::text`,
  );
  await expect.poll(async () => (await query<{ state: string }>(`SELECT state::text FROM pgboss.job WHERE id::text = $1`, [id]))[0]?.state, { timeout: 120_000, intervals: [1000] }).toBe("failed");
  // The watch's next run raises the alarm (or folds this failure into one already open).
  await watchNow();
  await expect.poll(() => count(`SELECT count(*) AS n FROM "Alarm" WHERE "lastJobId" = $1 AND "endedAt" IS NULL`, [id]), { timeout: 180_000, intervals: [2000] }).toBe(1);

  const admin = await newUserPage(browser, "admin");
  const band = (page: typeof admin) => page.locator(`[data-alarm^="job:"]`).filter({ hasText: "后台任务“定时见报”用完重试仍然失败" });
  await expect(band(admin)).toContainText("原因：");
  const chief = await newUserPage(browser, "zongbian");
  await expect(band(chief)).toContainText("管理员确认后，这条警报才会消失");

  await band(admin).getByRole("link", { name: "查看并确认" }).click();
  await admin.waitForURL(/\/desk\/admin#failed-jobs$/);
  await admin.getByTestId("job-alarm").getByRole("button", { name: "确认已知晓：定时见报" }).click();
  await expect(admin.locator("main").getByText("已确认，这条警报不再显示")).toBeVisible();
  await expect(band(admin)).toHaveCount(0);
  await expect(admin.getByTestId("job-alarm").filter({ hasText: "定时见报" })).toHaveCount(0);
  // The chief editor's open page loses it by itself.
  await expect(band(chief)).toHaveCount(0);
  expect(await count(`SELECT count(*) AS n FROM "AuditEvent" e JOIN "User" u ON u.id = e."actorId" WHERE e.action = 'alarm.acknowledge' AND u.username = 'admin'`, [])).toBe(1);
});
