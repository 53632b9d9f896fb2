"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

export type InboxEntry = { id: string; message: string; href: string; when: string; unread: boolean };

/**
 * The inbox as its owner reads it: opening it marks the entries it shows as read (so the badge
 * goes down), while those that were new stay marked 新 for this visit.
 */
export function InboxList({ entries, markShownRead }: { entries: InboxEntry[]; markShownRead: (ids: string[]) => Promise<void> }) {
  const router = useRouter();
  const [newThisVisit, setNewThisVisit] = useState(() => new Set(entries.filter((e) => e.unread).map((e) => e.id)));
  const sent = useRef(new Set<string>());

  useEffect(() => {
    const ids = entries.filter((e) => e.unread && !sent.current.has(e.id)).map((e) => e.id);
    if (ids.length === 0) return;
    ids.forEach((id) => sent.current.add(id));
    setNewThisVisit((seen) => new Set([...seen, ...ids]));
    // The refresh brings the badge in the header down with the entries.
    void markShownRead(ids).then(() => router.refresh());
  }, [entries, markShownRead, router]);

  return (
    <ol className="space-y-2">
      {entries.map((n) => {
        const fresh = newThisVisit.has(n.id);
        return (
          <li key={n.id} className={`rounded border p-3 ${fresh ? "border-masthead/40 bg-red-50" : "border-stone-200 bg-white"}`} data-testid="inbox-entry">
            <p className="text-xs text-stone-500">
              {n.when}
              {fresh && <strong className="ml-2 text-masthead">新</strong>}
            </p>
            <Link href={n.href} className="hover:text-masthead hover:underline" data-testid="inbox-message">
              {n.message}
            </Link>
          </li>
        );
      })}
    </ol>
  );
}
