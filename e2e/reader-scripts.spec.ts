import { expect, test } from "./support";

// Reader pages load no polyfills for browsers Next no longer supports (next.config.js): the scripts
// a modern browser runs carry none of polyfill-module's patches.
test("the scripts a reader's browser runs carry no legacy polyfills", async ({ page, request }) => {
  await page.goto("/");
  const sources = await page.locator("script[src]:not([nomodule])").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).src));
  expect(sources.length).toBeGreaterThan(0);
  for (const src of sources) {
    const code = await (await request.get(src)).text();
    expect(code.length, src).toBeGreaterThan(0);
    // What polyfill-module writes for String.prototype.trimStart and Object.hasOwn.
    expect(code, src).not.toContain("trimStart=String.prototype.trimLeft");
    expect(code, src).not.toContain("Object.hasOwn||(Object.hasOwn");
  }
});
