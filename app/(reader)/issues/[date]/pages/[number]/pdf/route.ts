import { servePageFile } from "@/lib/page-files/serve";

// 下载本版 PDF: the page as it was printed.
type Route = { params: Promise<{ date: string; number: string }> };

async function answer(request: Request, { params }: Route) {
  const { date, number } = await params;
  return servePageFile(request, date, number, "pdf");
}

export const GET = answer;
export const HEAD = answer;
