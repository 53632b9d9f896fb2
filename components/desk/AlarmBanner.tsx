"use client";

import Link from "next/link";
import { useDeskPulse } from "@/components/desk/DeskPulse";

// 警报: a red band under the header of every back-office page while a release is late or a job
// has failed for good: which issue or job, since when (Beijing time), what the system knows, and
// the one link that helps. It follows the desk's poller, so it comes and goes without a reload.
export function AlarmBanner() {
  const { alarms } = useDeskPulse();
  return (
    // Always in the page, so screen readers announce an alarm that arrives by the poller.
    <div role="alert" aria-label="警报" className="print:hidden">
      {alarms.length > 0 && (
        <ul className="border-b-4 border-red-900 bg-red-700 text-white">
          {alarms.map((alarm) => (
            <li key={alarm.key} data-testid="desk-alarm" data-alarm={alarm.key} className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
              {/* At least 18rem of text beside the link, else the link goes below it (a phone). */}
              <div className="min-w-0 grow basis-72 text-sm">
                <p className="text-base font-bold">{alarm.heading}</p>
                <p>{alarm.since}</p>
                <p data-testid="desk-alarm-state">{alarm.state}</p>
                {alarm.note && <p>{alarm.note}</p>}
              </div>
              {alarm.action && (
                <Link href={alarm.action.href} className="rounded bg-white px-3 py-2 text-sm font-bold text-red-800 hover:bg-red-50">
                  {alarm.action.label}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
