// At most `limit` jobs run at once; the others wait their turn in arrival order (no polling).
export type Semaphore = {
  run<T>(job: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
};

export function createSemaphore(limit: number): Semaphore {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`semaphore limit must be a positive integer: ${limit}`);
  let running = 0;
  const queue: (() => void)[] = [];

  function release() {
    const next = queue.shift();
    // The slot passes straight to the next job in line, so `running` stays as it is.
    if (next) next();
    else running -= 1;
  }

  return {
    async run(job) {
      if (running < limit) running += 1;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await job();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
