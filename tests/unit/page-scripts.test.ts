import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { inlineScriptHashes, readerPolicyFor } from "@/lib/platform/cache/page-scripts.mjs";

// A reader page kept by the cache names its own inline scripts by hash: exactly those, nothing else.
const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("a kept reader page's script policy", () => {
  const page = [
    "<html><head><script src=\"/_next/static/chunks/main.js\" async></script>",
    '<script type="application/ld+json">{"@type":"NewsArticle","headline":"秋粮入仓"}</script></head><body>',
    "<script>self.__next_f.push([1,\"秋粮\\u003c\"])</script>",
    '<script id="_R_">self.__next_f.push([2])</script>',
    "<script>self.__next_f.push([1,\"秋粮\\u003c\"])</script>",
    "</body></html>",
  ].join("");

  it("hashes each inline script once, byte for byte as sent, and not files or data blocks", () => {
    expect(inlineScriptHashes(page)).toEqual([sha('self.__next_f.push([1,"秋粮\\u003c"])'), sha("self.__next_f.push([2])")]);
  });

  it("puts the hashes where 'unsafe-inline' was, keeping every other rule", () => {
    const policy = readerPolicyFor(page);
    expect(policy).toContain(`script-src 'self' ${inlineScriptHashes(page).join(" ")};`);
    expect(policy).not.toContain("'unsafe-inline'; script-src-attr");
    expect(policy).toContain("script-src-attr 'none'");
    expect(policy).toContain("object-src 'none'");
  });

  it("a page without inline scripts allows none", () => {
    expect(readerPolicyFor("<html><body><p>秋收</p></body></html>")).toMatch(/script-src 'self'; /u);
  });
});
