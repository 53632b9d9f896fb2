import { serveIssuePdf } from "@/lib/page-files/serve";

// 合订 PDF: every page of the issue in one document.
type Route = { params: Promise<{ date: string }> };

async function answer(request: Request, { params }: Route) {
  return serveIssuePdf(request, (await params).date);
}

export const GET = answer;
export const HEAD = answer;
