import { currentUser } from "@/lib/core/session";
import { jsonError } from "@/lib/core/http";
import { feeMonth } from "@/lib/fees/ledger";
import { feeMonthCsv, feeMonthXlsx } from "@/lib/fees/export";
import { paperProfile } from "@/lib/issues/paper-profile";

export const dynamic = "force-dynamic";

// A closed month's 稿酬 for the finance office: /desk/fees/export?month=2026-11&format=xlsx|csv.
export async function GET(request: Request) {
  try {
    const user = await currentUser();
    if (!user) return Response.json({ error: "请先登录" }, { status: 401 });
    const params = new URL(request.url).searchParams;
    const xlsx = params.get("format") === "xlsx";
    const view = await feeMonth(user, params.get("month") ?? "");
    const body = xlsx ? new Uint8Array(await feeMonthXlsx(view, (await paperProfile()).name)) : feeMonthCsv(view);
    const name = `稿酬-${view.month}.${xlsx ? "xlsx" : "csv"}`;
    return new Response(body, {
      headers: {
        "Content-Type": xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="fees-${view.month}.${xlsx ? "xlsx" : "csv"}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return jsonError(e);
  }
}
