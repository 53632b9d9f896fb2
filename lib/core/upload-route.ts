import "server-only";
import { currentUser, type SessionUser } from "@/lib/core/session";
import { siteUrl } from "@/lib/platform/env";
import { crossSiteRefusal } from "@/lib/platform/action-guard";
import { jsonError } from "@/lib/core/http";
import { API_POLICY } from "@/lib/platform/security-headers";

// What every route that takes an upload as it streams in does around its own work. The proxy does
// not see these routes (it would copy the body), so the cross-site check is here; the caller must
// be signed in; an answer given before the body was read closes the connection once sent, so the
// sender stops and the unread rest is never taken in; and every answer carries the API policy.
export async function streamedUpload(request: Request, handle: (user: SessionUser, bodyRead: () => void) => Promise<Response>): Promise<Response> {
  const answer = await answerUpload(request, handle);
  answer.headers.set("Content-Security-Policy", API_POLICY);
  return answer;
}

async function answerUpload(request: Request, handle: (user: SessionUser, bodyRead: () => void) => Promise<Response>): Promise<Response> {
  let read = false;
  try {
    const crossSite = crossSiteRefusal(request.headers, siteUrl());
    if (crossSite) return unread(request, Response.json({ error: crossSite.message }, { status: crossSite.status }));
    const user = await currentUser();
    if (!user) return unread(request, Response.json({ error: "请先登录" }, { status: 401 }));
    return await handle(user, () => (read = true));
  } catch (e) {
    return read ? jsonError(e) : unread(request, jsonError(e));
  }
}

// What is taken in before a refusal goes out: a sender waiting for an answer after a small body
// (one that declared a larger one, or was refused before it was read) has its bytes read, so the
// close that follows finds nothing unread — unread bytes make the kernel reset the connection, and
// a reset can overtake the answer on its way. A sender still sending past this gets its answer and
// the close as before.
const DRAIN_MAX_BYTES = 1024 * 1024;
const DRAIN_IDLE_MS = 200;
// A sender dripping bytes keeps no answer waiting longer than this.
const DRAIN_TOTAL_MS = 1000;

async function unread(request: Request, answer: Response): Promise<Response> {
  await drainBriefly(request);
  answer.headers.set("connection", "close");
  return answer;
}

async function drainBriefly(request: Request): Promise<void> {
  // A body already being read (the form reader stopped at the limit) is left as it is.
  if (!request.body || request.bodyUsed || request.body.locked) return;
  const reader = request.body.getReader();
  let taken = 0;
  const deadline = Date.now() + DRAIN_TOTAL_MS;
  try {
    while (taken <= DRAIN_MAX_BYTES && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const wait = Math.min(DRAIN_IDLE_MS, deadline - Date.now());
      const idle = new Promise<"idle">((resolve) => (timer = setTimeout(() => resolve("idle"), wait)));
      const read = reader.read();
      read.catch(() => {}); // still pending when the lock is released below, which rejects it
      const next = await Promise.race([read, idle]).finally(() => clearTimeout(timer));
      if (next === "idle" || next.done) break;
      taken += next.value.byteLength;
    }
  } catch {
    // The sender went away: nothing left to take in.
  } finally {
    reader.releaseLock();
  }
}
