import { describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../../lambdas/feeds/fetch/host-limiter.ts';

/** Work that stays in flight until released by hand, recording when it started. */
function gate() {
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const work = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name);
      releases.set(name, () => resolve(name));
    });
  const release = async (name: string) => {
    releases.get(name)!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { started, work, release };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createHostLimiter', () => {
  it('runs at most N per host, starting the next waiter in arrival order as a slot frees', async () => {
    const limiter = createHostLimiter(2);
    const { started, work, release } = gate();
    const results = ['a1', 'a2', 'a3', 'a4'].map((name) => limiter.run('a.pe', work(name)));
    await settle();
    expect(started).toEqual(['a1', 'a2']);
    await release('a2');
    expect(started).toEqual(['a1', 'a2', 'a3']);
    await release('a1');
    await release('a3');
    await release('a4');
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('limits each host on its own', async () => {
    const limiter = createHostLimiter(1);
    const { started, work, release } = gate();
    const runs = [limiter.run('a.pe', work('a1')), limiter.run('b.pe', work('b1')), limiter.run('a.pe', work('a2'))];
    await settle();
    expect(started).toEqual(['a1', 'b1']);
    await release('a1');
    expect(started).toEqual(['a1', 'b1', 'a2']);
    await release('b1');
    await release('a2');
    await Promise.all(runs);
  });

  it('frees the slot when the work fails, and passes the failure on', async () => {
    const limiter = createHostLimiter(1);
    const boom = new Error('ECONNRESET');
    await expect(limiter.run('a.pe', () => Promise.reject(boom))).rejects.toBe(boom);
    expect(await limiter.run('a.pe', async () => 'next')).toBe('next');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s requests per host (nothing would ever run)', (perHost) => {
    expect(() => createHostLimiter(perHost)).toThrow(`fetch: requests per host must be a whole number ≥ 1, not ${perHost}`);
  });
});
