import Link from "next/link";
import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { pagesToProofread } from "@/lib/proofing/rounds";
import { roundName } from "@/lib/proofing/marks";
import { PAGE_STATUS_LABELS } from "@/lib/issues/labels";
import { formatIssueDate, issueDateToString } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";

export const metadata: Metadata = { title: "校对" };

// The 校对's worklist: every page of the issues not yet out, and how far its rounds have got.
export default async function ProofingPage() {
  const user = await requireCapability("page:proofread");
  const { setting, pages } = await pagesToProofread(user);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">校对</h1>
      <p className="mb-4 text-sm text-stone-600">本报每版校对 {setting} 轮；每轮结束后，下一轮的大样上显示前几轮标记的核红结果。</p>
      {pages.length === 0 ? (
        <p className="rounded border border-dashed border-stone-300 p-6 text-center text-stone-600">没有待出版的版面。</p>
      ) : (
        <div className="overflow-x-auto rounded border border-stone-300 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-stone-100 text-left text-stone-600">
              <tr>
                <th scope="col" className="px-3 py-2">出版日期</th>
                <th scope="col" className="px-3 py-2">版面</th>
                <th scope="col" className="px-3 py-2">校对</th>
                <th scope="col" className="px-3 py-2">签版</th>
              </tr>
            </thead>
            <tbody>
              {pages.map((p) => (
                <tr key={p.pageId} className="border-t border-stone-200" data-testid="proofing-row">
                  <td className="px-3 py-2 whitespace-nowrap">{formatIssueDate(issueDateToString(p.issueDate), false)}（总第{p.issueNumber}期）</td>
                  <td className="px-3 py-2">
                    <Link href={`/desk/issues/${p.issueId}/pages/${p.number}`} className="font-medium hover:text-masthead hover:underline">{pageLabel(p.number)} {p.name}</Link>
                  </td>
                  <td className="px-3 py-2">{p.open ? `${roundName(p.open)}进行中` : p.closed >= setting ? "已校完" : p.closed === 0 ? "未开始" : `已完成${roundName(p.closed)}`}</td>
                  <td className="px-3 py-2">{PAGE_STATUS_LABELS[p.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
