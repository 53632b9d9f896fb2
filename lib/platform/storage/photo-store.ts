import type { Readable } from "node:stream";

/** A stored file opened for reading: its bytes as a stream, and how many there are. */
export type StoredFile = { body: Readable; size: number };

/** A key that holds files, and when the newest of them was written. */
export type StoredKey = { key: string; lastWritten: Date };

// What every photo store does, whatever keeps the bytes: files under a key (one photo's folder),
// each with a name (original.jpg, w480.webp ...). Files are written once and never changed in place.
export interface PhotoStore {
  put(key: string, name: string, data: Buffer): Promise<void>;
  /** Opens a file for streaming, or null when there is none. The caller reads `body` to the end or destroys it. */
  get(key: string, name: string): Promise<StoredFile | null>;
  /** A file's size without reading it (for HEAD), or null when there is none. */
  size(key: string, name: string): Promise<number | null>;
  remove(key: string): Promise<void>;
  /** Every key that holds files, each once, in no promised order (for the sweep of files without a row). */
  keys(): AsyncIterable<StoredKey>;
}

// A key is segments joined by "/" (2026/01/<uuid>), a name one segment. No segment may be empty or
// start with a dot: "." or ".." would point at the store's own root or above it.
const SEGMENT = /^[a-z0-9_-][a-z0-9_.-]*$/i;

/** Keys and names come from the app, never from a request; a path that could leave a photo's folder is a bug. */
export function assertSafe(key: string, name?: string) {
  for (const part of [...key.split("/"), ...(name === undefined ? [] : [name])]) {
    if (!SEGMENT.test(part)) throw new Error(`unsafe photo path: ${key}${name === undefined ? "" : ` ${name}`}`);
  }
}
