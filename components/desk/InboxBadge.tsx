"use client";

import Link from "next/link";
import { useDeskPulse } from "@/components/desk/DeskPulse";

// The inbox link with its unread count, kept fresh by the desk's poller (DeskPulse).
export function InboxBadge() {
  const { unread } = useDeskPulse();
  return (
    <Link href="/desk/inbox" className="relative hover:text-masthead" aria-label={unread > 0 ? `消息（${unread} 条未读）` : "消息"}>
      消息
      {unread > 0 && (
        <span data-testid="unread-count" className="ml-1 inline-block min-w-5 rounded-full bg-masthead px-1.5 text-center text-xs leading-5 text-white">
          {unread}
        </span>
      )}
    </Link>
  );
}
