import Link from "next/link";
import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { env } from "@/lib/platform/env";
import { dateToBeijingDateTime } from "@/lib/core/dates";
import { libraryFilters, libraryPhotographers, listLibrary } from "@/lib/photos/library";
import { BatchUpload } from "@/components/desk/photos/BatchUpload";
import { updatePhotoAction } from "./actions";
import { DateField } from "@/components/DateField";

export const metadata: Metadata = { title: "图片库" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function PhotoLibraryPage({ searchParams }: Props) {
  const user = await requireCapability("story:file");
  const filters = libraryFilters.parse(await searchParams);
  const [page, photographers] = await Promise.all([listLibrary(user, filters), libraryPhotographers(user)]);
  const { after: _after, ...kept } = filters;
  const keptParams = Object.fromEntries(Object.entries(kept).filter(([k, v]) => v && !(k === "dates" && v === "taken"))) as Record<string, string>;
  const query = (extra: Record<string, string>) => `?${new URLSearchParams({ ...keptParams, ...extra })}`;
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">图片库</h1>
      <details className="mb-6" open={page.items.length === 0 && !filters.q}>
        <summary className="mb-2 cursor-pointer font-medium text-masthead">上传图片（可一次多张）</summary>
        <BatchUpload maxBytes={env().PHOTO_MAX_BYTES} captionAction={updatePhotoAction} photoPagePrefix="/desk/photos/" />
      </details>
      <form method="get" role="search" className="mb-4 grid gap-3 rounded border border-stone-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        <label className="block sm:col-span-2">
          <span className="label">搜索说明、署名、关键词、地点（至少两个字）</span>
          <input type="search" name="q" defaultValue={filters.q} className="input" />
        </label>
        <label className="block">
          <span className="label">摄影</span>
          <select name="photographer" defaultValue={filters.photographer ?? ""} className="input">
            <option value="">全部</option>
            {photographers.map((p) => (
              <option key={p.id} value={p.id}>{p.name}</option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="label">刊用</span>
          <select name="use" defaultValue={filters.use ?? ""} className="input">
            <option value="">全部</option>
            <option value="used">已刊用</option>
            <option value="unused">未刊用</option>
          </select>
        </label>
        <label className="block">
          <span className="label">日期按</span>
          <select name="dates" defaultValue={filters.dates} className="input">
            <option value="taken">拍摄时间</option>
            <option value="uploaded">上传时间</option>
          </select>
        </label>
        <div className="block">
          <span className="label">从</span>
          <DateField name="from" label="从" defaultValue={filters.from} />
        </div>
        <div className="block">
          <span className="label">到</span>
          <DateField name="to" label="到" defaultValue={filters.to} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className="btn-primary">搜索</button>
          <Link href="/desk/photos" className="btn">清除</Link>
        </div>
      </form>
      {page.items.length === 0 ? (
        <p className="text-stone-600">没有符合条件的图片。</p>
      ) : (
        <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label="图片">
          {page.items.map((p) => (
            <li key={p.id} className="overflow-hidden rounded border border-stone-300 bg-white">
              <Link href={`/desk/photos/${p.id}`} className="block">
                <span className="block aspect-[4/3] bg-stone-100">
                  <img src={`/api/photos/${p.id}/w480`} alt={p.altText || p.caption || "图片"} width={480} height={360} loading="lazy" className="h-full w-full object-cover" />
                </span>
                <span className="block p-2">
                  <span className="line-clamp-2 text-sm">{p.caption || <span className="text-stone-500">（无说明）</span>}</span>
                  <span className="mt-1 block truncate text-xs text-stone-600">{p.credit || "（无署名）"}</span>
                  <span className="mt-0.5 flex justify-between text-xs text-stone-500">
                    <span>{dateToBeijingDateTime(p.takenAt ?? p.createdAt).slice(0, 10)}{p.takenAt ? " 摄" : " 上传"}</span>
                    {p.uses > 0 && <span>已刊用</span>}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="翻页" className="mt-4 flex justify-between text-sm">
        {filters.after ? <Link href={query({})} className="btn btn-sm">回到第一页</Link> : <span />}
        {page.nextCursor && <Link href={query({ after: page.nextCursor })} className="btn btn-sm">下一页</Link>}
      </nav>
    </>
  );
}
