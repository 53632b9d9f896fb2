import { currentUser } from "@/lib/core/session";
import { jsonError } from "@/lib/core/http";
import { errorReport } from "@/lib/quality/report";
import { errorLogCsv } from "@/lib/quality/csv";
import { paperDay } from "@/lib/core/dates";

export const dynamic = "force-dynamic";

// The month's 差错 log as a spreadsheet file: /api/desk/quality/errors?month=2026-11 (editors); this
// month's without one.
export async function GET(request: Request) {
  try {
    const user = await currentUser();
    if (!user) return Response.json({ error: "请先登录" }, { status: 401 });
    const month = new URL(request.url).searchParams.get("month") ?? paperDay().slice(0, 7);
    const report = await errorReport(user, month);
    const name = `差错记录-${report.month}.csv`;
    return new Response(errorLogCsv(report.entries), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="errors-${report.month}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return jsonError(e);
  }
}
