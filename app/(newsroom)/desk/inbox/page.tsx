import Link from "next/link";
import type { Metadata } from "next";
import { requireUser } from "@/lib/core/session";
import { listInbox } from "@/lib/inbox/queries";
import { ActionForm } from "@/components/desk/ActionForm";
import { markAllReadAction } from "./actions";
import { formatMoment } from "@/lib/core/dates";

export const metadata: Metadata = { title: "消息" };

export default async function InboxPage() {
  const user = await requireUser();
  const items = await listInbox(user);
  const unread = items.filter((i) => !i.readAt).length;
  return (
    <>
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-bold">消息</h1>
        {unread > 0 && (
          <ActionForm action={markAllReadAction} hidden={{}}>
            <button type="submit" className="btn btn-sm">全部标为已读</button>
          </ActionForm>
        )}
      </div>
      {items.length === 0 && <p className="rounded border border-dashed border-stone-300 p-6 text-center text-stone-600">还没有消息。</p>}
      <ol className="space-y-2">
        {items.map((n) => (
          <li key={n.id} className={`rounded border p-3 ${n.readAt ? "border-stone-200 bg-white" : "border-masthead/40 bg-red-50"}`}>
            <p className="text-xs text-stone-500">
              {formatMoment(n.createdAt)}
              {!n.readAt && <strong className="ml-2 text-masthead">未读</strong>}
            </p>
            <Link href={n.href} className="hover:text-masthead hover:underline" data-testid="inbox-message">
              {n.message}
            </Link>
          </li>
        ))}
      </ol>
    </>
  );
}
