"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

const POLL_MS = 10_000;

// The inbox link with its unread count, refreshed in the background; on the inbox page itself a
// new entry also refreshes the list.
export function InboxBadge({ initial }: { initial: number }) {
  const [unread, setUnread] = useState(initial);
  const pathname = usePathname();
  const router = useRouter();
  const last = useRef(initial);

  useEffect(() => {
    let stopped = false;
    async function poll() {
      const answer = await fetch("/api/inbox", { cache: "no-store" }).then((r) => (r.ok ? r.json() : null)).catch(() => null);
      if (stopped || !answer || typeof answer.unread !== "number") return;
      setUnread(answer.unread);
      if (answer.unread > last.current && pathname === "/desk/inbox") router.refresh();
      last.current = answer.unread;
    }
    const timer = setInterval(poll, POLL_MS);
    window.addEventListener("focus", poll);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener("focus", poll);
    };
  }, [pathname, router]);

  useEffect(() => {
    setUnread(initial);
    last.current = initial;
  }, [initial]);

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
