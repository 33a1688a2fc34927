/** At most N requests in flight per host, so a poll cycle never hammers one publisher. */
export interface HostLimiter {
  run<T>(host: string, work: () => Promise<T>): Promise<T>;
}

/** `perHost`: requests in flight per host, a whole number ≥ 1; anything else throws a RangeError (nothing would run). */
export function createHostLimiter(perHost: number): HostLimiter {
  if (!Number.isInteger(perHost) || perHost < 1) throw new RangeError(`fetch: requests per host must be a whole number ≥ 1, not ${perHost}`);
  const active = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();

  const acquire = (host: string): Promise<void> => {
    const inFlight = active.get(host) ?? 0;
    if (inFlight < perHost) {
      active.set(host, inFlight + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = waiting.get(host) ?? [];
      queue.push(resolve);
      waiting.set(host, queue);
    });
  };

  const release = (host: string): void => {
    const queue = waiting.get(host);
    const next = queue?.shift();
    if (queue && queue.length === 0) waiting.delete(host);
    if (next) return next(); // the slot passes straight to the next waiter
    const inFlight = (active.get(host) ?? 1) - 1;
    if (inFlight === 0) active.delete(host);
    else active.set(host, inFlight);
  };

  return {
    async run(host, work) {
      await acquire(host);
      try {
        return await work();
      } finally {
        release(host);
      }
    },
  };
}
