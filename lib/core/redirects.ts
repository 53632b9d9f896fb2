// Where a user-supplied target may send the browser: only somewhere on this site.
// The URL parser decides, exactly as the browser will (it drops tabs and newlines and reads "\" as
// "/"), so "/%09/evil.example" or "/\\evil.example" resolve to another origin and are refused.
// A same-site target is kept in its normalised form, which carries no raw control characters.
const SAME_SITE = "http://same-site.invalid";

export function localPath(target: unknown, options: { origin?: string; fallback?: string } = {}): string {
  const { origin = SAME_SITE, fallback = "/desk" } = options;
  if (typeof target !== "string" || target === "" || target.length > 2048) return fallback;
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  // "/.//evil" normalises to the path "//evil", which a browser would read as another host.
  const path = url.pathname.replace(/^\/{2,}/, "/");
  return path + url.search + url.hash;
}
