import { photoDecodes } from "@/lib/photos/ingest";
import { env } from "@/lib/platform/env";

/**
 * Runs `work` while every photo decode slot is taken: a picture refused from its header is answered
 * at once, one that reached a decode would wait until the slots are let go, after `work` is over.
 */
export async function withEveryDecodeSlotHeld<T>(work: () => Promise<T>): Promise<T> {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const holders = Array.from({ length: env().PHOTO_DECODE_CONCURRENCY }, () => photoDecodes().run(() => gate));
  try {
    return await work();
  } finally {
    open();
    await Promise.all(holders);
  }
}
