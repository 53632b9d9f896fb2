import { servePageFile } from "@/lib/page-files/serve";

// 下载本版 PDF: the page as it was printed.
type Route = { params: Promise<{ date: string; number: string }> };

export async function GET(_: Request, { params }: Route) {
  const { date, number } = await params;
  return servePageFile(date, number, "pdf");
}

export async function HEAD(_: Request, { params }: Route) {
  const { date, number } = await params;
  return servePageFile(date, number, "pdf", false);
}
