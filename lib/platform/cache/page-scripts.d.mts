// Types for page-scripts.mjs (plain JS: the cache handler Next loads itself uses it).
export function inlineScriptHashes(html: string): string[];
export function readerPolicyFor(html: string): string;
