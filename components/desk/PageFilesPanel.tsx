import Link from "next/link";
import type { PageRenderReport } from "@/lib/page-files/admin";
import { ActionForm } from "@/components/desk/ActionForm";
import type { FormAction } from "@/lib/actions/form-state";
import { formatMoment } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";

/** 版面文件: the page printer's engine on this machine, and pages whose PDF and pictures failed or are overdue. */
export function PageFilesPanel({ report, renderAgain }: { report: PageRenderReport; renderAgain: FormAction }) {
  const issues = [...new Map(report.troubles.map((t) => [t.issueId, t])).values()];
  return (
    <section className="mb-8 rounded border border-stone-300 bg-white p-4" aria-labelledby="page-files">
      <h2 id="page-files" className="mb-1 font-bold">版面文件</h2>
      <p className="mb-3 text-sm text-stone-600">每期见报后，系统在后台为每个版面生成 PDF 和版面图片；失败的会自动重试三次，仍失败的列在这里。</p>
      {report.engine.installed ? (
        <p className="mb-3 text-sm text-stone-700">浏览器引擎：{report.engine.path}</p>
      ) : (
        <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 p-3 text-sm font-bold text-red-800">{report.engine.why}</p>
      )}
      {report.troubles.length === 0 ? (
        <p className="text-sm text-stone-600">所有见报版面的文件都已生成。</p>
      ) : (
        <>
          <table className="mb-3 w-full text-sm">
            <thead className="bg-stone-100 text-left text-stone-600">
              <tr>
                <th scope="col" className="px-3 py-2">版面</th>
                <th scope="col" className="px-3 py-2">状态</th>
                <th scope="col" className="px-3 py-2">尝试次数</th>
                <th scope="col" className="px-3 py-2">原因</th>
              </tr>
            </thead>
            <tbody>
              {report.troubles.map((t) => (
                <tr key={`${t.issueId}-${t.number}`} className="border-t border-stone-200">
                  <td className="px-3 py-2">
                    <Link href={`/issues/${t.date}/pages/${t.number}`} className="underline">{t.date} 总第{t.issueNumber}期 {pageLabel(t.number)}</Link>
                  </td>
                  <td className="px-3 py-2">{t.state === "FAILED" ? "生成失败" : `等待中（自北京时间 ${formatMoment(t.since)}）`}</td>
                  <td className="px-3 py-2">{t.attempts}</td>
                  <td className="break-all px-3 py-2 text-xs">{t.error || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex flex-wrap gap-2">
            {issues.map((t) => (
              <ActionForm key={t.issueId} action={renderAgain} hidden={{ issueId: t.issueId }}>
                <button type="submit" className="btn btn-sm">重新生成总第{t.issueNumber}期</button>
              </ActionForm>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
