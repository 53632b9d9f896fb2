// Stands in, in the browser bundle only, for Next's polyfill-module (next.config.js,
// turbopack.resolveAlias). Next 16 supports only browsers in which everything that module patches
// (String trimStart/trimEnd, Symbol.description, Array flat/flatMap/at, Promise.finally,
// Object.fromEntries/hasOwn, URL.canParse) is built in, so every reader page paid ~13 KiB of
// "legacy JavaScript" in Lighthouse for nothing (vercel/next.js#86785). Left empty on purpose.
