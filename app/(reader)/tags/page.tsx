import Link from "next/link";
import type { Metadata } from "next";
import { allTags } from "@/lib/reader/archive";
import { TAG_KIND_LABELS, TAG_KINDS } from "@/lib/stories/schema";

export const metadata: Metadata = { title: "地点与话题", description: "按地点和话题浏览报道", alternates: { canonical: "/tags" } };

export default async function TagsIndex() {
  const tags = await allTags();
  return (
    <>
      <h1 className="mb-4 font-serif text-2xl font-bold">地点与话题</h1>
      {TAG_KINDS.map((kind) => (
        <section key={kind} aria-labelledby={`k-${kind}`} className="mb-6">
          <h2 id={`k-${kind}`} className="mb-2 font-semibold text-masthead">{TAG_KIND_LABELS[kind]}</h2>
          <ul className="flex flex-wrap gap-2">
            {tags.filter((t) => t.kind === kind).map((t) => (
              <li key={t.name}>
                <Link href={`/tags/${encodeURIComponent(t.name)}`} className="inline-block rounded-full border border-stone-300 bg-white px-3 py-1 text-sm hover:border-masthead">
                  {t.name} <span className="text-stone-500">{t.count}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
