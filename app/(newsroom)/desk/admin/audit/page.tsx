import Link from "next/link";
import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { auditActions, auditFilters, listAuditEvents } from "@/lib/audit/log";
import { listUsers } from "@/lib/users/queries";
import { auditActionLabel, auditTargetLabel } from "@/lib/audit/labels";
import { describeAuditSummary } from "@/lib/audit/summary";
import { formatMoment } from "@/lib/core/dates";
import { DateField } from "@/components/DateField";

export const metadata: Metadata = { title: "操作日志" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireCapability("account:manage");
  const filters = auditFilters.parse(await searchParams);
  const [{ events, nextBefore }, users, actions] = await Promise.all([listAuditEvents(user, filters), listUsers(user), auditActions(user)]);
  const { before: _b, ...kept } = filters;
  const next = nextBefore ? `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(kept).filter(([, v]) => v)), before: nextBefore } as Record<string, string>)}` : null;
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">操作日志</h1>
      <p className="mb-4 text-sm text-stone-600">系统中的每一次改动都记录在这里，记录不能修改或删除。</p>
      <form method="get" className="mb-4 grid gap-3 rounded border border-stone-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5">
        <label className="block">
          <span className="label">操作人</span>
          <select name="actor" defaultValue={filters.actor ?? ""} className="input">
            <option value="">全部</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>{u.name}（{u.username}）</option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="label">操作</span>
          <select name="action" defaultValue={filters.action ?? ""} className="input">
            <option value="">全部</option>
            {actions.map((a) => (
              <option key={a} value={a}>{auditActionLabel(a)}</option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="label">对象编号（稿件、期、用户…）</span>
          <input name="target" defaultValue={filters.target} className="input" />
        </label>
        <div className="block">
          <span className="label">从</span>
          <DateField name="from" label="从" defaultValue={filters.from} />
        </div>
        <div className="block">
          <span className="label">到</span>
          <DateField name="to" label="到" defaultValue={filters.to} />
        </div>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">筛选</button>
          <Link href="/desk/admin/audit" className="btn">清除</Link>
        </div>
      </form>
      <div className="overflow-x-auto rounded border border-stone-300 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-stone-100 text-left text-stone-600">
            <tr>
              <th scope="col" className="px-3 py-2">时间</th>
              <th scope="col" className="px-3 py-2">操作人</th>
              <th scope="col" className="px-3 py-2">操作</th>
              <th scope="col" className="px-3 py-2">对象</th>
              <th scope="col" className="px-3 py-2">摘要</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-t border-stone-200 align-top">
                <td className="px-3 py-2 whitespace-nowrap">{formatMoment(e.at)}</td>
                <td className="px-3 py-2">{e.actorName}</td>
                <td className="px-3 py-2">{auditActionLabel(e.action)}</td>
                <td className="px-3 py-2 text-xs">
                  {auditTargetLabel(e.targetType)}{" "}
                  {e.targetType === "story" ? (
                    <Link href={`/desk/stories/${e.targetId}`} className="font-mono hover:underline">{e.targetId}</Link>
                  ) : (
                    <span className="font-mono">{e.targetId}</span>
                  )}
                </td>
                <td className="px-3 py-2 text-xs">
                  <ul className="space-y-0.5">
                    {describeAuditSummary(e).map((phrase, i) => (
                      <li key={i} className="break-all">{phrase}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {events.length === 0 && <p className="mt-4 text-stone-600">没有符合条件的记录。</p>}
      {next && <p className="mt-4 text-right"><Link href={next} className="btn btn-sm">更早的记录</Link></p>}
    </>
  );
}
