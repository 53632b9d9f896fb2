import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { listUsers } from "@/lib/users/queries";
import { ROLE_LABELS, ROLES } from "@/lib/core/roles";
import { NewUserForm } from "@/components/desk/NewUserForm";
import { ActionForm } from "@/components/desk/ActionForm";
import { Flash } from "@/components/desk/Flash";
import { listSignInLocks, lockLabel } from "@/lib/auth/throttle";
import { listFailedJobs } from "@/lib/jobs/failed";
import { openJobAlarms } from "@/lib/jobs/alarms";
import { formatMoment } from "@/lib/core/dates";
import { acknowledgeJobAlarmAction, createUserAction, liftSignInLockAction, updateUserAction } from "./actions";
import { readFlash } from "@/lib/core/flash";
import { pageRenderReport } from "@/lib/page-files/admin";
import { PageFilesPanel } from "@/components/desk/PageFilesPanel";
import { renderPagesAgainAction } from "./page-files-actions";

export const metadata: Metadata = { title: "账号管理" };

// A device's label says whose browser it is by itself.
const LOCK_KINDS = { account: "账号 ", address: "地址 ", device: "" } as const;

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ done?: string; seal?: string }> }) {
  const user = await requireCapability("account:manage");
  const [users, locks, failedJobs, { done, seal }] = await Promise.all([listUsers(user), listSignInLocks(user), listFailedJobs(user), searchParams]);
  const accounts = new Set(users.map((u) => u.username));
  const [jobAlarms, pageFiles] = await Promise.all([openJobAlarms(user), pageRenderReport(user)]);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">账号管理</h1>
      <Flash message={readFlash({ done, seal })} />
      <section className="mb-8 rounded border border-stone-300 bg-white p-4" aria-labelledby="new-user">
        <h2 id="new-user" className="mb-3 font-bold">新建账号</h2>
        <NewUserForm action={createUserAction} />
      </section>
      <section className="mb-8 rounded border border-stone-300 bg-white p-4" aria-labelledby="signin-locks">
        <h2 id="signin-locks" className="mb-1 font-bold">登录锁定</h2>
        <p className="mb-3 text-sm text-stone-600">
          连续输错密码后暂时不能登录，到时自动解除。账号和地址的锁定只挡没登录过该账号的浏览器，本人的常用浏览器照常登录，它只因自己输错而锁定。确认是本人后可以提前解除。
        </p>
        {locks.length === 0 ? (
          <p className="text-sm text-stone-600">目前没有被锁定的账号或地址。</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="bg-stone-100 text-left text-stone-600">
              <tr>
                <th scope="col" className="px-3 py-2">锁定对象</th>
                <th scope="col" className="px-3 py-2">锁定至（北京时间）</th>
                <th scope="col" className="px-3 py-2">解除</th>
              </tr>
            </thead>
            <tbody>
              {locks.map((lock) => (
                <tr key={`${lock.scope}:${lock.subject}`} className="border-t border-stone-200">
                  <td className="px-3 py-2">
                    {LOCK_KINDS[lock.scope]}<span className="font-mono">{lockLabel(lock)}</span>
                    {lock.scope === "account" && !accounts.has(lock.subject) && <span className="ml-1 text-xs text-stone-500">（没有这个账号）</span>}
                  </td>
                  <td className="px-3 py-2">{formatMoment(lock.until)}</td>
                  <td className="px-3 py-2">
                    <ActionForm action={liftSignInLockAction} hidden={{ scope: lock.scope, subject: lock.subject }}>
                      <button type="submit" className="btn btn-sm" aria-label={`解除 ${lockLabel(lock)} 的登录锁定`}>解除锁定</button>
                    </ActionForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="mb-8 rounded border border-stone-300 bg-white p-4" aria-labelledby="failed-jobs">
        <h2 id="failed-jobs" className="mb-1 font-bold">后台任务</h2>
        <p className="mb-3 text-sm text-stone-600">定时见报等后台任务失败时会自动重试；用完重试次数仍失败的列在这里（保留 30 天）。</p>
        {jobAlarms.length > 0 && (
          <ul className="mb-4 space-y-2" aria-label="未确认的任务警报">
            {jobAlarms.map((alarm) => (
              <li key={alarm.id} className="flex flex-wrap items-center gap-3 rounded border border-red-300 bg-red-50 p-3 text-sm" data-testid="job-alarm">
                <div className="min-w-0 flex-1">
                  <p className="font-bold text-red-800">警报：后台任务“{alarm.label}”用完重试仍然失败，确认前一直显示在各页顶部</p>
                  <p>
                    北京时间 {formatMoment(alarm.raisedAt)} 发出{alarm.lastFailedAt && `，最近一次失败于 ${formatMoment(alarm.lastFailedAt)}`}
                  </p>
                  <p className="break-all">原因：{alarm.error}</p>
                </div>
                {/* The latest failure shown is sent back: one folded in since is refused, to be read first. */}
                <ActionForm action={acknowledgeJobAlarmAction} hidden={{ alarmId: alarm.id, seenJobId: alarm.lastJobId }}>
                  <button type="submit" className="btn btn-sm" aria-label={`确认已知晓：${alarm.label}`}>确认已知晓</button>
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
        {failedJobs.length === 0 ? (
          <p className="text-sm text-stone-600">没有失败的后台任务。</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="bg-stone-100 text-left text-stone-600">
              <tr>
                <th scope="col" className="px-3 py-2">任务</th>
                <th scope="col" className="px-3 py-2">失败于（北京时间）</th>
                <th scope="col" className="px-3 py-2">尝试次数</th>
                <th scope="col" className="px-3 py-2">原因</th>
              </tr>
            </thead>
            <tbody>
              {failedJobs.map((job) => (
                <tr key={job.id} className="border-t border-stone-200">
                  <td className="px-3 py-2">{job.label}</td>
                  <td className="px-3 py-2">{job.failedAt ? formatMoment(job.failedAt) : "—"}</td>
                  <td className="px-3 py-2">{job.attempts}</td>
                  <td className="break-all px-3 py-2 font-mono text-xs">{job.error.slice(0, 300)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <PageFilesPanel report={pageFiles} renderAgain={renderPagesAgainAction} />
      <table className="w-full rounded border border-stone-300 bg-white text-sm">
        <thead className="bg-stone-100 text-left text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2">用户名</th>
            <th scope="col" className="px-3 py-2">姓名</th>
            <th scope="col" className="px-3 py-2">角色</th>
            <th scope="col" className="px-3 py-2">单位</th>
            <th scope="col" className="px-3 py-2">状态</th>
            <th scope="col" className="px-3 py-2">修改</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-t border-stone-200">
              <td className="px-3 py-2 font-mono">{u.username}</td>
              <td className="px-3 py-2">
                {u.name}
                <span className="ml-1 text-xs text-stone-500">{u.bylineTitle}</span>
              </td>
              <td className="px-3 py-2">{ROLE_LABELS[u.role]}</td>
              <td className="px-3 py-2">{u.affiliation}</td>
              <td className="px-3 py-2">{u.active ? "启用" : "停用"}</td>
              <td className="space-y-1 px-3 py-2">
                {u.id !== user.id && (
                  <>
                    <ActionForm action={updateUserAction} hidden={{ userId: u.id, what: "role" }} className="flex gap-1">
                      <select name="role" defaultValue={u.role} className="input w-auto py-1 text-xs" aria-label={`${u.username} 的角色`}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>{ROLE_LABELS[r]}</option>
                        ))}
                      </select>
                      <button type="submit" className="btn btn-sm">改角色</button>
                    </ActionForm>
                    <ActionForm action={updateUserAction} hidden={{ userId: u.id, what: "active", active: String(!u.active) }} confirm={u.active ? `停用 ${u.username}？停用后立即退出登录。` : undefined}>
                      <button type="submit" className="btn btn-sm" aria-label={`${u.active ? "停用" : "启用"} ${u.username}`}>{u.active ? "停用" : "启用"}</button>
                    </ActionForm>
                  </>
                )}
                <ActionForm action={updateUserAction} hidden={{ userId: u.id, what: "password" }} className="flex gap-1">
                  <input type="password" name="password" className="input w-32 py-1 text-xs" placeholder="新密码" aria-label={`${u.username} 的新密码`} autoComplete="new-password" />
                  <button type="submit" className="btn btn-sm">重设密码</button>
                </ActionForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
