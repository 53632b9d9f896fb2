import { serveIssuePdf } from "@/lib/page-files/serve";

// 合订 PDF: every page of the issue in one document.
type Route = { params: Promise<{ date: string }> };

export async function GET(_: Request, { params }: Route) {
  return serveIssuePdf((await params).date);
}

export async function HEAD(_: Request, { params }: Route) {
  return serveIssuePdf((await params).date, false);
}
