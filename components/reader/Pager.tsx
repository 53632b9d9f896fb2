import Link from "next/link";

// Previous/next page links for archive lists; `href(n)` builds each page's address.
export function Pager({ page, totalPages, href }: { page: number; totalPages: number; href: (n: number) => string }) {
  if (totalPages <= 1) return null;
  return (
    <nav aria-label="分页" className="no-print mt-6 flex items-center justify-between text-sm">
      {page > 1 ? <Link href={href(page - 1)} rel="prev" className="btn btn-sm">上一页</Link> : <span />}
      <span className="text-stone-600">第 {page} / {totalPages} 页</span>
      {page < totalPages ? <Link href={href(page + 1)} rel="next" className="btn btn-sm">下一页</Link> : <span />}
    </nav>
  );
}
