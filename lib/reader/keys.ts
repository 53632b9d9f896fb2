// What a reader answer shows, named once for both caches that keep it: Next's cache drops entries
// by these tags, and the front cache (Varnish's xkey) drops the pages that carry them. A change is
// purged by the keys of what it changed (lib/reader/purge.ts), so the rest of the cache stays warm.
//
// Keys travel in an HTTP header (space-separated, lib/platform/cache): names are percent-encoded so
// a tag's Chinese name is plain ASCII without spaces or commas.

/** Every reader answer carries it: purging it empties the reader side (a change of the masthead). */
export const EVERY_READER_PAGE = "reader";

export const readerKey = {
  story: (id: string) => `story:${id}`,
  /** An issue, by its date: its pages, its front, and everything that shows them. */
  issue: (date: string) => `issue:${date}`,
  tag: (name: string) => `tag:${encodeURIComponent(name)}`,
  author: (slug: string) => `author:${encodeURIComponent(slug)}`,
  photo: (id: string) => `photo:${id}`,
  /** The newest issue, whichever it is: the front page, the calendar's start, the feed. */
  latest: "latest",
  /** The back-issue calendar. */
  calendar: "calendar",
  /** The index of tags with their counts. */
  tagIndex: "tags",
  /** RSS feeds (the paper's and each tag's). */
  feed: "feed",
  sitemap: "sitemap",
  /** Search answers (they list stories of any issue). */
  search: "search",
} as const;
