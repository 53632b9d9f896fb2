import type { Metadata } from "next";
import { requireCapability } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/queries";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { NewUserForm } from "@/components/desk/NewUserForm";

export const metadata: Metadata = { title: "账号管理" };

export default async function AdminPage() {
  const user = await requireCapability("account:manage");
  const users = await listUsers(user);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">账号管理</h1>
      <section className="mb-8 rounded border border-stone-300 bg-white p-4" aria-labelledby="new-user">
        <h2 id="new-user" className="mb-3 font-bold">新建账号</h2>
        <NewUserForm />
      </section>
      <table className="w-full rounded border border-stone-300 bg-white text-sm">
        <thead className="bg-stone-100 text-left text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2">用户名</th>
            <th scope="col" className="px-3 py-2">姓名</th>
            <th scope="col" className="px-3 py-2">角色</th>
            <th scope="col" className="px-3 py-2">单位</th>
            <th scope="col" className="px-3 py-2">状态</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-t border-stone-200">
              <td className="px-3 py-2 font-mono">{u.username}</td>
              <td className="px-3 py-2">{u.bylineTitle} {u.name}</td>
              <td className="px-3 py-2">{ROLE_LABELS[u.role]}</td>
              <td className="px-3 py-2">{u.affiliation}</td>
              <td className="px-3 py-2">{u.active ? "启用" : "停用"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
