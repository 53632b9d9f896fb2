import Link from "next/link";
import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { formatIssueDate, isRealMonth, monthAfter, paperDay, paperMonthRange, readPaperDay } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";
import { errorReport, type RateRow } from "@/lib/quality/report";
import { marksByProofreader } from "@/lib/proofing/rounds";
import { roundName } from "@/lib/proofing/marks";
import { storiesPrintedOnPage } from "@/lib/quality/errors";
import { ERROR_KIND_LABELS, ERROR_KINDS, ERROR_SOURCE_LABELS, ERROR_SOURCES, formatErrorRate } from "@/lib/quality/kinds";
import { ActionForm } from "@/components/desk/ActionForm";
import { DateField } from "@/components/DateField";
import { Flash } from "@/components/desk/Flash";
import { readFlash } from "@/lib/core/flash";
import { SelectField } from "@/components/desk/SelectField";
import { recordErrorAction, voidErrorAction } from "./actions";

export const metadata: Metadata = { title: "差错统计" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One value of an address parameter; a repeated one (?date=1&date=2) is no value. */
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

// 差错 found after release and the 差错率 they make, month by month: what the paper's quality check
// reads. The desk records errors here against the page (and story) where they ran.
export default async function QualityPage({ searchParams }: Props) {
  const user = await requireCapability("desk:review");
  const raw = await searchParams;
  const given = { month: one(raw.month), date: one(raw.date), page: one(raw.page) };
  const month = isRealMonth(given.month) ? given.month : paperDay().slice(0, 7);
  const chosenDate = readPaperDay(given.date);
  const chosenPage = /^\d{1,2}$/.test(given.page ?? "") && Number(given.page) > 0 ? Number(given.page) : undefined;
  const unreadable = (given.date && !chosenDate) || (given.page && !chosenPage);
  const [report, choice, proofreaders] = await Promise.all([
    errorReport(user, month),
    chosenDate && chosenPage ? storiesPrintedOnPage(user, chosenDate, chosenPage) : Promise.resolve(null),
    marksByProofreader(user, paperMonthRange(month)),
  ]);
  const rounds = Math.max(3, ...proofreaders.map((p) => p.byRound.length));
  const [year, m] = month.split("-");
  return (
    <>
      <Flash message={readFlash({ done: raw.done, seal: raw.seal })} />
      <div className="mb-4 flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-bold">差错统计</h1>
        <nav className="flex items-baseline gap-3 text-sm" aria-label="月份">
          <Link href={`?month=${monthAfter(month, -1)}`} className="text-masthead underline">上月</Link>
          <span className="font-medium">{year}年{Number(m)}月</span>
          <Link href={`?month=${monthAfter(month, 1)}`} className="text-masthead underline">下月</Link>
        </nav>
        <span className="text-sm text-stone-600">差错率上限：{formatErrorRate(report.limit)}</span>
      </div>

      <section aria-labelledby="total-title" className={`mb-6 rounded border p-4 ${report.total.over ? "border-red-300 bg-red-50" : "border-stone-300 bg-white"}`}>
        <h2 id="total-title" className="sr-only">本月差错率</h2>
        <p className="text-lg" data-testid="month-rate">
          本月见报 <strong>{report.total.characters.toLocaleString("zh-CN")}</strong> 字，差错 <strong>{report.total.errors}</strong> 处，差错率{" "}
          <strong>{formatErrorRate(report.total.rate)}</strong>
          {report.total.over && <span className="ml-2 font-bold text-red-700">超过上限</span>}
        </p>
        <p className="mt-1 text-xs text-stone-600">字数取自各期见报记录（稿件见报时的正文字数，转版稿计在首版）；差错按所在版计，作废的不计。</p>
      </section>

      <div className="mb-6 grid gap-4 lg:grid-cols-3">
        <RateTable title="按期" rows={report.byIssue.map((r) => ({ ...r, label: `${Number(r.date.slice(5, 7))}月${Number(r.date.slice(8))}日 第${r.number}期` }))} />
        <RateTable title="按版" rows={report.byPage} />
        <RateTable title="按责任编辑" rows={report.byEditor} />
      </div>
      <section aria-labelledby="proofreaders-title" className="mb-6 rounded border border-stone-300 bg-white p-4">
        <h2 id="proofreaders-title" className="mb-2 font-bold">校对标记（本月，按校次）</h2>
        {proofreaders.length === 0 ? (
          <p className="text-sm text-stone-600">本月还没有校对标记。</p>
        ) : (
          <table className="text-sm">
            <thead className="text-left text-stone-600">
              <tr>
                <th scope="col" className="pr-6">校对</th>
                {Array.from({ length: rounds }, (_, i) => <th key={i} scope="col" className="pr-6">{roundName(i + 1)}</th>)}
                <th scope="col">合计</th>
              </tr>
            </thead>
            <tbody>
              {proofreaders.map((p) => (
                <tr key={p.name} data-testid="proofreader-row">
                  <th scope="row" className="pr-6 text-left font-medium">{p.name}</th>
                  {Array.from({ length: rounds }, (_, i) => <td key={i} className="pr-6 tabular-nums">{p.byRound[i] ?? 0}</td>)}
                  <td className="tabular-nums">{p.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className="mb-6 text-sm text-stone-700">
        按类型：{report.byKind.map((k) => `${k.label} ${k.errors}`).join("，")}。按来源：{report.bySource.map((s) => `${s.label} ${s.errors}`).join("，")}。
      </p>

      <section aria-labelledby="record-title" className="mb-6 rounded border border-stone-300 bg-white p-4">
        <h2 id="record-title" className="mb-3 font-bold">登记差错</h2>
        <form method="get" className="mb-3 flex flex-wrap items-end gap-3">
          <input type="hidden" name="month" value={month} />
          <div>
            <span className="label">出版日期</span>
            <DateField name="date" label="出版日期" defaultValue={chosenDate ?? paperDay(-1)} />
          </div>
          <label>
            <span className="label">版次</span>
            <input name="page" inputMode="numeric" defaultValue={chosenPage ?? ""} className="input w-24" />
          </label>
          <button type="submit" className="btn">选定版面</button>
        </form>
        {unreadable && <p role="alert" className="text-sm text-red-700">出版日期写法：2026年12月8日；版次写数字，如 3。</p>}
        {chosenDate && chosenPage && !choice && <p role="alert" className="text-sm text-red-700">{formatIssueDate(chosenDate, false)}没有已见报的一期。</p>}
        {chosenDate && chosenPage && choice && !choice.pageExists && <p role="alert" className="text-sm text-red-700">总第{choice.issueNumber}期没有{pageLabel(chosenPage)}。</p>}
        {chosenDate && chosenPage && choice?.pageExists && (
          // Drawn anew after each entry (its key is the log's length), so a second press does not record it twice.
          <ActionForm key={report.entries.length} action={recordErrorAction} hidden={{ issueDate: chosenDate, pageNumber: String(chosenPage) }} className="grid max-w-3xl gap-3 sm:grid-cols-2">
            <p className="sm:col-span-2 text-sm text-stone-700">
              {formatIssueDate(chosenDate, false)} 总第{choice.issueNumber}期 {pageLabel(chosenPage)}
            </p>
            <label className="block sm:col-span-2">
              <span className="label">所在稿件</span>
              <select name="storyId" className="input" defaultValue="">
                <option value="">不在稿件中（版面其他部分）</option>
                {choice.stories.map((s) => (
                  <option key={s.id} value={s.id}>{s.headline}</option>
                ))}
              </select>
            </label>
            <SelectField name="kind" label="差错类型" options={ERROR_KINDS.map((k) => [k, ERROR_KIND_LABELS[k]])} />
            <SelectField name="source" label="来源" options={ERROR_SOURCES.map((s) => [s, ERROR_SOURCE_LABELS[s]])} />
            <label className="block">
              <span className="label">见报原文</span>
              <input name="printed" className="input" placeholder="印错的文字" />
            </label>
            <label className="block">
              <span className="label">应为</span>
              <input name="correct" className="input" />
            </label>
            <label className="block">
              <span className="label">差错数（处）</span>
              <input name="count" inputMode="numeric" defaultValue={1} className="input w-24" />
            </label>
            <label className="block sm:col-span-2">
              <span className="label">说明</span>
              <textarea name="note" rows={2} className="input" placeholder="例：读者来信指出；质检抽查第3版" />
            </label>
            <div>
              <button type="submit" className="btn-primary">登记</button>
            </div>
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="log-title">
        <div className="mb-2 flex flex-wrap items-baseline gap-3">
          <h2 id="log-title" className="font-bold">本月差错记录</h2>
          <a href={`/api/desk/quality/errors?month=${month}`} className="text-sm text-masthead underline" download>
            下载本月记录（CSV，可用 Excel 打开）
          </a>
        </div>
        {report.entries.length === 0 ? (
          <p className="text-sm text-stone-600">本月各期还没有登记差错。</p>
        ) : (
          <ul className="space-y-2">
            {report.entries.map((e) => (
              <li key={e.id} className={`rounded border bg-white p-3 text-sm ${e.voided ? "border-stone-200 text-stone-500" : "border-stone-300"}`} data-testid="error-entry">
                <p className={e.voided ? "line-through" : ""}>
                  {formatIssueDate(e.issueDate, false)} {pageLabel(e.page)}
                  {e.headline && `《${e.headline}》`}：{ERROR_KIND_LABELS[e.kind]}差错 {e.count} 处。原文：{e.printed}{e.correct && `；应为：${e.correct}`}
                </p>
                <p className="text-xs text-stone-500">
                  {ERROR_SOURCE_LABELS[e.source]} · {e.recordedBy.name}登记{e.note && ` · ${e.note}`}
                  {e.voided && ` · 已由${e.voided.by}作废：${e.voided.reason}`}
                </p>
                {!e.voided && (e.recordedBy.id === user.id || can(user.role, "issue:publish")) && (
                  <ActionForm
                    action={voidErrorAction}
                    hidden={{ errorId: e.id }}
                    confirm="作废后这条差错不再计入差错率，也不能恢复。确定作废吗？"
                    className="mt-2 flex flex-wrap items-end gap-2"
                  >
                    <label>
                      <span className="sr-only">作废原因</span>
                      <input name="reason" className="input w-48" placeholder="作废原因" />
                    </label>
                    <button type="submit" className="btn btn-sm" aria-label={`作废：${pageLabel(e.page)}“${e.printed}”`}>作废</button>
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function RateTable({ title, rows }: { title: string; rows: RateRow[] }) {
  return (
    <section className="rounded border border-stone-300 bg-white p-3" aria-label={title}>
      <h2 className="mb-2 font-bold">{title}</h2>
      {rows.length === 0 ? (
        <p className="text-sm text-stone-600">本月没有见报的期。</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-stone-500">
              <th className="font-normal"><span className="sr-only">项目</span></th>
              <th className="pl-2 text-right font-normal">字数</th>
              <th className="pl-2 text-right font-normal">差错</th>
              <th className="pl-2 text-right font-normal">差错率</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label} className={r.over ? "text-red-700" : ""}>
                <td>{r.label}</td>
                <td className="pl-2 text-right">{r.characters.toLocaleString("zh-CN")}</td>
                <td className="pl-2 text-right">{r.errors}</td>
                <td className="whitespace-nowrap pl-2 text-right">
                  {formatErrorRate(r.rate)}
                  {r.over && <span className="ml-1 text-xs font-bold">超限</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
