// What every photo store does, whatever keeps the bytes: files under a key (one photo's folder),
// each with a name (original.jpg, w480.webp ...).
export interface PhotoStore {
  put(key: string, name: string, data: Buffer): Promise<void>;
  get(key: string, name: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
}

const SAFE = /^[a-z0-9/_.-]+$/i;

/** Keys and names come from the app, never from a request; a path that could leave the store is a bug. */
export function assertSafe(...parts: string[]) {
  for (const p of parts) if (!SAFE.test(p) || p.includes("..")) throw new Error(`unsafe photo path: ${p}`);
}
