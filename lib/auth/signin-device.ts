import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env, secureCookies } from "@/lib/platform/env";

// The browsers an account has signed in from before (OWASP's "device cookie"). A right password
// gives the browser a note, signed with the installation's secret, naming the account and a random
// device id; a later sign-in to that account carrying the note is counted against that device
// alone (lib/auth/throttle.ts), so a stranger's wrong passwords never lock the owner's own browser.
// Nothing is stored on the server: the signature is the proof, and every instance shares the secret.

/** How long a browser stays known without signing in again. */
export const DEVICE_KEPT_SECONDS = 180 * 24 * 60 * 60;
// A shared desk computer holds the notes of several people; the oldest beyond this are dropped.
const ACCOUNTS_PER_BROWSER = 8;
// Only the sign-in request needs it: no other page or script is sent it.
const COOKIE_PATH = "/api/auth/callback/credentials";

export function deviceCookieName(): string {
  return secureCookies() ? "__Secure-newsroom.signin-device" : "newsroom.signin-device";
}

type Note = { username: string; device: string; issuedAt: number };

let signingKey: { secret: string; key: Buffer } | undefined;
function key(): Buffer {
  const secret = env().NEXTAUTH_SECRET;
  if (signingKey?.secret !== secret) signingKey = { secret, key: createHmac("sha256", secret).update("newsroom signin device v1").digest() };
  return signingKey.key;
}

const seal = (body: string) => createHmac("sha256", key()).update(body).digest("base64url");

function write(note: Note): string {
  const body = `${Buffer.from(note.username).toString("base64url")}.${note.device}.${note.issuedAt}`;
  return `${body}.${seal(body)}`;
}

function read(text: string, nowSeconds: number): Note | null {
  const match = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{16})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(text);
  if (!match) return null;
  const [, name, device, issued, signature] = match;
  const expected = Buffer.from(seal(`${name}.${device}.${issued}`));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return null;
  const issuedAt = Number(issued);
  // A note from the future was not made by us; an old one has run out.
  if (issuedAt > nowSeconds + 300 || issuedAt + DEVICE_KEPT_SECONDS <= nowSeconds) return null;
  return { username: Buffer.from(name, "base64url").toString(), device, issuedAt };
}

/** The valid notes a request's Cookie header carries, newest first. */
function notesIn(cookieHeader: unknown, nowSeconds: number): Note[] {
  if (typeof cookieHeader !== "string") return [];
  const prefix = `${deviceCookieName()}=`;
  const value = cookieHeader.split(";").map((c) => c.trim()).find((c) => c.startsWith(prefix))?.slice(prefix.length) ?? "";
  return value.split("~").slice(0, ACCOUNTS_PER_BROWSER).flatMap((t) => read(t, nowSeconds) ?? []);
}

const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

/** The device id of this browser for `username`, if it signed in to that account before. */
export function knownDevice(cookieHeader: unknown, username: string, now = new Date()): string | null {
  return notesIn(cookieHeader, seconds(now)).find((n) => n.username === username)?.device ?? null;
}

/** The Set-Cookie header after a right password: this account's note renewed first, the others kept. */
export function deviceCookieAfterSignIn(cookieHeader: unknown, username: string, now = new Date()): string {
  const notes = notesIn(cookieHeader, seconds(now));
  const device = notes.find((n) => n.username === username)?.device ?? randomBytes(12).toString("base64url");
  const kept = [{ username, device, issuedAt: seconds(now) }, ...notes.filter((n) => n.username !== username)].slice(0, ACCOUNTS_PER_BROWSER);
  const attributes = [`Path=${COOKIE_PATH}`, `Max-Age=${DEVICE_KEPT_SECONDS}`, "HttpOnly", "SameSite=Strict", ...(secureCookies() ? ["Secure"] : [])];
  return [`${deviceCookieName()}=${kept.map(write).join("~")}`, ...attributes].join("; ");
}

// next-auth's authorize() cannot set cookies: it leaves the note here, and the sign-in route
// (app/api/auth/[...nextauth]/route.ts) adds it to the answer next-auth gives.
const pending = new AsyncLocalStorage<{ setCookie: string | null }>();

/** Runs a sign-in and returns what it answered with the device cookie it earned, if any. */
export async function withDeviceCookie<T>(signIn: () => Promise<T>): Promise<{ result: T; setCookie: string | null }> {
  const slot = { setCookie: null as string | null };
  const result = await pending.run(slot, signIn);
  return { result, setCookie: slot.setCookie };
}

/** Called on a right password: the browser is known to this account from now on. */
export function rememberDevice(cookieHeader: unknown, username: string): void {
  const slot = pending.getStore();
  if (slot) slot.setCookie = deviceCookieAfterSignIn(cookieHeader, username);
}
