"use client";

import { useEffect } from "react";

/**
 * Calls `look` every `ms`, and at once when `wakeUp` fires (the window regains focus, the tab is
 * shown again), until the component goes or `look` changes (pass it through useCallback; null
 * stops it). `look` is told whether it has been stopped since, so an answer arriving late is dropped.
 */
export function usePolling(look: ((stopped: () => boolean) => unknown) | null, ms: number, wakeUp: "focus" | "visibilitychange") {
  useEffect(() => {
    if (!look) return;
    let stopped = false;
    const run = () => void look(() => stopped);
    const target = wakeUp === "focus" ? window : document;
    const timer = setInterval(run, ms);
    target.addEventListener(wakeUp, run);
    return () => {
      stopped = true;
      clearInterval(timer);
      target.removeEventListener(wakeUp, run);
    };
  }, [look, ms, wakeUp]);
}
