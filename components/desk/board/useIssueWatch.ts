"use client";

import { useCallback, useEffect, useRef, useTransition } from "react";
import { useRouter } from "next/navigation";
import { usePolling } from "@/components/desk/usePolling";

/** How often an open board asks whether the issue changed: other editors' moves show within seconds. */
const WATCH_MS = 3_000;

/** A field the editor is in: drawing the page again under it could take what they are choosing. */
function editorIsInAField(): boolean {
  return document.activeElement?.matches("input, textarea, select, [contenteditable]") ?? false;
}

/**
 * Keeps the issue's page in step with Postgres. Every few seconds (while the tab is shown) it asks
 * for the issue's board version, one small query; when the page was drawn at another, the server
 * draws the whole page again (board, release panel, everything). Never in the middle of a drag, a
 * command on its way or while a field has the focus: it asks again once they are over.
 * `redraw` is for the board's own commands, whose effects reach beyond the pages they touched.
 */
export function useIssueWatch(issueId: string, drawnAt: string, { watching, busy }: { watching: boolean; busy: () => boolean }) {
  const router = useRouter();
  const [redrawing, startTransition] = useTransition();
  const redraw = useCallback(() => startTransition(() => router.refresh()), [router]);
  const now = useRef({ drawnAt, redrawing, busy });
  useEffect(() => {
    now.current = { drawnAt, redrawing, busy };
  }, [drawnAt, redrawing, busy]);

  const look = useCallback(
    async (stopped: () => boolean) => {
      const held = () => stopped() || document.hidden || now.current.redrawing || now.current.busy() || editorIsInAField();
      if (held()) return;
      const answer = await fetch(`/api/desk/issues/${issueId}/board-version`, { cache: "no-store" })
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null);
      // Asked again: the editor may have picked something up while the answer was on its way.
      if (held() || typeof answer?.version !== "string" || answer.version === now.current.drawnAt) return;
      redraw();
    },
    [issueId, redraw],
  );
  usePolling(watching ? look : null, WATCH_MS, "visibilitychange");

  return redraw;
}
