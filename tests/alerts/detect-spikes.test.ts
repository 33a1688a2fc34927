import { describe, expect, it } from 'vitest';
import { checkSpike } from '../../lambdas/alerts/detect-spikes.ts';
import { spikeWindows } from '../../lambdas/alerts/find-spikes.ts';

const quiet = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0];

describe('checkSpike', () => {
  it('finds none in a quiet series, one on a jump, with mean, population sd and threshold', () => {
    expect(checkSpike([...quiet, 1]).spike).toBe(false);
    expect(checkSpike([...quiet, 4])).toEqual({ count: 4, mean: 0.25, sd: Math.sqrt(0.1875), threshold: 0.25 + 3 * Math.sqrt(0.1875), spike: true });
  });

  it('needs at least the minimum count, even over a flat zero baseline', () => {
    expect(checkSpike([...Array(28).fill(0), 2]).spike).toBe(false);
    expect(checkSpike([...Array(28).fill(0), 3]).spike).toBe(true);
    expect(checkSpike([...Array(28).fill(0), 2], { minCount: 2, k: 3 }).spike).toBe(true);
  });

  it('must exceed mean + k·sd, k settable: a busy theme that is always busy is no spike', () => {
    const busy = Array.from({ length: 28 }, (_, i) => 8 + (i % 5));
    expect(checkSpike([...busy, 13]).spike).toBe(false);
    expect(checkSpike([...busy, 13], { minCount: 3, k: 1 }).spike).toBe(true);
    expect(checkSpike([...busy, 20]).spike).toBe(true);
  });

  it('refuses a series with no baseline', () => {
    expect(() => checkSpike([5])).toThrow('alerts: a spike needs a baseline');
  });
});

describe('spikeWindows', () => {
  it('gives 29 windows of 24 hours ending at the last full hour, oldest first', () => {
    const windows = spikeWindows(new Date('2026-11-21T17:05:00.000Z'));
    expect(windows).toHaveLength(29);
    expect(windows.at(-1)).toEqual({ from: '2026-11-20T17:00:00.000Z', to: '2026-11-21T17:00:00.000Z' });
    expect(windows[0]).toEqual({ from: '2026-10-23T17:00:00.000Z', to: '2026-10-24T17:00:00.000Z' });
  });
});
