"use client";

import { usePathname, useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { usePolling } from "@/components/desk/usePolling";
import type { DeskAlarm } from "@/lib/jobs/desk-alarms";

const POLL_MS = 10_000;

export type Pulse = { unread: number; alarms: DeskAlarm[] };

const PulseContext = createContext<Pulse>({ unread: 0, alarms: [] });

/** The unread count and the alarms, as last drawn by the server or polled since. */
export function useDeskPulse(): Pulse {
  return useContext(PulseContext);
}

// The desk's one poller: every 10 s (and when the window gets focus) it asks /api/inbox for the
// unread count and the alarms, for the inbox link and the alarm banner alike. A new drawing by the
// server (after an action, a refresh) replaces what was polled. On the inbox page a new entry also
// refreshes the list.
export function DeskPulse({ initial, children }: { initial: Pulse; children: React.ReactNode }) {
  const [pulse, setPulse] = useState(initial);
  const pathname = usePathname();
  const router = useRouter();
  const lastUnread = useRef(initial.unread);

  const poll = useCallback(
    async (stopped: () => boolean) => {
      const answer = await fetch("/api/inbox", { cache: "no-store" }).then((r) => (r.ok ? r.json() : null)).catch(() => null);
      if (stopped() || !answer || typeof answer.unread !== "number" || !Array.isArray(answer.alarms)) return;
      setPulse({ unread: answer.unread, alarms: answer.alarms });
      if (answer.unread > lastUnread.current && pathname === "/desk/inbox") router.refresh();
      lastUnread.current = answer.unread;
    },
    [pathname, router],
  );
  usePolling(poll, POLL_MS, "focus");

  useEffect(() => {
    setPulse(initial);
    lastUnread.current = initial.unread;
  }, [initial]);

  return <PulseContext.Provider value={pulse}>{children}</PulseContext.Provider>;
}
