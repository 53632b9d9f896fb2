// The Content-Security-Policy of a reader page rendered once and kept: rather than a nonce (a page
// served to every reader from the caches cannot name one per request), the hashes of exactly the
// inline scripts it was rendered with. Only those run; script injected into it does not.
import { createHash } from "node:crypto";
import readerPolicy from "../reader-policy.json" with { type: "json" };

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/giu;
// Data blocks (JSON-LD) are not run, and CSP does not judge them.
const DATA_TYPE = /\btype\s*=\s*["']?application\/(ld\+)?json/iu;

/** The sha256 sources of the page's inline scripts, in the order they appear, each once. */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/iu.test(attributes) || DATA_TYPE.test(attributes)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/** The reader policy with the page's own scripts named by hash instead of 'unsafe-inline'. */
export function readerPolicyFor(html) {
  const hashes = inlineScriptHashes(html);
  return readerPolicy.READER_PAGE_POLICY.replace("script-src 'self' 'unsafe-inline'", ["script-src 'self'", ...hashes].join(" "));
}
