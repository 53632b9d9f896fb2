import Link from "next/link";
import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { listIssues } from "@/lib/issues/queries";
import { ActionForm } from "@/components/desk/ActionForm";
import { createIssueAction } from "./actions";
import { ISSUE_STATUS_LABELS } from "@/lib/issues/labels";
import { formatIssueDate, issueDateToString, paperDay } from "@/lib/core/dates";
import { DateField } from "@/components/DateField";

export const metadata: Metadata = { title: "版面编排" };

export default async function IssuesPage() {
  const user = await requireCapability("issue:assemble");
  const issues = await listIssues(user);
  const tomorrow = paperDay(1);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">版面编排</h1>
      <section className="mb-8 rounded border border-stone-300 bg-white p-4" aria-labelledby="new-issue">
        <h2 id="new-issue" className="mb-3 font-bold">新建一期</h2>
        <ActionForm action={createIssueAction} hidden={{}} className="flex flex-wrap items-end gap-3">
          <div>
            <span className="label">出版日期</span>
            <DateField name="date" label="出版日期" defaultValue={tomorrow} required />
          </div>
          <label>
            <span className="label">总期号（留空则自动顺延）</span>
            <input type="number" name="number" className="input w-40" min={1} />
          </label>
          <button type="submit" className="btn-primary">创建（含 4 个版面）</button>
        </ActionForm>
      </section>
      <table className="w-full rounded border border-stone-300 bg-white text-sm">
        <thead className="bg-stone-100 text-left text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2">日期</th>
            <th scope="col" className="px-3 py-2">期号</th>
            <th scope="col" className="px-3 py-2">版数</th>
            <th scope="col" className="px-3 py-2">稿件</th>
            <th scope="col" className="px-3 py-2">状态</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i) => (
            <tr key={i.id} className="border-t border-stone-200">
              <td className="px-3 py-2">
                <Link href={`/desk/issues/${i.id}`} className="font-medium hover:text-masthead hover:underline">
                  {formatIssueDate(issueDateToString(i.date))}
                </Link>
              </td>
              <td className="px-3 py-2">总第{i.number}期</td>
              <td className="px-3 py-2">{i.pageCount}</td>
              <td className="px-3 py-2">{i.storyCount}</td>
              <td className="px-3 py-2">{ISSUE_STATUS_LABELS[i.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
