import { db } from "@/lib/platform/db";

export const dynamic = "force-dynamic";

// For load balancers and the start script: the app answers and its database does too.
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false, error: "数据库不可用" }, { status: 503 });
  }
}
