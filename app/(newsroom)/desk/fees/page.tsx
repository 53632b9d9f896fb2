import Link from "next/link";
import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { formatIssueDate, formatMoment, isRealMonth, paperDay } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";
import { feeMonth, feeMonths } from "@/lib/fees/ledger";
import { describeFeeTable } from "@/lib/fees/fee-table";
import { yuan } from "@/lib/fees/money";
import { LINE_KIND_LABELS } from "@/lib/fees/export";
import { ActionForm } from "@/components/desk/ActionForm";
import { Flash } from "@/components/desk/Flash";
import { readFlash } from "@/lib/core/flash";
import { closeMonthAction, manualLineAction } from "./actions";

export const metadata: Metadata = { title: "稿酬结算" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

// 稿酬 by month for the finance office: an open month worked out from what ran, closed once (结算),
// exported for payment. Each line shows its sum in words, so a correspondent's question is answered
// from the line itself.
export default async function FeesPage({ searchParams }: Props) {
  const user = await requireCapability("fees:manage");
  const raw = await searchParams;
  const { months, due } = await feeMonths(user);
  const given = one(raw.month);
  const month = isRealMonth(given) ? given : due;
  const view = await feeMonth(user, month);
  const payee = view.payees.find((p) => p.contributorId === one(raw.payee));
  const lines = payee ? view.lines.filter((l) => l.contributorId === payee.contributorId) : [];
  const closable = !view.closed && month < paperDay().slice(0, 7);
  return (
    <>
      <Flash message={readFlash({ done: raw.done, seal: raw.seal })} />
      <div className="mb-4 flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-bold">稿酬结算</h1>
        <nav aria-label="月份" className="flex flex-wrap gap-2 text-sm">
          {months.map((m) => (
            <Link key={m.month} href={`?month=${m.month}`} aria-current={m.month === month ? "page" : undefined} className={m.month === month ? "font-bold" : "text-masthead underline"}>
              {m.month}
              {m.closedAt ? "（已结算）" : m.month === paperDay().slice(0, 7) ? "（本月）" : "（未结算）"}
            </Link>
          ))}
        </nav>
      </div>

      <section aria-labelledby="month-title" className={`mb-6 rounded border p-4 ${view.closed ? "border-stone-300 bg-white" : "border-amber-400 bg-amber-50"}`}>
        <h2 id="month-title" className="text-lg font-bold" data-testid="fee-month-state">
          {month} {view.closed ? `已结算（${view.closed.by}，${formatMoment(view.closed.at)}）` : "未结算：以下为按现有见报记录计算的预览"}
        </h2>
        <p className="mt-1 text-lg">
          收款人 <strong>{view.payees.length}</strong> 位，合计 <strong data-testid="fee-month-total">{yuan(view.totalFen)}</strong>
        </p>
        <ul className="mt-2 list-disc pl-5 text-xs text-stone-600">
          {describeFeeTable(view.table, yuan).map((line) => <li key={line}>{line}</li>)}
        </ul>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          {view.closed ? (
            <>
              <a href={`/desk/fees/export?month=${month}&format=xlsx`} className="btn" download>导出 Excel（收款人汇总 + 明细）</a>
              <a href={`/desk/fees/export?month=${month}&format=csv`} className="btn" download>导出 CSV（收款人汇总）</a>
            </>
          ) : closable ? (
            <ActionForm action={closeMonthAction} hidden={{ month }} confirm={`结算后 ${month} 的稿酬明细不能再改，之后的更正记入下个月。确定结算吗？`}>
              <button type="submit" className="btn-primary">结算 {month}</button>
            </ActionForm>
          ) : (
            <p className="text-sm text-stone-700">本月报纸还在出版，月份结束后才能结算。</p>
          )}
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="payees-title">
          <h2 id="payees-title" className="mb-2 font-bold">收款人</h2>
          {view.payees.length === 0 ? (
            <p className="text-sm text-stone-600">本月没有稿酬。</p>
          ) : (
            <div className="overflow-x-auto rounded border border-stone-300 bg-white">
              <table className="w-full text-sm" data-testid="fee-payees">
                <thead className="bg-stone-100 text-left text-stone-600">
                  <tr>
                    <th scope="col" className="px-2 py-2">收款人</th>
                    <th scope="col" className="px-2 py-2">单位</th>
                    <th scope="col" className="px-2 py-2 text-right">篇数</th>
                    <th scope="col" className="px-2 py-2 text-right">金额</th>
                  </tr>
                </thead>
                <tbody>
                  {view.payees.map((p) => (
                    <tr key={p.contributorId} className={`border-t border-stone-200 ${p.contributorId === payee?.contributorId ? "bg-amber-50" : ""}`}>
                      <th scope="row" className="px-2 py-1 text-left font-medium">
                        <Link href={`?month=${month}&payee=${p.contributorId}`} className="underline">{p.payeeName}</Link>
                      </th>
                      <td className="px-2 py-1">{p.unitName}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{p.pieces}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{yuan(p.amountFen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section aria-labelledby="lines-title">
          {payee ? (
            <>
              <h2 id="lines-title" className="mb-2 font-bold">
                {payee.payeeName}（{payee.unitName || "未登记单位"}）{month} 明细：{yuan(payee.amountFen)}
                <Link href={`/desk/fees/slip?month=${month}&payee=${payee.contributorId}`} className="ml-3 text-sm font-normal text-masthead underline">打印稿费单</Link>
              </h2>
              <ul className="space-y-2">
                {lines.map((l, i) => (
                  <li key={l.id ?? i} className="rounded border border-stone-300 bg-white p-2 text-sm" data-testid="fee-line">
                    <p>
                      <span className="mr-2 rounded bg-stone-100 px-1 text-xs">{LINE_KIND_LABELS[l.kind]}</span>
                      {l.issueDate && `${formatIssueDate(l.issueDate, false)} ${pageLabel(l.pageNumber ?? 0)}`}
                      {l.headline && `《${l.headline}》`}
                      <strong className="ml-2 tabular-nums">{yuan(l.amountFen)}</strong>
                    </p>
                    <p className="text-xs text-stone-600">{l.formula}{l.reason && `；原因：${l.reason}`}</p>
                  </li>
                ))}
              </ul>
              {!view.closed && (
                <ActionForm key={lines.length} action={manualLineAction} hidden={{ month, contributorId: payee.contributorId }} className="mt-3 flex flex-wrap items-end gap-2 rounded border border-stone-300 bg-white p-3">
                  <label>
                    <span className="label">人工调整（元，扣减写负数）</span>
                    <input name="amount" className="input w-32" inputMode="decimal" placeholder="例：20 或 -5.50" />
                  </label>
                  <label className="grow">
                    <span className="label">原因</span>
                    <input name="reason" className="input" placeholder="例：三月组图漏计一幅" />
                  </label>
                  <button type="submit" className="btn">记入 {month}</button>
                </ActionForm>
              )}
            </>
          ) : (
            <p id="lines-title" className="text-sm text-stone-600">点收款人姓名查看每一笔的计算和调整。</p>
          )}
        </section>
      </div>
    </>
  );
}
