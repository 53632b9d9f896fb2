import type { Metadata } from "next";
import { requireUser } from "@/lib/core/session";
import { listInbox, unreadCount } from "@/lib/inbox/queries";
import { ActionForm } from "@/components/desk/ActionForm";
import { markAllReadAction, markShownReadAction } from "./actions";
import { InboxList } from "./InboxList";
import { formatMoment } from "@/lib/core/dates";

export const metadata: Metadata = { title: "消息" };

export default async function InboxPage() {
  const user = await requireUser();
  const [items, unread] = await Promise.all([listInbox(user), unreadCount(user)]);
  // Opening the inbox reads what it shows; only older unread entries beyond the list need the button.
  const unreadNotShown = unread - items.filter((i) => !i.readAt).length;
  return (
    <>
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-bold">消息</h1>
        {unreadNotShown > 0 && (
          <ActionForm action={markAllReadAction} hidden={{}}>
            <button type="submit" className="btn btn-sm">另有 {unreadNotShown} 条较早的未读消息：全部标为已读</button>
          </ActionForm>
        )}
      </div>
      {items.length === 0 && <p className="rounded border border-dashed border-stone-300 p-6 text-center text-stone-600">还没有消息。</p>}
      <InboxList
        entries={items.map((n) => ({ id: n.id, message: n.message, href: n.href, when: formatMoment(n.createdAt), unread: !n.readAt }))}
        markShownRead={markShownReadAction}
      />
    </>
  );
}
