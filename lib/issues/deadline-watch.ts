import "server-only";
import { db } from "@/lib/platform/db";
import { rolesWith } from "@/lib/core/roles";
import { issueDateFromString, issueDateToString } from "@/lib/core/dates";
import { notifyEach } from "@/lib/inbox/notify";
import { deadlineTimes } from "@/lib/issues/paper-profile";
import { pageDeadlines } from "@/lib/issues/deadlines";
import { pageLabel } from "@/lib/format";

// Pages past their 截稿 or 签版 tell the 值班总编 and the page's 责任编辑 in the inbox, once per page and
// deadline. Run by the alarm watch every minute (lib/job-workers.ts). The page's 责任编辑 is a name on
// its foot: the desk account of that name hears of it, when there is one.

const DAY_MS = 86_400_000;
const WHICH = { copy: "截稿", sign: "签版" } as const;

/** Tells of each page newly past a deadline at `now`; returns how many were told of. */
export async function tellOverduePages(now: Date): Promise<number> {
  const times = await deadlineTimes();
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  // A page's deadlines fall on its issue's eve or its date: issues of yesterday to the day after tomorrow.
  const from = issueDateFromString(today);
  const pages = await db().page.findMany({
    where: { issue: { status: { not: "PUBLISHED" }, date: { gte: new Date(from.getTime() - DAY_MS), lte: new Date(from.getTime() + 2 * DAY_MS) } } },
    select: {
      id: true,
      number: true,
      status: true,
      editorCredit: true,
      issue: { select: { number: true, date: true } },
      placements: { select: { storyId: true, filed: { select: { id: true } } } },
      _count: { select: { arriving: { where: { storyId: { not: null } } } } },
    },
  });
  const overdue = pages.flatMap((page) => {
    const at = pageDeadlines(issueDateToString(page.issue.date), times);
    const copyIn = (page.placements.some((p) => p.storyId) || page._count.arriving > 0) && !page.placements.some((p) => !p.storyId && !p.filed);
    return [
      ...(now.getTime() > Date.parse(at.copy) && !copyIn ? [{ page, which: "copy" as const }] : []),
      ...(now.getTime() > Date.parse(at.sign) && page.status !== "SIGNED" ? [{ page, which: "sign" as const }] : []),
    ];
  });
  if (overdue.length === 0) return 0;
  return db().$transaction(async (tx) => {
    // Two watches at once (two instances) tell once: the second waits here and finds it told.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('page-overdue'))`;
    const told = await tx.notification.findMany({
      where: { kind: "PAGE_OVERDUE", pageId: { in: overdue.map((o) => o.page.id) } },
      select: { pageId: true, message: true },
      distinct: ["pageId", "message"],
    });
    const fresh = overdue.filter((o) => !told.some((t) => t.pageId === o.page.id && t.message.startsWith(noticeStart(o.page, o.which))));
    if (fresh.length === 0) return 0;
    const chiefs = await tx.user.findMany({ where: { active: true, role: { in: rolesWith("issue:publish") } }, select: { id: true } });
    const names = [...new Set(fresh.map((o) => o.page.editorCredit).filter(Boolean))];
    const editors = await tx.user.findMany({ where: { active: true, name: { in: names }, role: { in: rolesWith("issue:assemble") } }, select: { id: true, name: true } });
    await notifyEach(
      tx,
      fresh.map(({ page, which }) => ({
        recipientIds: [...chiefs.map((c) => c.id), ...editors.filter((e) => e.name === page.editorCredit).map((e) => e.id)],
        actorId: null,
        pageId: page.id,
        kind: "PAGE_OVERDUE" as const,
        message: `${noticeStart(page, which)}${which === "copy" ? "还有稿件未到" : "还没有签版"}（${WHICH[which]}时间 ${which === "copy" ? times.copy : times.sign}）`,
      })),
    );
    return fresh.length;
  });
}

/** How a notice of this page and deadline begins: the mark that it was told. */
function noticeStart(page: { number: number; issue: { number: number } }, which: keyof typeof WHICH): string {
  return `总第${page.issue.number}期${pageLabel(page.number)}${WHICH[which]}超时：`;
}
