import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { DomainError } from "@/lib/core/errors";
import { requireUser } from "@/lib/core/session";
import { formatIssueDate, isRealMonth } from "@/lib/core/dates";
import { isRecordId } from "@/lib/core/ids";
import { pageLabel } from "@/lib/format";
import { feesOf } from "@/lib/fees/ledger";
import { yuan, yuanInCapitals } from "@/lib/fees/money";
import { LINE_KIND_LABELS } from "@/lib/fees/export";
import { paperProfile } from "@/lib/issues/paper-profile";
import { db } from "@/lib/platform/db";

export const metadata: Metadata = { title: "稿费单" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

// One person's 稿费单 for a month, to print: what finance hands over or a correspondent keeps, each
// piece with its sum in words, the total in capitals. Finance sees anyone's; a correspondent their own.
export default async function FeeSlipPage({ searchParams }: Props) {
  const user = await requireUser();
  const raw = await searchParams;
  const month = one(raw.month);
  const payeeId = one(raw.payee);
  if (!isRealMonth(month) || !isRecordId(payeeId)) notFound();
  const payee = await db().contributor.findUnique({ where: { id: payeeId }, select: { name: true, affiliation: true, unit: { select: { name: true } } } });
  if (!payee) notFound();
  const [{ lines, totalFen, closed }, paper] = await Promise.all([
    feesOf(user, payeeId, month).catch((e: unknown) => {
      // Someone else's slip: the 403 page, as for any page one may not open.
      if (e instanceof DomainError && e.code === "forbidden") forbidden();
      throw e;
    }),
    paperProfile(),
  ]);
  const [year, m] = month.split("-");
  return (
    <article className="mx-auto max-w-3xl bg-white p-6 print:p-0">
      <header className="mb-4 text-center">
        <p className="font-serif text-xl font-black">{paper.name}</p>
        <h1 className="text-2xl font-bold tracking-widest">稿 费 单</h1>
        <p className="text-sm text-stone-600">
          {year}年{Number(m)}月{closed ? "（已结算）" : "（未结算，仅供核对）"}
        </p>
      </header>
      <p className="mb-3">
        收款人：<strong>{payee.name}</strong>　单位：{payee.unit?.name ?? (payee.affiliation || "未登记")}
      </p>
      <table className="w-full border-collapse text-sm" data-testid="fee-slip">
        <thead>
          <tr className="border-y border-black text-left">
            <th scope="col" className="py-1 pr-2">日期 版次</th>
            <th scope="col" className="py-1 pr-2">稿件</th>
            <th scope="col" className="py-1 pr-2">计算</th>
            <th scope="col" className="py-1 text-right">金额</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={l.id ?? i} className="border-b border-stone-300 align-top">
              <td className="whitespace-nowrap py-1 pr-2">{l.issueDate ? `${formatIssueDate(l.issueDate, false)} ${pageLabel(l.pageNumber ?? 0)}` : LINE_KIND_LABELS[l.kind]}</td>
              <td className="py-1 pr-2">{l.headline || l.reason}</td>
              <td className="py-1 pr-2 text-xs">{l.formula}</td>
              <td className="py-1 text-right tabular-nums">{yuan(l.amountFen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-b border-black font-bold">
            <td colSpan={3} className="py-1">合计（大写）：{yuanInCapitals(totalFen)}</td>
            <td className="py-1 text-right tabular-nums" data-testid="fee-slip-total">{yuan(totalFen)}</td>
          </tr>
        </tfoot>
      </table>
      {lines.length === 0 && <p className="mt-3 text-sm text-stone-600">本月没有稿酬。</p>}
      <p className="mt-8 flex justify-between text-sm">
        <span>经办：</span>
        <span>审核：</span>
        <span>领款人签字：</span>
      </p>
    </article>
  );
}
