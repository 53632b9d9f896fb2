import Link from "next/link";
import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { formatIssueDate, paperDay } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";
import { adoptionStats, excellentCandidates, type PersonRow, type UnitRow } from "@/lib/adoption/stats";
import { nextPeriod, previousPeriod, quarterOf, readPeriod, type Period } from "@/lib/adoption/stats-periods";
import { formatScore } from "@/lib/adoption/score";

export const metadata: Metadata = { title: "采用统计" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

// 通讯员采用统计: who and which 单位 had what used in the paper, ranked by the paper's own score,
// beside the period before. What the desk reads for its monthly 通报 and its 年度优秀通讯员.
export default async function AdoptionStatsPage({ searchParams }: Props) {
  const user = await requireCapability("adoption:read");
  const raw = await searchParams;
  const thisMonth = readPeriod(paperDay().slice(0, 7))!;
  const period = readPeriod(one(raw.period)) ?? thisMonth;
  const by = one(raw.by) === "unit" ? "unit" : "person";
  const [stats, excellent] = await Promise.all([
    adoptionStats(user, period.key),
    period.kind === "year" ? excellentCandidates(user, period.key) : Promise.resolve(null),
  ]);
  const rows: (PersonRow | UnitRow)[] = by === "unit" ? stats.units : stats.people;
  const top = Math.max(1, ...rows.slice(0, 10).map((r) => r.score));
  const href = (p: Period, b = by) => `?period=${p.key}&by=${b}`;
  const year = period.from.slice(0, 4);
  const month = period.kind === "month" ? period.key : `${year}-${period.from.slice(5, 7)}`;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-bold">通讯员采用统计</h1>
        <nav className="flex flex-wrap items-baseline gap-3 text-sm print:hidden" aria-label="统计时段">
          <Link href={href(previousPeriod(period))} className="text-masthead underline">上一{period.kind === "month" ? "月" : period.kind === "quarter" ? "季度" : "年"}</Link>
          <span className="font-medium" data-testid="stats-period">{period.label}</span>
          <Link href={href(nextPeriod(period))} className="text-masthead underline">下一{period.kind === "month" ? "月" : period.kind === "quarter" ? "季度" : "年"}</Link>
          <span className="text-stone-400">|</span>
          <Link href={href(readPeriod(month)!)} className={period.kind === "month" ? "font-bold" : "text-masthead underline"}>按月</Link>
          <Link href={href(readPeriod(quarterOf(period.from))!)} className={period.kind === "quarter" ? "font-bold" : "text-masthead underline"}>按季度</Link>
          <Link href={href(readPeriod(year)!)} className={period.kind === "year" ? "font-bold" : "text-masthead underline"}>按年</Link>
        </nav>
      </div>
      <div className="mb-3 flex flex-wrap items-baseline gap-4 text-sm print:hidden">
        <Link href={href(period, "person")} aria-current={by === "person" ? "page" : undefined} className={by === "person" ? "font-bold" : "text-masthead underline"}>按通讯员</Link>
        <Link href={href(period, "unit")} aria-current={by === "unit" ? "page" : undefined} className={by === "unit" ? "font-bold" : "text-masthead underline"}>按单位</Link>
        <a href={`/desk/stats/export?period=${period.key}&by=${by}`} className="text-masthead underline" download>导出（CSV，可用 Excel 打开）</a>
      </div>
      <p className="mb-4 text-xs text-stone-600">
        取自各期见报记录：一版 ×{stats.rules.frontPage}，头条 ×{stats.rules.lead}，重点稿 ×{stats.rules.keyPiece}，
        {stats.rules.brief === 0 ? `简讯（${stats.rules.briefMaxChars} 字以内的消息）不计` : `简讯（${stats.rules.briefMaxChars} 字以内的消息）×${stats.rules.brief}`}，
        多人署名{stats.rules.shared === "SPLIT" ? "平分" : "计第一署名人"}，图片稿{stats.rules.photos === "PER_SET" ? "按组（篇）" : "按幅"}计。本报人员不参加排名。
      </p>

      {rows.length === 0 ? (
        <p className="rounded border border-dashed border-stone-300 p-6 text-center text-stone-600">{period.label}没有通讯员稿件见报。</p>
      ) : (
        <>
          <section aria-labelledby="chart-title" className="mb-6 rounded border border-stone-300 bg-white p-4 print:break-inside-avoid">
            <h2 id="chart-title" className="mb-2 font-bold">积分前十</h2>
            <ol className="space-y-1 text-sm">
              {rows.slice(0, 10).map((r) => {
                const name = "name" in r ? r.name : r.unitName;
                return (
                  <li key={"contributorId" in r ? r.contributorId : r.unitName} className="flex items-center gap-2">
                    <span className="w-32 shrink-0 truncate">{name}</span>
                    {/* A bar as an element, not an inline style: the page's CSP allows no inline styles. */}
                    <progress className="h-4 w-3/5 accent-masthead" value={r.score} max={top} aria-hidden />
                    <span className="tabular-nums">{formatScore(r.score)}</span>
                  </li>
                );
              })}
            </ol>
          </section>
          <div className="overflow-x-auto rounded border border-stone-300 bg-white">
            <table className="w-full text-sm" data-testid="ranking">
              <thead className="bg-stone-100 text-left text-stone-600">
                <tr>
                  <th scope="col" className="px-2 py-2">排名</th>
                  <th scope="col" className="px-2 py-2">{by === "unit" ? "单位" : "姓名"}</th>
                  <th scope="col" className="px-2 py-2">{by === "unit" ? "人数" : "单位"}</th>
                  {["来稿", "采用", "一版", "头条", "图片", "组图", "见报字数", "积分", "比上期"].map((h) => (
                    <th key={h} scope="col" className="px-2 py-2 text-right">{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => {
                  const change = r.score - r.previousScore;
                  return (
                    <tr key={"contributorId" in r ? r.contributorId : r.unitName} className="border-t border-stone-200">
                      <td className="px-2 py-1 tabular-nums">{i + 1}</td>
                      <th scope="row" className="px-2 py-1 text-left font-medium">{"name" in r ? r.name : r.unitName}</th>
                      <td className="px-2 py-1">{"name" in r ? r.unitName || <span className="text-stone-400">未登记</span> : r.people}</td>
                      {[r.filed, r.used, r.frontPage, r.leads, r.photos, r.photoSets, r.characters.toLocaleString("zh-CN")].map((v, j) => (
                        <td key={j} className="px-2 py-1 text-right tabular-nums">{v}</td>
                      ))}
                      <td className="px-2 py-1 text-right font-bold tabular-nums">{formatScore(r.score)}</td>
                      <td className={`px-2 py-1 text-right tabular-nums ${change > 0 ? "text-green-700" : change < 0 ? "text-red-700" : "text-stone-500"}`}>
                        {change > 0 ? "↑" : change < 0 ? "↓" : ""}
                        {formatScore(Math.abs(change))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}

      {excellent && (
        <section aria-labelledby="excellent-title" className="mt-6 rounded border border-amber-400 bg-amber-50 p-4 print:break-before-page">
          <h2 id="excellent-title" className="mb-1 font-bold">{year} 年度优秀通讯员候选</h2>
          <p className="mb-3 text-sm text-stone-700">全年积分达到 {formatScore(excellent.bar)} 分的通讯员，附计分稿件。</p>
          {excellent.candidates.length === 0 ? (
            <p className="text-sm text-stone-600">今年还没有通讯员达到分数线。</p>
          ) : (
            <ol className="space-y-3">
              {excellent.candidates.map((c) => (
                <li key={c.person.contributorId} data-testid="excellent-candidate">
                  <details>
                    <summary className="cursor-pointer">
                      <strong>{c.person.name}</strong>（{c.person.unitName || "未登记单位"}）：积分 {formatScore(c.person.score)}，采用 {c.person.used} 篇
                    </summary>
                    <ul className="mt-1 ml-5 list-disc text-sm">
                      {c.pieces.map((p) => (
                        <li key={`${p.storyId}-${p.issueDate}`}>
                          {formatIssueDate(p.issueDate, false)} {pageLabel(p.pageNumber)}《<Link href={`/stories/${p.storyId}`} className="underline">{p.headline}</Link>》 {formatScore(p.share)} 分
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
      <p className="mt-4 text-xs text-stone-500 print:hidden">{user.name} 查看；打印本页即为通报用表。</p>
    </>
  );
}
