import "server-only";
import { db } from "@/lib/platform/db";
import { sendJob } from "@/lib/platform/jobs";
import { QUEUES } from "@/lib/jobs/queues";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { recordAudit } from "@/lib/core/audit";
import { conflict, forbidden, notFound } from "@/lib/core/errors";
import { isRecordId } from "@/lib/core/ids";
import { issueDateToString } from "@/lib/core/dates";
import { engineStatus } from "@/lib/page-files/engine";

// What the administrator sees of the page printer: whether this machine has an engine, and every
// released page whose files failed or are overdue, with a way to start them again.

/** A page still waiting after this long is taken as stuck (its job lost, or no worker running). */
const STUCK_AFTER_MS = 10 * 60_000;

export type PageRenderTrouble = { issueId: string; date: string; issueNumber: number; number: number; state: "PENDING" | "FAILED"; attempts: number; error: string; since: Date };

export type PageRenderReport = { engine: ReturnType<typeof engineStatus>; troubles: PageRenderTrouble[] };

function assertAdmin(actor: SessionUser) {
  if (!can(actor.role, "account:manage")) throw forbidden("只有管理员可以管理版面文件的生成");
}

export async function pageRenderReport(actor: SessionUser): Promise<PageRenderReport> {
  assertAdmin(actor);
  const rows = await db().pageRender.findMany({
    where: { OR: [{ state: "FAILED" }, { state: "PENDING", updatedAt: { lt: new Date(Date.now() - STUCK_AFTER_MS) } }] },
    orderBy: [{ updatedAt: "desc" }, { number: "asc" }],
    take: 200,
    select: { issueId: true, number: true, state: true, attempts: true, error: true, updatedAt: true, page: { select: { issue: { select: { date: true, number: true } } } } },
  });
  return {
    engine: engineStatus(),
    troubles: rows.map((r) => ({
      issueId: r.issueId,
      date: issueDateToString(r.page.issue.date),
      issueNumber: r.page.issue.number,
      number: r.number,
      state: r.state as "PENDING" | "FAILED",
      attempts: r.attempts,
      error: r.error,
      since: r.updatedAt,
    })),
  };
}

/** 重新生成: the issue's pages without files are tried afresh, by the job queue. Pages done are left as printed. */
export async function renderAgain(actor: SessionUser, issueId: string): Promise<number> {
  assertAdmin(actor);
  if (!isRecordId(issueId)) throw notFound("找不到这一期");
  return db().$transaction(async (tx) => {
    const issue = await tx.issue.findUnique({ where: { id: issueId }, select: { number: true, status: true } });
    if (!issue || issue.status !== "PUBLISHED") throw notFound("找不到这一期见报的报纸");
    const reset = await tx.pageRender.updateMany({ where: { issueId, state: { not: "DONE" } }, data: { state: "PENDING", attempts: 0, error: "" } });
    if (reset.count === 0) throw conflict(`总第${issue.number}期的版面文件都已生成`);
    await sendJob(tx, QUEUES.pageRender, { issueId });
    await recordAudit(tx, { actorId: actor.id, action: "issue.render_again", targetType: "issue", targetId: issueId, summary: { number: issue.number, pages: reset.count } });
    return reset.count;
  });
}
