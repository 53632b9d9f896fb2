import { currentUser } from "@/lib/core/session";
import { jsonError } from "@/lib/core/http";
import { paperDay } from "@/lib/core/dates";
import { adoptionStats } from "@/lib/adoption/stats";
import { adoptionCsv } from "@/lib/adoption/csv";

export const dynamic = "force-dynamic";

// The ranking as a CSV file: /desk/stats/export?period=2026-11&by=unit (editors, finance).
export async function GET(request: Request) {
  try {
    const user = await currentUser();
    if (!user) return Response.json({ error: "请先登录" }, { status: 401 });
    const params = new URL(request.url).searchParams;
    const by = params.get("by") === "unit" ? "unit" : "person";
    const stats = await adoptionStats(user, params.get("period") ?? paperDay().slice(0, 7));
    const name = `采用统计-${stats.period.key}-${by === "unit" ? "按单位" : "按人"}.csv`;
    return new Response(adoptionCsv(stats, by), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="adoption-${stats.period.key}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return jsonError(e);
  }
}
