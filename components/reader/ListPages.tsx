import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { authorPage, tagPage } from "@/lib/reader/archive";
import { StoryCards } from "@/components/reader/StoryCards";
import { Pager } from "@/components/reader/Pager";
import { TAG_KIND_LABELS } from "@/lib/stories/schema";
import { CONTRIBUTOR_SLUG } from "@/lib/validation/user";
import { photoUrl } from "@/lib/format";

// Tag pages and contributors' pages, shared by their first page and their numbered pages.

export function pageNumber(n: string | undefined): number | null {
  if (n === undefined) return 1;
  return /^[1-9]\d{0,4}$/.test(n) ? Number(n) : null;
}

const tagHref = (name: string, n: number) => (n === 1 ? `/tags/${encodeURIComponent(name)}` : `/tags/${encodeURIComponent(name)}/page/${n}`);
const authorHref = (slug: string, n: number) => (n === 1 ? `/authors/${slug}` : `/authors/${slug}/page/${n}`);

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

export async function authorMetadata(slug: string, n: number | null): Promise<Metadata> {
  const data = n && CONTRIBUTOR_SLUG.test(slug) ? await authorPage(slug, n) : null;
  if (!data) return { title: "找不到这位作者" };
  return { title: `${data.author.name}的作品`, description: `${data.author.title} ${data.author.name}的报道与摄影作品，共 ${data.total} 篇`, alternates: { canonical: authorHref(slug, n ?? 1) } };
}

export async function AuthorList({ slug, n }: { slug: string; n: number | null }) {
  const data = n && CONTRIBUTOR_SLUG.test(slug) ? await authorPage(slug, n) : null;
  if (!data || (n ?? 1) > data.totalPages) notFound();
  const { written, photographed } = data.counts;
  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title" className="mb-1 font-serif text-2xl font-bold">{data.author.name}</h1>
      <p className="mb-4 text-sm text-stone-600">
        {[data.author.title, data.author.affiliation].filter(Boolean).join(" · ")}
        {(data.author.title || data.author.affiliation) && " · "}
        报道 {written} 篇{photographed > 0 && ` · 摄影 ${photographed} 篇`}
      </p>
      {data.photos.length > 0 && (
        <section aria-labelledby="photos-title" className="mb-6">
          <h2 id="photos-title" className="mb-2 font-serif text-lg font-bold">摄影作品</h2>
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {data.photos.map((p) => (
              <li key={`${p.storyId}:${p.photoId}`}>
                <Link href={`/stories/${p.storyId}`} className="block">
                  <img src={photoUrl(p.photoId, "w480")} width={p.width} height={p.height} alt={p.caption} loading="lazy" className="aspect-[4/3] w-full bg-stone-100 object-cover" />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <StoryCards stories={data.stories} />
      <Pager page={data.page} totalPages={data.totalPages} href={(p) => authorHref(slug, p)} />
    </section>
  );
}
