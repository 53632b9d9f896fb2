"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { LOCK_HEARTBEAT_MS, type LockView } from "@/lib/stories/lock-rules";
import type { LockAnswer, StoryEditorCalls } from "@/components/desk/story-editor/calls";

/**
 * The edit lock: taken when the story opens, kept alive by a heartbeat, and if someone takes it
 * over, the editor turns read-only without losing a character. A lock that brings a newer version
 * hands it to `onNewerCopy`.
 */
export function useEditLock({
  openedId,
  storyId,
  mayEdit,
  server,
  onNewerCopy,
}: {
  /** The story the editor opened with (null for a new one). */
  openedId: string | null;
  storyId: string | null;
  mayEdit: boolean;
  server: StoryEditorCalls;
  onNewerCopy: (answer: LockAnswer) => void;
}) {
  const [lock, setLock] = useState<LockView | null>(openedId ? null : { held: true, holder: null });
  const [lockLost, setLockLost] = useState<string | null>(null);
  // The newest callback, so the heartbeat does not restart on every keystroke.
  const newerCopy = useRef(onNewerCopy);
  newerCopy.current = onNewerCopy;

  const applyLock = useCallback((answer: LockAnswer, fromHeartbeat: boolean) => {
    if ("error" in answer) return;
    setLock((previous) => {
      if (fromHeartbeat && previous?.held && !answer.held) {
        setLockLost(answer.holder ? `${answer.holder.name} 已接管这篇稿件的编辑。` : "你的编辑锁已过期。");
      }
      return answer;
    });
    newerCopy.current(answer);
  }, []);

  useEffect(() => {
    if (!openedId || !mayEdit) return;
    let cancelled = false;
    void server.acquireLock(openedId).then((answer) => !cancelled && applyLock(answer, false));
    void server.markRead(openedId);
    return () => {
      cancelled = true;
    };
    // Only when the editor opens a story.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openedId]);

  useEffect(() => {
    if (!storyId || !mayEdit) return;
    const timer = setInterval(() => void server.renewLock(storyId).then((answer) => applyLock(answer, true)), LOCK_HEARTBEAT_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storyId, mayEdit, applyLock]);

  useEffect(() => {
    const id = storyId;
    return () => {
      if (id) void server.releaseLock(id);
    };
    // The calls arrive anew with each server render; only a new story id means letting go.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storyId]);

  async function takeOver() {
    if (!storyId) return;
    const answer = await server.takeOverLock(storyId);
    if ("error" in answer) return;
    setLockLost(null);
    setLock(answer);
    newerCopy.current(answer);
  }

  return { lock, lockLost, setLockLost, takeOver };
}
