"use client";

import { useEffect, useState } from "react";
import { deadlineDistance, deadlineState, type DeadlineState, type PageDeadlines } from "@/lib/issues/deadlines";
import { formatClockTime } from "@/lib/core/dates";

const STYLE: Record<DeadlineState, string> = {
  done: "bg-green-50 text-green-800",
  on_time: "bg-stone-100 text-stone-700",
  warning: "bg-amber-100 text-amber-900",
  overdue: "bg-red-100 text-red-800 font-bold",
};
const SAID: Record<DeadlineState, string> = { done: "已完成", on_time: "", warning: "将到", overdue: "已超时" };

/**
 * The board's clock, moved on each half minute: the chips turn amber and red without a reload. None
 * until the page is in the browser, so the server's clock and the browser's never disagree in one page.
 */
function useMinuteClock(): Date | null {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    const tick = () => setNow(new Date());
    tick();
    const timer = setInterval(tick, 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * A page's 截稿 and 签版 against the clock: 截稿 is met when the page carries copy and no planned slot
 * on it still waits for its own, 签版 when the page is signed.
 */
export function PageDeadlineChips({ deadlines, copyIn, signed }: { deadlines: PageDeadlines; copyIn: boolean; signed: boolean }) {
  const now = useMinuteClock();
  if (!now) return null;
  const chip = (label: string, at: string, met: boolean) => {
    const state = deadlineState(now, at, deadlines.warnMinutes, met);
    return (
      <li className={`rounded px-1.5 py-0.5 ${STYLE[state]}`} data-deadline={state}>
        {label} {formatClockTime(new Date(at), now)}
        {state !== "on_time" && ` · ${SAID[state]}`}
        {(state === "warning" || state === "overdue") && `（${deadlineDistance(now, at)}）`}
      </li>
    );
  };
  return (
    <ul aria-label="截稿与签版" className="mt-1 flex flex-wrap gap-1 text-xs">
      {chip("截稿", deadlines.copy, copyIn)}
      {chip("签版", deadlines.sign, signed)}
    </ul>
  );
}
