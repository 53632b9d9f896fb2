import Link from "next/link";
import { PAPER } from "@/lib/paper";

// Reader pages are the same for every reader: rendered once, kept in the shared cache for an hour
// at most, and dropped as soon as anything readers see changes (lib/reader/cache.ts).
export const revalidate = 3600;

export default function ReaderLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        跳到正文
      </a>
      <header className="site-header border-b-4 border-masthead bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-end justify-between gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="whitespace-nowrap font-serif text-3xl font-black tracking-widest text-masthead md:text-4xl">
            {PAPER.name}
          </Link>
          <nav aria-label="站点" className="no-print flex flex-wrap justify-end gap-x-4 gap-y-1 text-sm text-stone-600">
            <Link href="/" className="hover:text-masthead">最新一期</Link>
            <Link href="/calendar" className="hover:text-masthead">往期</Link>
            <Link href="/tags" className="hover:text-masthead">地点与话题</Link>
            <Link href="/search" className="hover:text-masthead">搜索</Link>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
      <footer className="site-footer no-print border-t border-stone-300 py-6 text-center text-xs text-stone-500">
        {PAPER.name} · {PAPER.slogan} · 数字报 ·{" "}
        <Link href="/feed.xml" className="hover:text-masthead">RSS</Link> ·{" "}
        <Link href="/desk" className="hover:text-masthead">采编入口</Link>
      </footer>
    </>
  );
}
