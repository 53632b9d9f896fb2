import "server-only";
import { db, isUniqueViolation } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { recordAudit } from "@/lib/core/audit";
import { invalid } from "@/lib/core/errors";
import { fieldErrorsOf } from "@/lib/stories/schema";
import { DEFAULT_PAGES, issueInput } from "@/lib/validation/issue";
import { issueDateFromString } from "@/lib/core/dates";
import { mayAssemble } from "@/lib/issues/desk-rules";

// An issue is created here; its pages are arranged with lib/issues/commands.ts and it is released
// with lib/issues/release.ts.

/** Creates the day's issue with the usual four pages; the running number follows the last issue. */
export async function createIssue(actor: SessionUser, input: unknown): Promise<{ id: string }> {
  mayAssemble(actor);
  const parsed = issueInput.safeParse(input);
  if (!parsed.success) throw invalid("请检查出版日期和期号", fieldErrorsOf(parsed.error));
  const date = issueDateFromString(parsed.data.date);
  try {
    return await db().$transaction(async (tx) => {
      const last = await tx.issue.aggregate({ _max: { number: true } });
      const number = typeof parsed.data.number === "number" ? parsed.data.number : (last._max.number ?? 0) + 1;
      const issue = await tx.issue.create({
        data: { date, number, pages: { create: DEFAULT_PAGES.map((p) => ({ ...p })) } },
        select: { id: true },
      });
      await recordAudit(tx, { actorId: actor.id, action: "issue.create", targetType: "issue", targetId: issue.id, summary: { date: parsed.data.date, number } });
      return issue;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid("这一天或这个期号已经有一期报纸了", { date: ["该日期或期号已存在"] });
    throw e;
  }
}
