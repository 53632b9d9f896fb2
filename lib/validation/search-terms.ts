import { printable } from "@/lib/validation/text";

// What someone typed into a search box, as terms: the reader's search and the photo library read it alike.
export const QUERY_MAX_CHARS = 40;

/** Turns what a reader typed into search terms, with the problems a reader should hear about. */
export function searchTerms(raw: string): { terms: string[]; truncated: boolean; tooShort: boolean } {
  const chars = Array.from(printable(raw, " ").normalize("NFKC").trim());
  const truncated = chars.length > QUERY_MAX_CHARS;
  const terms = [...new Set(chars.slice(0, QUERY_MAX_CHARS).join("").split(/[\s，,。、；;]+/u).filter(Boolean))].slice(0, 5);
  // A single character matches almost everything and cannot use the trigram index.
  const tooShort = terms.length > 0 && terms.every((t) => Array.from(t).length < 2);
  return { terms: terms.filter((t) => Array.from(t).length >= 2), truncated, tooShort };
}
