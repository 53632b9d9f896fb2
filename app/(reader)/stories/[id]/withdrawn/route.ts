import { isWithdrawn } from "@/lib/reader/queries";
import { isRecordId } from "@/lib/core/ids";
import { PAPER } from "@/lib/paper";

// A withdrawn story's page sends its readers here: the answer a page cannot give, 410 Gone, so
// search engines and the front cache drop the story for good. Anything else is not here.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isRecordId(id) || !(await isWithdrawn(id))) return new Response(null, { status: 307, headers: { Location: `/stories/${encodeURIComponent(id)}` } });
  return new Response(goneHtml, {
    status: 410,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}

const goneHtml = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>稿件已撤回 · ${PAPER.name}</title></head><body style="font-family:sans-serif;max-width:36rem;margin:6rem auto;padding:0 1rem;color:#1f1f1f"><h1>稿件已撤回</h1><p>这篇稿件已由${PAPER.name}撤回，不再提供阅读。</p><p><a href="/" style="color:#b71c1c">看最新一期</a></p></body></html>`;
