import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { authorPage, tagPage } from "@/lib/reader/archive";
import { StoryCards } from "@/components/reader/StoryCards";
import { Pager } from "@/components/reader/Pager";
import { TAG_KIND_LABELS } from "@/lib/validation/story";
import { USERNAME } from "@/lib/validation/user";

// Tag pages and byline pages, shared by their first page and their numbered pages.

export function pageNumber(n: string | undefined): number | null {
  if (n === undefined) return 1;
  return /^[1-9]\d{0,4}$/.test(n) ? Number(n) : null;
}

const tagHref = (name: string, n: number) => (n === 1 ? `/tags/${encodeURIComponent(name)}` : `/tags/${encodeURIComponent(name)}/page/${n}`);
const authorHref = (username: string, n: number) => (n === 1 ? `/authors/${username}` : `/authors/${username}/page/${n}`);

export async function tagMetadata(name: string | null, n: number | null): Promise<Metadata> {
  const data = n && name ? await tagPage(name, n) : null;
  if (!data) return { title: "找不到这个标签" };
  return {
    title: `${data.tag.name}${n && n > 1 ? `（第${n}页）` : ""}`,
    description: `${data.tag.name}相关报道，共 ${data.total} 篇`,
    alternates: { canonical: tagHref(data.tag.name, n ?? 1), types: { "application/rss+xml": `/tags/${encodeURIComponent(data.tag.name)}/feed.xml` } },
  };
}

export async function TagList({ name, n }: { name: string | null; n: number | null }) {
  const data = n && name ? await tagPage(name, n) : null;
  if (!data || (n ?? 1) > data.totalPages) notFound();
  return (
    <section aria-labelledby="list-title">
      <p className="text-sm text-stone-500">{TAG_KIND_LABELS[data.tag.kind]}</p>
      <h1 id="list-title" className="mb-1 font-serif text-2xl font-bold">{data.tag.name}</h1>
      <p className="mb-4 text-sm text-stone-600">
        共 {data.total} 篇报道 · <Link href={`/tags/${encodeURIComponent(data.tag.name)}/feed.xml`} className="text-masthead underline">订阅 RSS</Link>
      </p>
      <StoryCards stories={data.stories} />
      <Pager page={data.page} totalPages={data.totalPages} href={(p) => tagHref(data.tag.name, p)} />
    </section>
  );
}

export async function authorMetadata(username: string, n: number | null): Promise<Metadata> {
  const data = n && USERNAME.test(username) ? await authorPage(username, n) : null;
  if (!data) return { title: "找不到这位作者" };
  return { title: `${data.author.name}的报道`, description: `${data.author.bylineTitle} ${data.author.name}的报道，共 ${data.total} 篇`, alternates: { canonical: authorHref(username, n ?? 1) } };
}

export async function AuthorList({ username, n }: { username: string; n: number | null }) {
  const data = n && USERNAME.test(username) ? await authorPage(username, n) : null;
  if (!data || (n ?? 1) > data.totalPages) notFound();
  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title" className="mb-1 font-serif text-2xl font-bold">{data.author.name}的报道</h1>
      <p className="mb-4 text-sm text-stone-600">
        {data.author.bylineTitle}{data.author.affiliation && ` · ${data.author.affiliation}`} · 共 {data.total} 篇
      </p>
      <StoryCards stories={data.stories} />
      <Pager page={data.page} totalPages={data.totalPages} href={(p) => authorHref(username, p)} />
    </section>
  );
}
