import Link from "next/link";
import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { DESK_SORTS, deskFilters, listDeskPage } from "@/lib/stories/desk-list";
import { listTags } from "@/lib/stories/queries";
import { listAuthors } from "@/lib/users/queries";
import { STATUS_LABELS, STORY_STATUSES } from "@/lib/stories/workflow";
import { KIND_LABELS, STORY_KINDS } from "@/lib/stories/schema";
import { StoryTable } from "@/components/desk/StoryTable";
import { DateField } from "@/components/DateField";
import { SelectField } from "@/components/desk/SelectField";

export const metadata: Metadata = { title: "稿库" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function LibraryPage({ searchParams }: Props) {
  const user = await requireCapability("desk:review");
  const raw = await searchParams;
  const filters = deskFilters.parse(raw);
  const [page, tags, authors] = await Promise.all([listDeskPage(user, filters), listTags(user), listAuthors(user)]);
  const { after: _after, ...kept } = filters;
  const query = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(kept).filter(([, v]) => v)), ...extra } as Record<string, string>)}`;
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">稿库</h1>
      <form method="get" className="mb-4 grid gap-3 rounded border border-stone-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        <label className="block">
          <span className="label">关键词（至少两个字）</span>
          <input type="search" name="q" defaultValue={filters.q} className="input" />
        </label>
        <SelectField withAll label="状态" name="status" value={filters.status} options={STORY_STATUSES.filter((s) => s !== "DRAFT").map((s) => [s, STATUS_LABELS[s]])} />
        <SelectField withAll label="体裁" name="kind" value={filters.kind} options={STORY_KINDS.map((k) => [k, KIND_LABELS[k]])} />
        <SelectField withAll label="标签" name="tag" value={filters.tag} options={tags.map((t) => [t.name, t.name])} />
        <SelectField withAll label="作者" name="author" value={filters.author} options={authors.map((a) => [a.id, a.name])} />
        <div className="block">
          <span className="label">从（日期）</span>
          <DateField name="from" label="从（日期）" defaultValue={filters.from} />
        </div>
        <div className="block">
          <span className="label">到（日期）</span>
          <DateField name="to" label="到（日期）" defaultValue={filters.to} />
        </div>
        <SelectField label="排序" name="sort" value={filters.sort} options={Object.entries(DESK_SORTS)} />
        <div className="flex items-end gap-2">
          <button type="submit" className="btn-primary">筛选</button>
          <Link href="/desk/library" className="btn">清除</Link>
        </div>
      </form>
      <StoryTable stories={page.items} empty="没有符合条件的稿件。" showAuthor />
      <nav aria-label="翻页" className="mt-4 flex justify-between text-sm">
        {filters.after ? <Link href={query({})} className="btn btn-sm">回到第一页</Link> : <span />}
        {page.nextCursor && <Link href={query({ after: page.nextCursor })} className="btn btn-sm">下一页</Link>}
      </nav>
    </>
  );
}
