/** Asks again every quarter second until `done` says yes or `seconds` pass; returns the last answer, for the test to judge. */
export async function until<T>(what: () => Promise<T>, done: (value: T) => boolean, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await what();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}
