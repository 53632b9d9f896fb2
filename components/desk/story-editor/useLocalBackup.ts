"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { contentOf, type Content } from "./content";

const backupKey = (id: string | null) => `newsroom:story-backup:${id ?? "new"}`;

/**
 * The text as the user wrote it, to tell whether a kept copy is what the server has: the people
 * in the byline by name and role (the server adds their record ids when it saves them).
 */
function comparable(c: Content): string {
  return JSON.stringify(contentOf({ ...c, contributors: c.contributors.map(({ name, role }) => ({ name, role })) }));
}

function readBackup(id: string | null): { content: Content; savedAt: number; json: string } | null {
  try {
    const raw = localStorage.getItem(backupKey(id));
    if (!raw) return null;
    const kept = JSON.parse(raw) as { content: Content; savedAt: number };
    // A copy kept before bylines were lists of people has no list: the line is read back into one on save.
    const content = contentOf({ ...kept.content, contributors: kept.content.contributors ?? [], bylineEdited: kept.content.bylineEdited ?? false });
    return { content, savedAt: kept.savedAt, json: comparable(content) };
  } catch {
    localStorage.removeItem(backupKey(id));
    return null;
  }
}

export const forgetBackup = (id: string | null) => localStorage.removeItem(backupKey(id));

/**
 * The browser copy of unsaved text: written while the form differs from the server, offered back
 * when the editor opens with a copy the server never got, and kept when the user swaps in another text.
 */
export function useLocalBackup({ story, storyId, content, dirty, mayEdit }: { story: Content & { id: string | null }; storyId: string | null; content: Content; dirty: boolean; mayEdit: boolean }) {
  const [offered, setOffered] = useState<Content | null>(null);

  // Once, when the editor opens: later renders carry the same story with a newer version.
  const looked = useRef(false);
  useEffect(() => {
    if (looked.current) return;
    looked.current = true;
    const loaded = comparable(contentOf(story));
    // A new story that was created on the server leaves its "new" backup behind: drop it.
    if (story.id && readBackup(null)?.json === loaded) forgetBackup(null);
    const kept = readBackup(story.id);
    if (!kept) return;
    // Offered whenever it differs from what the server has; only the user throws it away.
    if (kept.json !== loaded) setOffered(kept.content);
    else forgetBackup(story.id);
  }, [story]);

  // Keep a browser copy of unsaved text, and warn before leaving with it.
  useEffect(() => {
    if (!dirty || !mayEdit) return;
    localStorage.setItem(backupKey(storyId), JSON.stringify({ content, savedAt: Date.now() }));
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [content, dirty, mayEdit, storyId]);

  /** Puts text aside (in this browser) and offers it back. */
  const keepAside = useCallback(
    (text: Content) => {
      localStorage.setItem(backupKey(storyId), JSON.stringify({ content: text, savedAt: Date.now() }));
      setOffered(text);
    },
    [storyId],
  );
  const discard = useCallback(() => {
    forgetBackup(storyId);
    setOffered(null);
  }, [storyId]);
  const taken = useCallback(() => setOffered(null), []);

  return { offered, keepAside, discard, taken };
}
