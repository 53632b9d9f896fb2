import { formatClockTime } from "@/lib/core/dates";

// How a refused sign-in travels from authorize() to the sign-in form. next-auth hands the form
// only an error string, so the server sends a code with data and the form words it in Chinese.
// Pure: shared by the server and the browser.

// throttled-elsewhere: a lock on browsers the account does not know, which the owner's own one passes.
const THROTTLED = /^throttled(-elsewhere)?:(\d{1,12})$/;

export const WRONG_CREDENTIALS_MESSAGE = "用户名或密码不正确，或账号已停用";

/** The code for a sign-in that failed on the server's side (its database), not on the password. */
export const SIGNIN_UNAVAILABLE = "signin_unavailable";

/** The code for "too many attempts; try again after `until`" (and whether a known browser would pass). */
export function throttledCode(until: Date, { knownBrowserPasses }: { knownBrowserPasses: boolean }): string {
  return `throttled${knownBrowserPasses ? "-elsewhere" : ""}:${Math.ceil(until.getTime() / 1000)}`;
}

/** When a throttled refusal ends, or null for any other answer. */
export function throttledUntil(code: string | null | undefined): Date | null {
  const match = code ? THROTTLED.exec(code) : null;
  return match ? new Date(Number(match[2]) * 1000) : null;
}

/** What the sign-in form says for next-auth's error string; the same whether or not the account exists. */
export function signInRefusalMessage(code: string | null | undefined, now: Date = new Date()): string {
  if (code === SIGNIN_UNAVAILABLE) return "暂时无法登录，请稍后再试";
  const until = throttledUntil(code);
  if (!until) return WRONG_CREDENTIALS_MESSAGE;
  // Rounded up to the minute: the form must never name a time at which the lock still holds.
  const minute = new Date(Math.ceil(until.getTime() / 60_000) * 60_000);
  const refusal = `登录尝试过多，请于 ${formatClockTime(minute, now)}（北京时间）后再试`;
  // Said for unknown usernames too, so it tells nobody whether the account exists.
  return code!.startsWith("throttled-elsewhere:") ? `${refusal}。在您以前登录过的浏览器上不受此限；急需时请联系管理员解除锁定` : refusal;
}
