import type { Metadata } from "next";
import { searchStories, RESULT_CAP } from "@/lib/reader/search";
import { QUERY_MAX_CHARS } from "@/lib/validation/search-terms";
import { allTags } from "@/lib/reader/archive";
import { StoryCards } from "@/components/reader/StoryCards";
import { Pager } from "@/components/reader/Pager";
import { readPaperDay } from "@/lib/core/dates";
import { printable } from "@/lib/validation/text";
import { DateField } from "@/components/DateField";

export const metadata: Metadata = { title: "搜索", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const day = (v: string) => readPaperDay(v);

// Search is per query, so the page renders on request; the query itself is cached like every reader read.
export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = printable(one(params.q), " ").slice(0, 200);
  const from = day(one(params.from));
  const to = day(one(params.to));
  const tag = printable(one(params.tag), " ").trim().slice(0, 20) || undefined;
  const page = Math.min(Math.max(1, Number.parseInt(one(params.page), 10) || 1), RESULT_CAP / 20);
  const [result, tags] = await Promise.all([searchStories({ q, from, to, tag, page }), allTags()]);
  const href = (n: number) => `/search?${new URLSearchParams({ q, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(tag ? { tag } : {}), page: String(n) })}`;
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title" className="mb-4 font-serif text-2xl font-bold">搜索报道</h1>
      <form role="search" method="get" className="mb-6 grid gap-3 rounded border border-stone-300 bg-white p-4 md:grid-cols-[1fr_auto_auto_auto_auto]">
        <label className="block">
          <span className="label">关键词</span>
          <input type="search" name="q" defaultValue={q} className="input" placeholder="例如：秸秆、志愿服务" />
        </label>
        <div className="block">
          <span className="label">从</span>
          <DateField name="from" label="从" defaultValue={from} />
        </div>
        <div className="block">
          <span className="label">到</span>
          <DateField name="to" label="到" defaultValue={to} />
        </div>
        <label className="block">
          <span className="label">标签</span>
          <select name="tag" defaultValue={tag ?? ""} className="input">
            <option value="">全部</option>
            {tags.map((t) => (
              <option key={t.name} value={t.name}>{t.name}</option>
            ))}
          </select>
        </label>
        <div className="flex items-end">
          <button type="submit" className="btn-primary">搜索</button>
        </div>
      </form>
      {result.kind === "empty" && <p className="text-stone-600">输入关键词，搜索已见报的全部稿件的标题和正文。</p>}
      {result.kind === "too-short" && <p role="status" className="text-stone-700">请至少输入两个字：一个字几乎出现在每篇稿件里。</p>}
      {result.kind === "results" && (
        <>
          <p role="status" className="mb-2 text-sm text-stone-700">
            {result.total === 0 ? `没有找到包含“${result.terms.join(" ")}”的稿件。` : `找到 ${result.capped ? `${RESULT_CAP} 多` : result.total} 篇包含“${result.terms.join(" ")}”的稿件，标题命中的排在前面，其余按时间由近及远。`}
            {result.truncated && ` 关键词过长，只用了前 ${QUERY_MAX_CHARS} 个字。`}
          </p>
          <StoryCards stories={result.hits} snippets={Object.fromEntries(result.hits.map((h) => [h.id, h.snippet]))} />
          <Pager page={result.page} totalPages={result.totalPages} href={href} />
        </>
      )}
    </section>
  );
}
